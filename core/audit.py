"""What the audit trail records."""

AUDIT_ACTIONS = (
    "match_query",
    "match_preview",
    "match_events",
    "pathway_query",
    "pathway_overview",
    "candidate_erased",
    "vacancy_deleted",
)
# What a record is about: a candidate, a vacancy, a preview of an unsaved profile, or a feed poll.
AUDIT_SUBJECT_TYPES = ("candidate", "vacancy", "preview", "feed")
