"""The vocabulary's languages and the thresholds of the title and skill normaliser."""

# Languages of the ESCO labels Knelpunt loads and searches.
LANGUAGES = ("nl", "fr", "de", "en")
LABEL_KINDS = ("preferred", "alt", "hidden")

# Calibrated probabilities (see docs/normaliser.md): below 0.5 the top hit is wrong more often than
# right, so an automatically normalised vacancy title is flagged for review.
OCCUPATION_LOW_CONFIDENCE: float = 0.5
# A free-text skill is linked to an ESCO skill only when the match is more likely right than wrong.
SKILL_MIN_CONFIDENCE: float = 0.55

# Bounds of a search request (query string and service alike).
MAX_LIMIT = 50
MAX_QUERY_LENGTH = 300
