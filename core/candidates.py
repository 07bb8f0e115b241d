"""Enumerations of a candidate profile."""

DRIVING_LICENCES = ("AM", "A1", "A2", "A", "B", "BE", "C1", "C1E", "C", "CE", "D1", "D1E", "D", "DE", "G")
DIPLOMA_RECOGNITION = ("recognised", "pending", "not_recognised", "unknown")
