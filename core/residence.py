"""Where a worker stands with respect to residence: what a coach may record and the permit engine reads."""

RESIDENCE_SITUATIONS = (
    "abroad",
    "legal_residence_with_work_access",
    "legal_residence_without_work_access",
    "asylum_applicant",
    "no_legal_residence",
    "unknown",
)
