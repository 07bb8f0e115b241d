"""pytest plugin: the `vocabulary` fixture — a small ESCO-like vocabulary in the test database.

It writes the data as seed JSON files in a temporary folder and loads them with
`seed_data.vocabulary.load(folder)`, i.e. through the same code path as the shipped seed.

Occupation URIs and ISCO codes are the real ESCO ones; skill URIs are fixture URIs
(`http://data.europa.eu/esco/skill/fixture-<name>`), not real ESCO identifiers.

Returned dict (documented contract for other test suites):

- `vocabulary["occupations"][key]` → `{"id": int, "uri": str, "isco_code": str}` for keys
  `welder`, `forklift_driver`, `care_assistant`, `cook`, `bricklayer`, `truck_driver`, `cleaner`,
  `cnc_operator`, `nurse`, `software_developer`, `staircase_installer`
- `vocabulary["skills"][key]` → `{"id": int, "uri": str}` for the keys of `SKILLS` below
  (e.g. `weld_metal`, `drive_forklift`, `hygiene`, `cook_food`, `lay_bricks`, `python`)
- `vocabulary["relations"][occupation_key]` → `{"essential": [skill keys], "optional": [skill keys]}`
- `vocabulary["isco_groups"]` → list of the ISCO codes loaded (all levels)
- `vocabulary["version"]` → the `VocabularyVersion` id recorded by the load
"""

from __future__ import annotations

import json

import pytest

OCC = "http://data.europa.eu/esco/occupation/"
SKILL = "http://data.europa.eu/esco/skill/fixture-"


def _labels(en, nl, fr, de, en_alt=(), nl_alt=(), fr_alt=(), de_alt=()):
    return {
        "en": {"preferred": en, "alt": list(en_alt)},
        "nl": {"preferred": nl, "alt": list(nl_alt)},
        "fr": {"preferred": fr, "alt": list(fr_alt)},
        "de": {"preferred": de, "alt": list(de_alt)},
    }


