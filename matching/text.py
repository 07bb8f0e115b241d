"""Normalisation of job titles and skill labels in Dutch, French, German and English.

Two levels:

- `fold(text)` — lower case, accents stripped, punctuation turned into spaces. Used for display-free
  comparison (character n-grams, rapidfuzz).
- `clean_title(text)` — `fold` plus removal of what vacancy titles carry besides the occupation:
  gender markers ("(m/v/x)", "H/F", "(m/w/d)"), inclusive-writing suffixes ("soudeur(euse)",
  "vendeur·euse"), seniority and contract words ("junior", "stagiair", "CDI", "voltijds"), reference
  codes ("REF 1234"), Belgian place names ("- Gent"), numbers, and common abbreviations expanded.
- `stem(token)` — a light, language-neutral stemmer applied identically to labels and queries: French
  feminine forms to masculine ("soudeuse" → "soudeur", "infirmière" → "infirmier"), plurals removed
  ("lassers" → "lasser"), a final "e" dropped ("zorgkundige" = "zorgkundig").
- `CompoundSplitter` — splits Dutch/German compounds against the vocabulary's own words
  ("heftruckchauffeur" → "heftruck" + "chauffeur").

Everything is deterministic and has no state besides what a `CompoundSplitter` is built from.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

__all__ = [
    "fold",
    "clean_title",
    "tokens",
    "stem",
    "stem_tokens",
    "CompoundSplitter",
    "label_variants",
    "NOISE_WORDS",
    "STOPWORDS",
    "head_tokens",
    "expand",
]

_SPECIAL = str.maketrans(
    {
        "ß": "ss",
        "æ": "ae",
        "œ": "oe",
        "ø": "o",
        "ł": "l",
        "đ": "d",
        "ð": "d",
        "þ": "th",
        "’": "'",
        "‘": "'",
        "´": "'",
        "`": "'",
        "–": "-",
        "—": "-",
        "·": ".",
        "•": " ",
        "\u2027": ".",
    }
)

# Gender markers: (m/v/x) (m/v) (v/m/x) (m/w/d) (h/f) H/F M/F F/H (f/h/x) (m-v-x) (m|v|x) (x/v/m), "(x)".
_GENDER = re.compile(
    r"\(\s*[mvwfhxd]\s*(?:[/|,\-]\s*[mvwfhxd]\s*){1,3}\)"
    r"|(?<![\w/])[mvwfhxd]\s*[/|]\s*[mvwfhxd](?:\s*[/|]\s*[mvwfhxd]){0,2}(?![\w/])"
    r"|\(\s*x\s*\)|\(\s*(?:all genders|alle geslachten|tous genres)\s*\)",
    re.IGNORECASE,
)
# Inclusive writing after a word: soudeur(euse), soudeur(se), employé(e), vendeur·euse, technicien.ne,
# aide-soignant(e), soudeur/euse, infirmier/ère. Only short suffixes, so "chauffeur/livreur" stays.
_FEM_SUFFIX = (
    r"e|ne|se|euse|rice|trice|ice|ere|iere|ienne|enne|ve|ive|te|ante|ente|ee|es|s|n|sse|in|"
    r"ster|in|innen|e\)?s"
)
_INCLUSIVE = re.compile(
    rf"(?<=[a-z])(?:\(\s*(?:{_FEM_SUFFIX})\s*\)|[·•.](?:{_FEM_SUFFIX})\b"
    rf"|/\s*-?(?:{_FEM_SUFFIX})\b)(?:[·•.](?:s|x))?"
)
_REFERENCE = re.compile(
    r"\b(?:ref|reference|referentie|réf|référence|vac|vacature ?nr|vacancy ?id|job ?id|job ?ref|id|nr|no|n°)"
    r"\s*[.:#°-]?\s*[a-z]{0,4}[-_]?\d[\w/-]*",
    re.IGNORECASE,
)
_HASH_CODE = re.compile(r"#\s*\w*\d\w*|\b[a-z]{0,3}\d{3,}[\w-]*\b", re.IGNORECASE)
_URL_MAIL = re.compile(r"\S+@\S+|https?://\S+|www\.\S+")
_SPACES = re.compile(r"\s+")
_NON_WORD = re.compile(r"[^0-9a-z+#]+")

# Words that say nothing about the occupation: seniority, contract, schedule, urgency, marketing. Words
# that are also part of occupation names stay out ("contract manager", "shift leader", "job coach",
# "consultant en recrutement", "conseiller emploi", "ingénieur de recherche").
NOISE_WORDS = frozenset(
    """
