"""peewee models. Importing this package registers every table; each module imports the tables its
foreign keys point at first, so `ALL_MODELS` is in dependency order."""

from . import permit  # noqa: F401  (permit reference data)
from .audit import AuditRecord  # noqa: F401
from .base import MODEL_REGISTRY, BaseModel, bind_database, db, is_postgres, utcnow  # noqa: F401
from .cache_version import CacheVersion  # noqa: F401
from .candidate import (  # noqa: F401
    Candidate,
    CandidateExperience,
    CandidateLanguage,
    CandidatePermitFacts,
    CandidateSkill,
)
from .deletion import DeletedRecord  # noqa: F401
from .matching import MatchEvent, MatchFeedState, MatchSnapshot  # noqa: F401
from .organisation import ApiKey, Organisation  # noqa: F401
from .taxonomy import (  # noqa: F401
    IscoGroup,
    IscoGroupLabel,
    Occupation,
    OccupationLabel,
    OccupationSkill,
    Skill,
    SkillLabel,
    VocabularyVersion,
)
from .vacancy import Vacancy, VacancyLanguage, VacancySkill  # noqa: F401

ALL_MODELS = list(MODEL_REGISTRY)
