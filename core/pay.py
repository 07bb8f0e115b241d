"""How Belgian pay converts between periods."""

# Gross monthly pay -> gross annual pay in Belgium: 12 months + the 13th month + double holiday pay
# (about 92% of a month) = 13.92 monthly salaries. The regions use the same factor to express their
# annual single-permit salary thresholds per month (vlaanderen.be: "annual / 13.92").
MONTHS_PER_YEAR_BE = 13.92
WEEKS_PER_YEAR = 52
WEEKS_PER_MONTH = WEEKS_PER_YEAR / 12
# Plausible ranges of money figures: anything beyond them is a typo or an attack (and 1e308 × 13.92
# is Infinity, which JSON cannot carry).
MAX_EUR_AMOUNT = 1_000_000