junior senior medior jr sr snr jnr sen exp experienced ervaren expérimenté experimente confirme
debutant débutant starter beginner young graduate graduated afgestudeerde schoolverlater
stagiair stagiaire internship interns trainee traineeship apprentice apprenti
apprentie apprentissage alternance leerling werkplekleren duaal duale lbo ibo fpi pfi praktikant
praktikum auszubildender ausbildung lehrling
interim interimaire intérim intérimaire uitzendkracht uitzend uitzendwerk tijdelijk tijdelijke vast vaste
cdi cdd temporary permanent tempor freelance freelancer zelfstandig
zelfstandige independant indépendant polyvalent polyvalente polyvalents befristet unbefristet festanstellung
voltijds voltijdse deeltijds deeltijdse fulltime full parttime part time temps plein partiel mi
halftijds halftijdse vollzeit teilzeit uur uren heures hours hrs hr/week week weekend weekends
nacht nachten nachtdienst nachtwerk dagdienst dag ploegen ploegendienst ploegenstelsel
shiftwork equipes équipes nuit jour soir avond vroege late laat
dringend urgent urgently asap onmiddellijk immediate immediately direct per vanaf immediatement
sofort gezocht gevraagd wanted hiring recrute recherchons zoekt zoeken wij we
vacature vacatures vacancy vacancies offre offres opening openings position positions
poste postes functie function stelle stellenangebot m v x h f w d mvx hfx mwd
student studenten studentenjob etudiant étudiant jobiste flexi flexijob flex
new nieuw nouveau neue immediate start starten
""".split()
)

# Belgian places and regions (nl/fr/en/de names) that titles append ("Lasser - Gent").
PLACE_WORDS = frozenset(
    """
antwerpen anvers antwerp gent gand ghent brussel bruxelles brussels brüssel liege luik lüttich
charleroi namur namen leuven louvain mechelen malines brugge bruges hasselt genk kortrijk courtrai
aalst alost oostende ostende mons bergen wavre waver tournai doornik sint-niklaas roeselare roulers
turnhout vilvoorde zaventem eupen arlon aarlen verviers seraing louviere nivelles nijvel ottignies
herentals geel lier dendermonde termonde ieper ypres waregem lokeren beveren ninove halle
tienen tirlemont diest aarschot geraardsbergen grammont zottegem oudenaarde audenarde deinze eeklo
tongeren tongres sint-truiden saint-trond lommel beringen maasmechelen heist kontich willebroek
wetteren temse puurs machelen diegem vorst anderlecht schaerbeek schaarbeek ixelles elsene
uccle ukkel molenbeek jette evere etterbeek woluwe huy hoei dinant bastogne libramont
mouscron moeskroen waterloo braine gembloux andenne fleurus chatelet châtelet binche
vlaanderen flandre flandres flanders wallonie wallonia wallonië walloon brabant limburg limbourg
hainaut henegouwen luxembourg luxemburg oost-vlaanderen west-vlaanderen vlaams-brabant
belgie belgique belgium belgien omgeving environs regio
""".split()
)

# Abbreviations seen in vacancy titles, expanded before stemming.
ABBREVIATIONS = {
    "mgr": "manager",
    "mngr": "manager",
    "mgt": "management",
    "asst": "assistant",
    "ass": "assistant",
    "exec": "executive",
    "execs": "executive",
    "engr": "engineer",
    "tech": "technician",
    "techn": "technician",
    "techs": "technician",
    "dev": "developer",
    "devs": "developer",
    "admin": "administrative",
    "acct": "accountant",
    "accts": "accountant",
    "acc": "accounting",
    "hr": "human resources",
    "hrm": "human resources manager",
    "qa": "quality assurance",
    "qc": "quality control",
    "r&d": "research development",
    "f&b": "food beverage",
    "sw": "software",
    "ops": "operations",
    "svc": "service",
    "mktg": "marketing",
    "coord": "coordinator",
    "supv": "supervisor",
    "spv": "supervisor",
    "sup": "supervisor",
    "wh": "warehouse",
    "medew": "medewerker",
    "mdw": "medewerker",
    "resp": "responsable",
    "tech.": "technician",
    "cust": "customer",
    "svc.": "service",
    "it": "ict",
    "ict": "ict",
    "pa": "personal assistant",
    "ceo": "chief executive officer",
    "cfo": "chief financial officer",
    "cto": "chief technology officer",
    "vp": "vice president",
    "gm": "general manager",
    "bd": "business development",
    "bdm": "business development manager",
    "rep": "representative",
    "reps": "representative",
    "chauff": "chauffeur",
    "vrachtw": "vrachtwagen",
    "ce-chauffeur": "vrachtwagenchauffeur",
    "c-chauffeur": "vrachtwagenchauffeur",
    "cnc-operator": "cnc operator",
    "dba": "database administrator",
    "ui": "user interface",
    "ux": "user experience",
}

# Function words of the four languages; ignored when counting which query words a label covers.
STOPWORDS = frozenset(
    """
