# ruff: noqa: E501  (hand-written label tables: one label list per line)
"""Hand-made mapping of each row of ../shared/domain/shortage-occupations.csv to ESCO occupations.

Key: region + "|" + occupation_label (exactly as in the CSV). Value: (uuids, confidence, note).
confidence: "exact" (the list item is this ESCO occupation), "close" (same job, ESCO scope slightly
wider or narrower), "broad" (the list item spans several ESCO occupations or is only loosely named).
"""

SHORTAGE_MAP = {
    "Flanders|bestuurder bouwplaatsmachines": (
        ["eedbf8b1", "cae71f3f", "426c8cca", "4370b117", "5f68c4c3"], "broad",
        "earth-moving plant operators: excavator, bulldozer, grader, road roller, road construction machinery"),
    "Flanders|boor- en heimachinist": (["b4f4b21e", "364e61ab"], "close", "pile driving hammer operator; driller"),
    "Flanders|vrachtwagenbestuurder rijbewijs C, C1, CE, C1E": (["45037d43"], "exact", "cargo vehicle driver (heavy truck driver)"),
    "Flanders|autocarchauffeur rijbewijs D, D1, DE, D1E": (["00cee175"], "exact", "bus driver (coach)"),
    "Flanders|autobuschauffeur rijbewijs D, D1, DE, D1E": (["00cee175"], "exact", "bus driver"),
    "Flanders|onderhoudsmecanicien": (["269c47e7"], "close", "industrial machinery mechanic"),
    "Flanders|koeltechnicus": (["79f435d0"], "close", "HVAC and refrigeration service engineer"),
    "Flanders|industrieel plaatbewerker": (["572c9810"], "exact", "sheet metal worker"),
    "Flanders|bekister-ijzervlechter": (["691ec040", "a9068f84"], "broad",
        "no ESCO concept for formwork and rebar together: structural ironworker (rebar) and concrete finisher (formwork)"),
    "Flanders|metselaar": (["05f321f8"], "exact", "bricklayer"),
    "Flanders|vloerder tegelzetter/plaatser van muur- en vloerbekledingen": (["02447817", "0663d464"], "close",
        "tile fitter; resilient floor layer"),
    "Flanders|calculator bouw": (["0cca32c2"], "close", "quantity surveyor (building estimator); ESCO places it in ISCO 2149, list says 3112"),
    "Flanders|kwaliteitscontroleur mechanische en metalen constructies": (["c0a35355"], "close",
        "metal product quality control inspector"),
    "Flanders|onderhoudsmecanicien van bedrijfs- of vrachtwagens": (["4ad4024e", "24d378d8"], "close",
        "vehicle technician (truck mechanic); diesel engine mechanic"),
    "Flanders|technicus voertuigen": (["4ad4024e"], "exact", "vehicle technician"),
    "Flanders|technieker werf-, landbouw- en hefmachines": (["b0480558", "f7145f87", "00c8d1cf"], "close",
        "construction equipment technician; agricultural machinery technician; land-based machinery technician"),
    "Flanders|bordenbouwer": (["c44a118d"], "exact", "control panel assembler"),
    "Flanders|industrieel elektrotechnisch installateur, technicus industriële installaties, technicus ontwerper industriële automatisering of technicus industriële automatisering": (
        ["5df63943", "5791a961"], "broad", "industrial electrician; automation engineering technician"),
    "Flanders|onderhoudselektricien, technicus elektronische installaties, technicus controle en kwaliteit elektriciteit en elektronica": (
        ["5d009d45", "27811419", "1c25fdb4"], "broad",
        "electrical mechanic (maintenance electrician); electronics engineering technician; electrical equipment inspector"),
    "Flanders|onderhoudstechnicus verwarmingsinstallaties of monteur centrale verwarmingsinstallaties": (
        ["7259dc48"], "exact", "heating engineer (central heating installer)"),
    "Flanders|pijpfitter": (["2ff73126", "75f4c7aa"], "close",
        "ESCO has no separate pipefitter concept: pipe welder (alt label pipefitter); pipeline maintenance worker"),
    "Flanders|residentieel elektrotechnisch installateur": (["5dbb9cf0"], "exact", "domestic electrician"),
    "Flanders|sanitair installateur": (["ed3cf43d"], "exact", "plumber"),
    "Flanders|slager": (["37c7880e"], "exact", "butcher"),
    "Flanders|zorgkundige": (["87d0795a", "d38c2107"], "close", "nurse assistant; healthcare assistant"),
    "Flanders|monteur elektrische en elektronische producten": (["3e524c3e", "6565dc02"], "exact",
        "electrical equipment assembler; electronic equipment assembler"),
    "Flanders|insteller-bediener CNC werktuigmachines": (["5c082067"], "exact", "computer numerical control machine operator"),
    "Flanders|bakker en/of patissier": (["1aadb308", "ff42d44c"], "exact", "baker; pastry maker"),
    "Flanders|installateur van liften": (["f8d1bcf9"], "exact", "lift engineer"),
    "Flanders|asbestverwijderaar": (["990bfa45"], "exact", "asbestos abatement worker"),
    "Flanders|installateur van datacommunicatienetwerken": (["056bef79", "64c7d461"], "close",
        "telecommunications technician; ICT network technician"),
    "Flanders|operator installaties (chemie)": (["a241eff8", "5b3ef95b"], "close",
        "chemical processing plant controller; chemical mixer (chemical plant operator)"),
    "Wallonia|chef/cheffe de partie": (["1009be17"], "close", "chef (alt label chef de partie)"),
    "Wallonia|buyer": (["29fa406d"], "exact", "purchaser"),
    "Wallonia|driving instructor": (["bca2528a"], "exact", "driving instructor"),
    "Wallonia|social worker": (["4b05bef2"], "exact", "social worker"),
    "Wallonia|automotive technician": (["4ad4024e"], "exact", "vehicle technician"),
    "Wallonia|chef/cook": (["1009be17", "90f75f67"], "close", "chef; cook"),
    "Wallonia|building manager": (["b42c5ed4"], "broad", "facilities manager (gestionnaire d'immeubles); source wording vague"),
    "Wallonia|industrial installation electricians": (["5df63943"], "exact", "industrial electrician"),
    "Wallonia|industrial maintenance managers": (["680831bb", "615920c5"], "broad",
        "manufacturing facility manager (responsable maintenance de site de production); maintenance and repair engineer"),
    "Wallonia|mechanics for cars and light vehicles": (["4ad4024e"], "exact", "vehicle technician"),
}
