"""Names the match score and the pathway reach are made of (shown in responses and the API schema)."""

# The components of a (candidate, vacancy) match score, in the order responses list them (docs/matching.md).
MATCH_COMPONENTS = (
    "occupation",
    "title",
    "essential_skills",
    "optional_skills",
    "languages",
    "education",
    "location",
    "availability",
    "text",
)

# The components of a pathway's reach towards a shortage occupation in a region (docs/pathways.md).
PATHWAY_COMPONENTS = ("proximity", "skills", "language", "education", "recognition")