a an and of the for in on at to with by or & de du des la le les l d et en au aux pour par sur dans a
un une van het een voor met op aan bij of en te der die das und fur mit von zu im am vom zur zum den
""".split()
)

# Belgian and common variants that ESCO's labels do not carry, mapped to words that they do. The
# expansion is *added* to the query (the original words stay), so it can only bring candidates in.
# Keys are folded word sequences; matched on word boundaries.
EXPANSIONS = {
    # nl (Flemish usage)
    "beenhouwer": "slager",
    "plafonneerder": "stukadoor",
    "plafonneur": "platrier stukadoor",
    "technieker": "technicus monteur",
    "mecanicien": "monteur mecanicien",
    "automecanicien": "automonteur",
    "poetshulp": "schoonmaker huishoudhulp",
    "poetsvrouw": "schoonmaakster",
    "kuisvrouw": "schoonmaakster",
    "kuisman": "schoonmaker",
    "poetsen": "schoonmaken",
    "kuisen": "schoonmaken",
    "magazijnier": "magazijnmedewerker",
    "bediende": "medewerker",
    "onthaal": "receptie receptionist",
    "onthaalmedewerker": "receptionist",
    "schrijnwerker": "meubelmaker timmerman",
    "dienstencheques": "huishoudhulp",
    "titres services": "aide menagere",
    "kinesist": "fysiotherapeut",
    "kine": "fysiotherapeut",
    "kinesitherapeute": "kinesitherapeute physiotherapeute",
    "opvoeder": "begeleider opvoeder",
    "kinderverzorgster": "kinderbegeleider",
    "kinderverzorger": "kinderbegeleider",
    "vrachtwagenchauffeur": "vrachtwagenchauffeur vrachtwagenbestuurder",
    "camionchauffeur": "vrachtwagenchauffeur",
    "heftruckchauffeur": "heftruckchauffeur heftruckbestuurder",
    "bewakingsagent": "beveiliger bewakingsagent",
    "interimkantoor": "",
    "logistiek bediende": "logistiek medewerker",
    "verkoopster": "verkoopster verkoopmedewerker",
    "frigorist": "koelmonteur koeltechnieker",
    "pakjesbezorger": "koerier pakketbezorger",
    "chauffeur koerier": "koerier",
    "medewerker logistiek": "logistiek medewerker magazijnmedewerker",
    "administratief bediende": "administratief medewerker",
    # fr (Belgian and French usage)
    "femme de menage": "aide menagere agent d entretien",
    "homme de menage": "aide menager agent d entretien",
    "employe administratif": "employe administratif agent administratif",
    "employee administrative": "agent administratif",
    "commis de cuisine": "commis cuisine aide cuisinier",
    "preparateur de commandes": "preparateur commandes magasinier",
    "technicien de surface": "agent d entretien nettoyeur",
    "technicienne de surface": "agent d entretien nettoyeur",
    "gardiennage": "securite gardiennage",
    "agent de gardiennage": "agent de securite",
    "chauffeur poids lourd": "conducteur poids lourd",
    "chauffeur de bus": "conducteur autobus",
    # "chauffeur C/CE" (driving-licence categories) in both languages
    "chauffeur c": "vrachtwagenchauffeur conducteur poids lourd",
    "chauffeur ce": "vrachtwagenchauffeur conducteur poids lourd",
    "mecanicien automobile": "mecanicien automobile technicien vehicules",
    "garagiste": "mecanicien automobile",
    "aide menagere": "aide menagere domicile",
    "puericultrice": "auxiliaire puericulture",
    "puericulteur": "auxiliaire puericulture",
    "educateur": "educateur specialise",
    "ouvrier polyvalent": "ouvrier",
    "manutentionnaire": "manutentionnaire magasinier",
    "residentiel": "domestique residentiel",
    # abbreviations shared by the languages
    "cnc": "cnc commande numerique computer numerical control",
    "hvac": "hvac chauffage ventilation",
    "ict": "ict informatica informatique",
    "hr": "hr human resources personeel ressources humaines",
}
_EXPANSION_PATTERN = re.compile(
    r"\b(" + "|".join(sorted((re.escape(k) for k in EXPANSIONS), key=len, reverse=True)) + r")\b"
)


def expand(cleaned: str) -> list[tuple[str, str]]:
    """The (matched phrase, added words) pairs for Belgian variants and abbreviations in a cleaned title.

    >>> expand("plafonneerder")
    [('plafonneerder', 'stukadoor')]
    """
    return [
        (m.group(1), EXPANSIONS[m.group(1)]) for m in _EXPANSION_PATTERN.finditer(cleaned) if EXPANSIONS[m.group(1)]
    ]


_LINKERS = ("s", "e", "en", "er", "n", "-")


def fold(text: str) -> str:
    """Lower case, strip accents, keep letters/digits/+/# and single spaces."""
    # NFKD splits accented letters into letter + combining mark; the ASCII encoding drops the marks (and
    # any non-Latin character, which no label of the four languages needs).
    text = unicodedata.normalize("NFKD", (text or "").translate(_SPECIAL).lower())
    text = text.encode("ascii", "ignore").decode("ascii")
    return _SPACES.sub(" ", _NON_WORD.sub(" ", text)).strip()