# key: (uuid, isco, labels, essential skill keys, optional skill keys)
OCCUPATIONS = {
    "welder": (
        "7aedaa07-3884-4c5b-88f9-80997b2aa54b",
        "7212",
        _labels(
            "welder",
            "lasser",
            "soudeur/soudeuse",
            "Schweißer/Schweißerin",
            ["arc welder", "TIG welder", "MIG welder"],
            ["lasster", "TIG-lasser", "MIG-lasser"],
            ["soudeur", "soudeuse", "soudeur TIG"],
            ["Schweißer", "Schweißerin"],
        ),
        ["weld_metal", "read_drawings", "safety_equipment"],
        ["cut_metal"],
    ),
    "forklift_driver": (
        "eeac6251-1974-42f5-91ed-513c6c883755",
        "8344",
        _labels(
            "forklift operator",
            "heftruckchauffeur",
            "cariste",
            "Gabelstaplerfahrer",
            ["forklift driver", "forklift truck operator"],
            ["heftruckbestuurder", "vorkheftruckchauffeur", "reachtruckchauffeur"],
            ["conducteur de chariot élévateur", "cariste magasinier"],
            ["Staplerfahrer"],
        ),
        ["drive_forklift", "stock_goods"],
        ["safety_equipment"],
    ),
    "care_assistant": (
        "d38c2107-98f2-47b7-8bb4-f69750d51082",
        "5321",
        _labels(
            "healthcare assistant",
            "zorgkundige",
            "aide-soignant/aide-soignante",
            "Pflegehelfer/Pflegehelferin",
            ["care assistant", "elderly care assistant"],
            ["zorghulp", "verzorgende", "zorgassistent"],
            ["aide-soignant", "aide-soignante"],
            ["Pflegehelfer"],
        ),
        ["personal_care", "hygiene"],
        ["communicate_patients"],
    ),
    "cook": (
        "90f75f67-495d-49fa-ab57-2f320e251d7e",
        "5120",
        _labels(
            "cook",
            "kok",
            "cuisinier/cuisinière",
            "Koch/Köchin",
            ["kitchen cook", "line cook"],
            ["keukenkok", "kokkin", "chef-kok"],
            ["cuisinier", "cuisinière", "chef de partie"],
            ["Koch", "Köchin"],
        ),
        ["cook_food", "food_safety"],
        ["hygiene"],
    ),
    "bricklayer": (
        "05f321f8-055b-407d-bf19-e0ddabda56b7",
        "7112",
        _labels(
            "bricklayer",
            "metselaar",
            "maçon/maçonne",
            "Maurer/Maurerin",
            ["brick layer"],
            ["metselaarster"],
            ["maçon", "maçonne", "briqueteur"],
            ["Maurer"],
        ),
        ["lay_bricks", "read_drawings"],
        ["safety_equipment"],
    ),
    "truck_driver": (
        "45037d43-a8f5-4f46-b332-b2935bc305f4",
        "8332",
        _labels(
            "cargo vehicle driver",
            "vrachtwagenchauffeur",
            "chauffeur poids lourd",
            "Lastkraftwagenfahrer",
            ["truck driver", "lorry driver", "HGV driver"],
            ["vrachtwagenbestuurder", "truckchauffeur", "chauffeur CE"],
            ["conducteur de poids lourd", "chauffeur routier", "routier"],
            ["LKW-Fahrer"],
        ),
        ["drive_truck", "load_cargo"],
        ["plan_routes"],
    ),
    "cleaner": (
        "303a1e34-cb16-4054-b323-81e5eec17397",
        "9112",
        _labels(
            "building cleaner",
            "schoonmaker gebouwen",
            "agent d'entretien/agente d'entretien",
            "Gebäudereiniger/Gebäudereinigerin",
            ["cleaner", "janitor", "office cleaner"],
            ["schoonmaker", "schoonmaakster", "poetshulp", "schoonmaakmedewerker"],
            ["agent d'entretien", "nettoyeur", "technicien de surface"],
            ["Reinigungskraft"],
        ),
        ["clean_surfaces", "hygiene"],
        ["stock_goods"],
    ),
    "cnc_operator": (
        "5c082067-ea18-4ccb-8c43-e70b18ad8120",
        "7223",
        _labels(
            "computer numerical control machine operator",
            "operator CNC-machine",
            "opérateur sur machine CNC/opératrice sur machine CNC",
            "CNC-Maschinenbediener",
            ["CNC operator", "CNC machinist"],
            ["CNC-operator", "CNC-verspaner", "CNC-draaier"],
            ["opérateur CNC", "opératrice CNC", "fraiseur CNC"],
            ["CNC-Fräser"],
        ),
        ["operate_cnc", "read_drawings"],
        ["cut_metal"],
    ),
    "nurse": (
        "8d3e8aaa-791b-4c75-a465-f3f827028f50",
        "2221",
        _labels(
            "nurse responsible for general care",
            "algemeen verpleegkundige",
            "infirmier de soins généraux/infirmière de soins généraux",
            "Gesundheits- und Krankenpfleger",
            ["nurse", "general nurse", "registered nurse"],
            ["verpleegkundige", "verpleger", "verpleegster"],
            ["infirmier", "infirmière", "infirmier en soins généraux"],
            ["Krankenpfleger"],
        ),
        ["personal_care", "communicate_patients", "administer_medication"],
        ["hygiene"],
    ),
    "software_developer": (
        "f2b15a0e-e65a-438a-affb-29b9d50b77d1",
        "2512",
        _labels(
            "software developer",
            "software ontwikkelaar",
            "développeur de logiciels/développeuse de logiciels",
            "Softwareentwickler",
            ["programmer", "software engineer"],
            ["programmeur", "softwareontwikkelaar"],
            ["développeur", "développeuse", "programmeur"],
            ["Programmierer"],
        ),
        ["python", "software_design"],
        ["sql"],
    ),
    "staircase_installer": (
        "246e7d87-756e-4db2-97e8-11ef63b864f0",
        "7115",
        _labels(
            "staircase installer",
            "trappensteller",
            "poseur d'escaliers/poseuse d'escaliers",
            "Treppenbauer",
            ["stair builder"],
            ["trappenplaatser", "trappenmonteur"],
            ["poseur d'escaliers"],
            [],
        ),
        ["read_drawings"],
        ["safety_equipment"],
    ),
}

