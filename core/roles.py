"""Who may call Knelpunt: the roles of API keys."""

ROLES = ("admin", "coach", "employer", "integration")
# Roles that may see candidates (employers never do).
CANDIDATE_ROLES = ("admin", "coach", "integration")