def _strip_accents_lower(text: str) -> str:
    text = unicodedata.normalize("NFKD", (text or "").translate(_SPECIAL))
    return text.encode("ascii", "ignore").decode("ascii").lower()


# Words that are noise in one language and an occupation word in another ("stage manager").
LANG_NOISE = {
    "fr": frozenset({"stage", "stages"}),
    "nl": frozenset({"stage", "stages"}),
    "en": frozenset({"intern"}),
    "de": frozenset(),
    None: frozenset({"intern"}),
}


_SLASH = re.compile(r"\s*/\s*")
# What a French feminine adds to the masculine after accent folding: employe → employee, professionnel →
# professionnelle, maitre → maitresse (the stemmer keeps English "employee" as it is, so compare the forms).
_FEMININE_ENDINGS = ("e", "le", "ne", "te", "sse")


def _same_word(masculine: str, other: str) -> bool:
    """`other` is `masculine` itself, another form of the same stem, or its French feminine."""
    if stem(masculine) == stem(other):
        return True
    return other.startswith(masculine) and other[len(masculine) :] in _FEMININE_ENDINGS


def _drop_repeated_forms(raw: str) -> str:
    """ "technicien regleur / technicienne regleuse en injection" → "technicien regleur en injection".

    Titles that spell the masculine and the feminine form out in full (French public-service style, also
    common in Belgian vacancies) would otherwise carry every word twice. The words after the slash are
    dropped when they stem to the words before it or are their feminine form ("employe polyvalent /
    employee polyvalente", "pilote professionnel / professionnelle aeronautique": only the adjective
    changes); "chauffeur/livreur" keeps both.
    """
    pieces = _SLASH.split(raw)
    if len(pieces) < 2:
        return raw
    out = pieces[0]
    for piece in pieces[1:]:
        left, right = out.split(), piece.split()
        for k in range(min(len(left), len(right), 4), 0, -1):
            if all(_same_word(a, b) for a, b in zip(left[-k:], right[:k], strict=True)):
                out = " ".join(left + right[k:])
                break
        else:
            out = f"{out} / {piece}"
    return out