# key: (en, nl, fr, skill_type)
SKILLS = {
    "weld_metal": (
        "use welding equipment",
        "lasapparatuur gebruiken",
        "utiliser du matériel de soudage",
        "skill/competence",
    ),
    "cut_metal": (
        "cut metal products",
        "metalen producten snijden",
        "couper des produits métalliques",
        "skill/competence",
    ),
    "read_drawings": (
        "read standard blueprints",
        "standaardbouwtekeningen lezen",
        "lire des plans standards",
        "skill/competence",
    ),
    "safety_equipment": (
        "wear appropriate protective gear",
        "geschikte beschermende uitrusting dragen",
        "porter un équipement de protection approprié",
        "skill/competence",
    ),
    "drive_forklift": (
        "operate forklift",
        "heftruck bedienen",
        "conduire un chariot élévateur",
        "skill/competence",
    ),
    "stock_goods": (
        "store warehouse goods",
        "magazijngoederen opslaan",
        "stocker des marchandises",
        "skill/competence",
    ),
    "personal_care": (
        "assist patients with personal hygiene",
        "patiënten helpen bij persoonlijke hygiëne",
        "aider les patients pour leur hygiène personnelle",
        "skill/competence",
    ),
    "hygiene": (
        "hygiene in a health care setting",
        "hygiëne in de gezondheidszorg",
        "hygiène en milieu de soins",
        "knowledge",
    ),
    "communicate_patients": (
        "communicate with patients",
        "communiceren met patiënten",
        "communiquer avec les patients",
        "skill/competence",
    ),
    "administer_medication": (
        "administer medication",
        "medicatie toedienen",
        "administrer des médicaments",
        "skill/competence",
    ),
    "cook_food": ("prepare dishes", "gerechten bereiden", "préparer des plats", "skill/competence"),
    "food_safety": (
        "food safety principles",
        "voedselveiligheidsbeginselen",
        "principes de sécurité alimentaire",
        "knowledge",
    ),
    "lay_bricks": ("lay bricks", "stenen metselen", "poser des briques", "skill/competence"),
    "drive_truck": (
        "drive heavy trucks",
        "vrachtwagens besturen",
        "conduire des poids lourds",
        "skill/competence",
    ),
    "load_cargo": ("load cargo", "lading laden", "charger des marchandises", "skill/competence"),
    "plan_routes": (
        "plan transport routes",
        "transportroutes plannen",
        "planifier des itinéraires de transport",
        "skill/competence",
    ),
    "clean_surfaces": (
        "clean surfaces",
        "oppervlakken reinigen",
        "nettoyer des surfaces",
        "skill/competence",
    ),
    "operate_cnc": (
        "operate CNC machine",
        "CNC-machine bedienen",
        "utiliser une machine CNC",
        "skill/competence",
    ),
    "python": (
        "Python (computer programming)",
        "Python (computerprogrammering)",
        "Python (programmation informatique)",
        "knowledge",
    ),
    "software_design": (
        "create software design",
        "softwareontwerp maken",
        "créer une conception de logiciel",
        "skill/competence",
    ),
    "sql": ("SQL", "SQL", "SQL", "knowledge"),
}

ISCO_GROUPS = {
    "2": (
        "Professionals",
        "Intellectuele, wetenschappelijke en artistieke beroepen",
        "Professions intellectuelles et scientifiques",
    ),
    "22": ("Health professionals", "Specialisten op het gebied van gezondheid", "Spécialistes de la santé"),
    "222": (
        "Nursing and midwifery professionals",
        "Verpleegkundigen en verloskundigen",
        "Cadres infirmiers et sages-femmes",
    ),
    "2221": ("Nursing professionals", "Verpleegkundigen", "Cadres infirmiers"),
    "25": (
        "Information and communications technology professionals",
        "Specialisten op het gebied van ICT",
        "Spécialistes des TIC",
    ),
    "251": (
        "Software and applications developers and analysts",
        "Software- en applicatieontwikkelaars en -analisten",
        "Concepteurs et analystes de logiciels et de multimédia",
    ),
    "2512": ("Software developers", "Softwareontwikkelaars", "Concepteurs de logiciels"),
    "5": (
        "Service and sales workers",
        "Dienstverlenend personeel en verkopers",
        "Personnel des services et vendeurs",
    ),
    "51": (
        "Personal service workers",
        "Dienstverlenend personeel",
        "Personnel des services directs aux particuliers",
    ),
    "512": ("Cooks", "Koks", "Cuisiniers"),
    "5120": ("Cooks", "Koks", "Cuisiniers"),
    "53": ("Personal care workers", "Verzorgend personeel", "Personnel soignant"),
    "532": (
        "Personal care workers in health services",
        "Verzorgend personeel in de gezondheidszorg",
        "Personnel soignant et assimilé",
    ),
    "5321": ("Health care assistants", "Verzorgenden in de gezondheidszorg", "Aides-soignants"),
    "7": (
        "Craft and related trades workers",
        "Ambachtslieden",
        "Métiers qualifiés de l'industrie et de l'artisanat",
    ),
    "71": (
        "Building and related trades workers, excluding electricians",
        "Bouwarbeiders",
        "Métiers qualifiés du bâtiment",
    ),
    "711": (
        "Building frame and related trades workers",
        "Bouwarbeiders ruwbouw",
        "Métiers qualifiés du gros œuvre",
    ),
    "7112": ("Bricklayers and related workers", "Metselaars", "Maçons"),
    "7115": ("Carpenters and joiners", "Timmerlieden", "Charpentiers et menuisiers"),
    "72": (
        "Metal, machinery and related trades workers",
        "Metaalbewerkers en machinebouwers",
        "Métiers qualifiés de la métallurgie et de la construction mécanique",
    ),
    "721": (
        "Sheet and structural metal workers",
        "Plaatwerkers en constructiemetaalbewerkers",
        "Tôliers et monteurs de charpentes métalliques",
    ),
    "7212": ("Welders and flamecutters", "Lassers en snijbranders", "Soudeurs et oxycoupeurs"),
    "722": (
        "Blacksmiths, toolmakers and related trades workers",
        "Smeden en gereedschapsmakers",
        "Forgerons et outilleurs",
    ),
    "7223": (
        "Metal working machine tool setters and operators",
        "Instellers en bedieners van metaalbewerkingsmachines",
        "Régleurs et conducteurs de machines-outils",
    ),
    "8": (
        "Plant and machine operators, and assemblers",
        "Bedieners van machines en installaties",
        "Conducteurs d'installations et de machines",
    ),
    "83": ("Drivers and mobile plant operators", "Bestuurders van voertuigen", "Conducteurs de véhicules"),
    "833": (
        "Heavy truck and bus drivers",
        "Vrachtwagen- en buschauffeurs",
        "Conducteurs de poids lourds et d'autobus",
    ),
    "8332": ("Heavy truck and lorry drivers", "Vrachtwagenchauffeurs", "Conducteurs de poids lourds"),
    "834": (
        "Mobile plant operators",
        "Bedieners van mobiele installaties",
        "Conducteurs de matériels mobiles",
    ),
    "8344": ("Lifting truck operators", "Heftruckbestuurders", "Conducteurs de chariots élévateurs"),
    "9": ("Elementary occupations", "Elementaire beroepen", "Professions élémentaires"),
    "91": ("Cleaners and helpers", "Schoonmakers en helpers", "Aides de ménage"),
    "911": (
        "Domestic, hotel and office cleaners and helpers",
        "Schoonmakers in huishoudens, hotels en kantoren",
        "Aides de ménage et agents d'entretien",
    ),
    "9112": (
        "Cleaners and helpers in offices, hotels and other establishments",
        "Schoonmakers in kantoren en hotels",
        "Agents d'entretien dans les bureaux et les hôtels",
    ),
}


