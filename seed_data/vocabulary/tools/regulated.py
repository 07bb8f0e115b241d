# ruff: noqa: E501  (hand-written label tables: one label list per line)
"""Belgian access requirements worth showing next to an occupation (keyed by ESCO uuid prefix).

Short, factual notes only; the permit rules themselves live in the permits seed data.
"""

REGULATED_NOTES = {
    "8d3e8aaa": "Regulated in Belgium: practising as a nurse requires recognition of the diploma and a visa "
                "from the FPS Public Health.",
    "87d0795a": "Regulated in Belgium: a zorgkundige / aide-soignant(e) must be registered with the FPS Public Health.",
    "d38c2107": "Regulated in Belgium: a zorgkundige / aide-soignant(e) must be registered with the FPS Public Health.",
    "45037d43": "Requires a driving licence C/CE and the driver qualification card (code 95).",
    "c5d779f4": "Requires a driving licence C/CE, the driver qualification card (code 95) and an ADR certificate.",
    "00cee175": "Requires a driving licence D/DE and the driver qualification card (code 95).",
    "bca2528a": "Regulated in Belgium: driving instructors need an instructor licence (brevet).",
    "79f435d0": "Work on refrigerant circuits requires an F-gas certificate (EU Regulation on fluorinated gases).",
    "990bfa45": "Asbestos removal requires specific asbestos training under Belgian workplace safety law.",
}