def clean_title(text: str, lang: str | None = None) -> str:
    """Reduce a free-text vacancy title to the words that name the occupation (folded).

    >>> clean_title("Lasser TIG (m/v/x) - REF 1234 - Gent")
    'lasser tig'
    >>> clean_title("Soudeur(euse) H/F CDI")
    'soudeur'
    """
    lang_noise = LANG_NOISE.get(lang, frozenset())
    raw = (text or "").replace("\u00a0", " ")
    raw = _URL_MAIL.sub(" ", raw)
    # "IT" in capitals is the sector, "it" in a sentence is a pronoun: decide before folding.
    raw = re.sub(r"\bIT\b", " ict ", raw)
    raw = _strip_accents_lower(raw)
    raw = _GENDER.sub(" ", raw)
    raw = _INCLUSIVE.sub("", raw)
    raw = _drop_repeated_forms(raw)
    raw = _REFERENCE.sub(" ", raw)
    raw = _HASH_CODE.sub(" ", raw)
    raw = raw.replace("&", " & ").replace("r & d", "r&d").replace("f & b", "f&b")
    words = []
    for word in re.split(r"[^0-9a-z+#&.\-]+", raw):
        word = word.strip(".-")
        if not word:
            continue
        expansion = ABBREVIATIONS.get(word)
        parts = expansion.split() if expansion else re.split(r"[.\-]+", word) if "." in word or "-" in word else [word]
        for part in parts:
            part = part.strip("&")
            if not part or part in NOISE_WORDS or part in PLACE_WORDS or part in lang_noise or part.isdigit():
                continue
            if part in ABBREVIATIONS and not expansion:
                words.extend(ABBREVIATIONS[part].split())
                continue
            words.append(part)
    cleaned = " ".join(_NON_WORD.sub(" ", w).strip() for w in words)
    cleaned = _SPACES.sub(" ", cleaned).strip()
    # A title made only of noise ("Stagiair") keeps its folded form rather than becoming empty.
    return cleaned or fold(text)


def tokens(text: str) -> list[str]:
    return [t for t in fold(text).split() if t]


# French feminine → masculine (after accent folding), longest suffix first. Dutch/German feminine
# forms are too irregular for rules ("kapster" → "kapper"); ESCO lists them as labels.
_FEMININE = (
    ("trices", "teur"),
    ("trice", "teur"),
    ("euses", "eur"),
    ("euse", "eur"),
    ("iennes", "ien"),
    ("ienne", "ien"),
    ("iere", "ier"),
    ("ieres", "ier"),
    ("ere", "er"),
    ("eres", "er"),
    ("ives", "if"),
    ("ive", "if"),
    ("antes", "ant"),
    ("ante", "ant"),
    ("ee", "e"),
    ("ees", "e"),
    ("innen", ""),
    ("in", ""),
)
_KEEP = frozenset(
    {
        "ere",
        "here",
        "there",
        "where",
        "were",
        "sphere",
        "career",
        "engineer",
        "pioneer",
        "volunteer",
        "see",
        "fee",
        "free",
        "tree",
        "employee",
        "trainee",
        "committee",
        "coffee",
        "degree",
        "in",
        "main",
        "chain",
        "train",
        "brain",
        "domain",
        "plain",
        "terrain",
        "marin",
        "cousin",
        "jardin",
        "magasin",
        "medecin",
        "vin",
        "pin",
        "fin",
        "bin",
        "skin",
        "twin",
        "cabin",
        "admin",
        "begin",
        "origin",
        "margin",
        "basin",
        "resin",
        "toxin",
        "latin",
        "spin",
        "tin",
        "thin",
        "win",
        "within",
        "join",
        "coin",
        "drive",
        "live",
        "dive",
        "five",
        "hive",
        "olive",
        "executive",
        "representative",
        "native",
        "active",
        "creative",
        "detective",
        "automotive",
        "archive",
        "narrative",
        "relative",
        "initiative",
        "operative",
        "positive",
        "negative",
        "alternative",
        "incentive",
        "objective",
        "preventive",
        "sante",
        "plante",
        "vente",
        "verte",
        "conte",
    }
)


