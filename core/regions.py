"""Belgium's regions as Knelpunt names them (work authorisation is decided per region)."""

REGIONS = ("flanders", "brussels", "wallonia", "german_speaking")
