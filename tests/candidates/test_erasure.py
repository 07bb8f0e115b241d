"""DELETE on a candidate is erasure: every derived row goes, an audit record stays without data."""

import json

from models import ALL_MODELS, db
from models.audit import AuditRecord
from models.cache_version import CacheVersion
from models.candidate import (
    Candidate,
    CandidateExperience,
    CandidateLanguage,
    CandidatePermitFacts,
    CandidateSkill,
)
from tests.vacancies.helpers import candidate_body, vacancy_body

URL = "/api/v1/candidates"
DERIVED = (CandidateSkill, CandidateExperience, CandidateLanguage, CandidatePermitFacts)


def _counts(candidate_id):
    with db.connection_context():
        return {m.__name__: m.select().where(m.candidate == candidate_id).count() for m in DERIVED}


def test_delete_erases_the_profile_and_every_derived_row(coach, vocab):
    keep = coach.post(URL, json=candidate_body(external_id="keep")).get_json()
    gone = coach.post(URL, json=candidate_body(external_id="gone", reference="PSEUDO-42")).get_json()
    assert all(_counts(gone["id"]).values())
    with db.connection_context():
        counter = CacheVersion.current("candidates")

    response = coach.delete(f"{URL}/{gone['id']}")
    assert response.status_code == 204
    assert coach.get(f"{URL}/{gone['id']}").status_code == 404
    assert set(_counts(gone["id"]).values()) == {0}
    assert all(_counts(keep["id"]).values())
    with db.connection_context():
        assert Candidate.get_or_none(Candidate.id == gone["id"]) is None
        assert CacheVersion.current("candidates") > counter
    assert coach.delete(f"{URL}/{gone['id']}").status_code == 404


def test_erasure_leaves_an_audit_record_without_the_erased_data(coach, vocab):
    gone = coach.post(URL, json=candidate_body(external_id="EXT-SECRET", reference="PSEUDO-42")).get_json()
    coach.delete(f"{URL}/{gone['id']}")
    with db.connection_context():
        records = list(AuditRecord.select().where(AuditRecord.action == "candidate_erased"))
        assert len(records) == 1
        record = records[0]
        assert (record.subject_type, record.subject_id) == ("candidate", gone["id"])
        assert record.organisation.name == coach.organisation
        stored = json.dumps({f.name: str(getattr(record, f.name)) for f in AuditRecord._meta.sorted_fields})
    for erased in ("EXT-SECRET", "PSEUDO-42", "metselen", "1994", "abroad", "Metselaar"):
        assert erased not in stored
    assert json.loads(record.parameters)["rows_removed"]["candidate_skill"] == 1


def test_match_feed_rows_of_the_candidate_are_erased(coach, employer, vocab):
    from models.matching import MatchEvent, MatchSnapshot
    from models.organisation import Organisation

    gone = coach.post(URL, json=candidate_body()).get_json()
    keep = coach.post(URL, json=candidate_body()).get_json()
    vacancy = employer.post("/api/v1/vacancies", json=vacancy_body()).get_json()
    with db.connection_context():
        org = Organisation.get(Organisation.name == coach.organisation)
        for cid in (gone["id"], keep["id"]):
            MatchSnapshot.create(organisation=org, candidate=cid, vacancy=vacancy["id"], score=80)
            MatchEvent.create(
                organisation=org,
                candidate=cid,
                vacancy=vacancy["id"],
                kind="new",
                reason="first_poll",
                score=80,
                engine_version="t",
            )
    assert coach.delete(f"{URL}/{gone['id']}").status_code == 204
    with db.connection_context():
        for model in (MatchSnapshot, MatchEvent):
            assert model.select().where(model.candidate == gone["id"]).count() == 0
            assert model.select().where(model.candidate == keep["id"]).count() == 1
        record = AuditRecord.get(AuditRecord.action == "candidate_erased")
        removed = json.loads(record.parameters)["rows_removed"]
        assert removed["match_snapshot"] == removed["match_event"] == 1


def test_no_table_keeps_a_reference_to_an_erased_candidate(coach, vocab):
    """Every column that can point at a candidate (whoever owns the table) is empty of it."""
    from services.candidates import _referencing_columns

    gone = coach.post(URL, json=candidate_body()).get_json()
    coach.delete(f"{URL}/{gone['id']}")
    columns = list(_referencing_columns())
    assert {m for m, _ in columns} >= set(DERIVED)
    with db.connection_context():
        for model, field in columns:
            assert model in ALL_MODELS
            assert model.select().where(field == gone["id"]).count() == 0, model.__name__