def vocabulary_seed_files() -> tuple[list, list, list]:
    """The fixture's data in the seed JSON format: (occupations, skills, isco_groups)."""
    occupations = [
        {
            "uri": OCC + uuid,
            "isco_code": isco,
            "labels": labels,
            "description": f"Fixture description of {labels['en']['preferred']}.",
            "essential_skills": [SKILL + key.replace("_", "-") for key in essential],
            "optional_skills": [SKILL + key.replace("_", "-") for key in optional],
        }
        for uuid, isco, labels, essential, optional in OCCUPATIONS.values()
    ]
    skills = [
        {
            "uri": SKILL + key.replace("_", "-"),
            "skill_type": kind,
            "reuse_level": "cross-sector",
            "description": "",
            "labels": {"en": {"preferred": en}, "nl": {"preferred": nl}, "fr": {"preferred": fr}},
        }
        for key, (en, nl, fr, kind) in SKILLS.items()
    ]
    groups = [
        {"code": code, "labels": {"en": en, "nl": nl, "fr": fr}} for code, (en, nl, fr) in ISCO_GROUPS.items()
    ]
    return occupations, skills, groups


def write_seed_files(folder) -> None:
    occupations, skills, groups = vocabulary_seed_files()
    for name, data in (
        ("occupations.json", occupations),
        ("skills.json", skills),
        ("isco_groups.json", groups),
    ):
        (folder / name).write_text(json.dumps(data, ensure_ascii=False, indent=1), encoding="utf-8")


@pytest.fixture
def vocabulary(app, tmp_path_factory):
    """Load the fixture vocabulary through the seed loader; returns ids and URIs (see module docstring)."""
    from models import db
    from models.taxonomy import Occupation, Skill, VocabularyVersion
    from seed_data.vocabulary import load

    folder = tmp_path_factory.mktemp("vocabulary_seed")
    write_seed_files(folder)
    with db.connection_context():
        load(folder)
        occ_ids = dict(Occupation.select(Occupation.uri, Occupation.id).tuples())
        skill_ids = dict(Skill.select(Skill.uri, Skill.id).tuples())
        version = VocabularyVersion.select().order_by(VocabularyVersion.id.desc()).first()
    return {
        "occupations": {
            key: {"id": occ_ids[OCC + uuid], "uri": OCC + uuid, "isco_code": isco}
            for key, (uuid, isco, *_rest) in OCCUPATIONS.items()
        },
        "skills": {
            key: {"id": skill_ids[SKILL + key.replace("_", "-")], "uri": SKILL + key.replace("_", "-")}
            for key in SKILLS
        },
        "relations": {
            key: {"essential": list(ess), "optional": list(opt)}
            for key, (_u, _i, _l, ess, opt) in OCCUPATIONS.items()
        },
        "isco_groups": sorted(ISCO_GROUPS),
        "version": version.id if version else None,
    }
