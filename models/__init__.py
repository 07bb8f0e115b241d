"""peewee models. Importing this package registers every table in dependency order."""

from .base import MODEL_REGISTRY, BaseModel, bind_database, db, is_postgres, utcnow  # noqa: F401
from .organisation import ApiKey, Organisation  # noqa: F401
from .cache_version import CacheVersion  # noqa: F401
from .taxonomy import (IscoGroup, IscoGroupLabel, Occupation, OccupationLabel, OccupationSkill,  # noqa: F401
                       Skill, SkillLabel, VocabularyVersion)
from .vacancy import Vacancy, VacancyLanguage, VacancySkill  # noqa: F401
from .candidate import (Candidate, CandidateExperience, CandidateLanguage, CandidatePermitFacts,  # noqa: F401
                        CandidateSkill)
from .audit import AuditRecord  # noqa: F401
from .matching import MatchEvent, MatchFeedState, MatchSnapshot  # noqa: F401
from . import permit  # noqa: F401,E402  (permit reference data, issue 5)

ALL_MODELS = list(MODEL_REGISTRY)