def stem(token: str) -> str:
    """A light stemmer shared by labels and queries (consistency matters more than linguistics)."""
    t = token
    if len(t) <= 3 or t.isdigit():
        return t
    if t not in _KEEP:
        for suffix, repl in _FEMININE:
            # German -in/-innen only for agent nouns (Schweißerin → Schweißer), not "magasin".
            if suffix in ("in", "innen") and not t.endswith(("erin", "erinnen")):
                continue
            if t.endswith(suffix) and len(t) - len(suffix) >= 3:
                t = t[: len(t) - len(suffix)] + repl
                break
    # Plurals: English/French -s/-x, Dutch -s/-en, English -ies.
    if t.endswith("ies") and len(t) > 5:
        t = t[:-3] + "y"
    elif t.endswith(("ss", "us", "is")):
        pass
    elif t.endswith(("s", "x")) and len(t) > 4:
        t = t[:-1]
    elif t.endswith("en") and len(t) > 6:
        t = t[:-2]
    if t.endswith("e") and len(t) > 4:
        t = t[:-1]
    return t


def stem_tokens(text: str) -> list[str]:
    return [stem(t) for t in text.split() if t]


def head_tokens(words: list[str]) -> set[str]:
    """The words most likely to name the occupation: the last (nl/en/de) and the first (fr) word."""
    if not words:
        return set()
    return {words[-1], words[0]}


class CompoundSplitter:
    """Split compounds into parts that occur as words elsewhere in the vocabulary.

    Built from the stemmed words of every label. A word of at least `min_length` characters that is
    not itself frequent is split at the longest known head (last part, ≥ `min_head` characters) whose
    remaining modifier is at least `min_part` characters (a linking -s-, -e- or -en- is dropped); the
    modifier is split again recursively.
    """

    def __init__(self, words: Iterable[str], min_length: int = 8, min_head: int = 4, min_part: int = 3):
        self.words = frozenset(w for w in words if len(w) >= min_part and w.isalpha())
        self.min_length, self.min_head, self.min_part = min_length, min_head, min_part
        self._cache: dict[str, tuple[str, ...]] = {}
        self._stems: dict[str, str] = {}

    def _stem(self, word: str) -> str:
        stemmed = self._stems.get(word)
        if stemmed is None:
            stemmed = self._stems[word] = stem(word)
        return stemmed

    def split(self, word: str) -> tuple[str, ...]:
        if len(word) < self.min_length or not word.isalpha():
            return ()
        cached = self._cache.get(word)
        if cached is not None:
            return cached
        parts = self._split(word, depth=0)
        result = tuple(parts) if len(parts) > 1 else ()
        if len(self._cache) < 200_000:
            self._cache[word] = result
        return result

    def _split(self, word: str, depth: int) -> list[str]:
        for cut in range(self.min_part, len(word) - self.min_head + 1):
            head = word[cut:]
            if head not in self.words and self._stem(head) not in self.words:
                continue
            modifier = word[:cut]
            candidates = [modifier] + [
                modifier[: -len(lk)]
                for lk in _LINKERS
                if modifier.endswith(lk) and len(modifier) - len(lk) >= self.min_part
            ]
            # Dutch plural modifiers double a consonant: "trappen" + "maker" → "trap".
            candidates += [
                c[:-1] for c in candidates if len(c) > self.min_part and c[-1] == c[-2] and c[-1] not in "aeiou"
            ]
            for mod in candidates:
                if mod in self.words or self._stem(mod) in self.words:
                    return [mod, head]
                if depth < 2 and len(mod) >= self.min_length:
                    inner = self._split(mod, depth + 1)
                    if len(inner) > 1:
                        return inner + [head]
            # Unknown modifier but a known head of 5+ letters: the head alone is still evidence.
            if len(head) >= 5 and len(modifier) >= 4:
                return [modifier, head]
        return [word]


_SLASH_ALTERNATIVES = re.compile(r"\s*/\s*")


def label_variants(label: str) -> list[str]:
    """A label plus the alternatives hidden in it ("directeur technique/directrice technique")."""
    variants = [label]
    if "/" in label:
        parts = [p.strip() for p in _SLASH_ALTERNATIVES.split(label) if p.strip()]
        # Only whole alternatives ("x/y" where both sides have 4+ letters), not "m/v" or "c/ce".
        if len(parts) > 1 and all(len(p) >= 4 for p in parts):
            variants.extend(p for p in parts if p not in variants)
    return variants
