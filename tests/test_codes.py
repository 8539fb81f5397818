"""Codes stage: the PLOVER/CAMEO/ACLED mapping table, its reverse lookups and cue refinements."""

from __future__ import annotations

import csv
import importlib.util
import sys
from pathlib import Path

import pytest

from whimbrel.codes.cues import CueBook
from whimbrel.codes.table import (
    CodeTable,
    Codes,
    acled_subtypes,
    acled_type_for_subtype,
    plover_for_cameo,
    quad_class_for_cameo,
)
from whimbrel.events.mention import EventMention
from whimbrel.records.schema import PLOVER_TYPES

REPO = Path(__file__).resolve().parent.parent
SHARED = REPO.parent / "shared" / "data"

ACLED_CODEBOOK = {
    "Battles": {"Armed clash", "Government regains territory", "Non-state actor overtakes territory"},
    "Explosions/Remote violence": {
        "Chemical weapon", "Air/drone strike", "Suicide bomb", "Shelling/artillery/missile attack",
        "Remote explosive/landmine/IED", "Grenade",
    },
    "Violence against civilians": {"Sexual violence", "Attack", "Abduction/forced disappearance"},
    "Protests": {"Peaceful protest", "Protest with intervention", "Excessive force against protesters"},
    "Riots": {"Violent demonstration", "Mob violence"},
    "Strategic developments": {
        "Agreement", "Arrests", "Change to group/activity", "Disrupted weapons use",
        "Headquarters or base established", "Looting/property destruction",
        "Non-violent transfer of territory", "Other",
    },
}


@pytest.fixture(scope="module")
def table() -> CodeTable:
    return CodeTable.load()


def mention_for(doc, trigger: str, event_type: str, mode: str | None = None, cameo: str | None = None,
                contexts: list[str] | None = None) -> EventMention:
    """An EventMention on the first token whose text is ``trigger``, as the detector would build it."""
    tok = next(t for t in doc if t.text == trigger)
    return EventMention.on(tok, event_type, mode=mode, contexts=contexts or [], cameo=cameo)


def code(nlp, table, text, trigger, event_type, mode=None, cameo=None, contexts=None) -> Codes:
    doc = nlp(text)
    return table.codes_for(mention_for(doc, trigger, event_type, mode, cameo, contexts), doc)


# --- the table ---------------------------------------------------------------------------------


def test_acled_taxonomy_is_the_codebook(table):
    assert len(table.acled_types) == 25
    assert {sub: typ for typ, subs in ACLED_CODEBOOK.items() for sub in subs} == acled_subtypes()


def test_every_plover_type_has_a_default(table):
    assert set(table.by_type) == set(PLOVER_TYPES)
    for ptype in PLOVER_TYPES:
        row = table.default_row(ptype)
        assert row.plover_type == ptype and 1 <= row.quad_class <= 4


def test_every_cameo2plover_mode_has_a_row(table):
    pairs = {(r.plover_type, r.mode) for r in table.rows if r.source == "cameo2plover"}
    assert ("ASSAULT", "suicide-attack") in pairs and ("COERCE", "martial-law") in pairs
    for ptype, mode in pairs:
        assert table.default_row(ptype, mode).mode == mode


def test_table_acled_names_are_valid_and_all_reachable(table):
    used = set()
    for row in table.rows:
        if row.acled_sub_event_type is None:
            assert row.acled_event_type is None
            continue
        assert acled_type_for_subtype(row.acled_sub_event_type) == row.acled_event_type
        used.add(row.acled_sub_event_type)
    used |= {rule.acled[1] for rule in table.cues.rules}
    assert used == set(acled_subtypes())


def test_verbal_types_have_no_acled_code(table):
    for ptype in ("REQUEST", "ACCUSE", "REJECT", "THREATEN", "CONSULT"):
        assert all(r.acled_event_type is None for r in table.rows if r.plover_type == ptype)


def test_quad_class_column_follows_cameo_root(table):
    for row in table.rows:
        assert row.quad_class == quad_class_for_cameo(row.cameo)


def test_cue_book_validates(table):
    cameo_types = {r.cameo: r.plover_type for r in table.by_cameo.values()}
    assert table.cues.validate(table.acled_types, cameo_types) == []
    broken = CueBook.from_dict({"lexicons": {}, "rules": [
        {"id": "x", "types": ["ASSAULT"], "all": [["@nope"]], "acled": ["Battles", "Air/drone strike"], "cameo": "141"}]})
    problems = broken.validate(table.acled_types, cameo_types)
    assert len(problems) == 3


@pytest.mark.skipif(not (SHARED / "ontology" / "CAMEO2PLOVER-2021.txt").exists(), reason="needs ../shared/data")
def test_mapping_is_regenerable(tmp_path):
    spec = importlib.util.spec_from_file_location("build_codes", REPO / "scripts" / "build_codes.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules["build_codes"] = module  # dataclasses look their module up while the script loads
    spec.loader.exec_module(module)
    out = tmp_path / "codes_mapping.csv"
    module.main(["--shared", str(SHARED), "--out", str(out)])
    packaged = REPO / "src" / "whimbrel" / "data" / "codes_mapping.csv"
    assert out.read_text(encoding="utf-8") == packaged.read_text(encoding="utf-8")
    with out.open(encoding="utf-8") as fh:
        header = next(csv.reader(fh))
    assert header[:7] == ["plover_type", "mode", "context", "cameo", "quad_class", "acled_event_type", "acled_sub_event_type"]


# --- reverse lookups ---------------------------------------------------------------------------


@pytest.mark.parametrize("cameo, quad", [
    ("010", 1), ("057", 1), ("05", 1), ("0871", 2), ("094", 2), ("10", 3), ("145", 3),
    ("15", 4), ("173", 4), ("2042", 4), ("21", None), ("00", None), ("abc", None), (None, None),
])
def test_quad_class_for_cameo(cameo, quad):
    assert quad_class_for_cameo(cameo) == quad


def test_plover_for_cameo():
    assert plover_for_cameo("1831") == ("ASSAULT", "suicide-attack", [])
    assert plover_for_cameo("19") == ("ASSAULT", None, ["military"])
    assert plover_for_cameo("1121") == ("ACCUSE", "allege", ["crime", "corruption"])
    assert plover_for_cameo("163") == ("COERCE", "restrict", ["diplomatic"])  # CAMEO 16 but PLOVER COERCE
    assert plover_for_cameo("175") == ("ASSAULT", None, ["pro_autocracy", "military"])  # repaired mode
    assert plover_for_cameo("0211") == ("REQUEST", "assist", ["economic"])  # appeal read as demand
    assert plover_for_cameo("1834") == plover_for_cameo("183")  # unknown leaf → parent
    assert plover_for_cameo("095") == ("ACCUSE", "investigate", [])  # non-standard code → root's general code
    assert plover_for_cameo("010") is None  # statements are not PLOVER events
    assert plover_for_cameo("99") is None


def test_acled_type_for_subtype():
    assert acled_type_for_subtype("Air/drone strike") == "Explosions/Remote violence"
    assert acled_type_for_subtype("arrests") == "Strategic developments"
    assert acled_type_for_subtype("Mob violence") == "Riots"
    assert acled_type_for_subtype("Air strike") is None
    assert acled_type_for_subtype(None) is None


def test_default_row_uses_mode_and_contexts(table):
    assert table.default_row("ASSAULT").cameo == "180"
    assert table.default_row("ASSAULT", None, ["military"]).cameo == "190"
    assert table.default_row("ASSAULT", "no-such-mode").cameo == "180"
    assert table.default_row("REQUEST", "change", ["executive"]).cameo == "1041"
    assert table.default_row("ASSAULT", "suicide-attack").cameo == "1831"
    with pytest.raises(KeyError):
        table.default_row("FIGHT")


# --- behaviour on parsed sentences -------------------------------------------------------------

ACLED_CASES = [
    ("On 9 May 2020, rebels shelled a military base near Bentiu, killing 3 soldiers.", "shelled", "ASSAULT", None,
     "Explosions/Remote violence", "Shelling/artillery/missile attack", "194"),
    ("Government warplanes bombed rebel positions near Idlib on Sunday.", "bombed", "ASSAULT", None,
     "Explosions/Remote violence", "Air/drone strike", "195"),
    ("A drone strike hit a car on the road to the airport.", "hit", "ASSAULT", None,
     "Explosions/Remote violence", "Air/drone strike", "195"),
    ("A roadside bomb killed two soldiers in Kandahar province.", "killed", "ASSAULT", None,
     "Explosions/Remote violence", "Remote explosive/landmine/IED", "1833"),
    ("A suicide bomber blew himself up at a checkpoint in Mogadishu.", "blew", "ASSAULT", None,
     "Explosions/Remote violence", "Suicide bomb", "1831"),
    ("Attackers threw a grenade into a bar in Bujumbura.", "threw", "ASSAULT", None,
     "Explosions/Remote violence", "Grenade", "180"),
    ("Soldiers clashed with militants near Kismayo, leaving 12 dead.", "clashed", "ASSAULT", None,
     "Battles", "Armed clash", "190"),
    ("Rebels attacked an army base in the north.", "attacked", "ASSAULT", None, "Battles", "Armed clash", "190"),
    ("Gunmen attacked a village in Zamfara, killing nine farmers.", "attacked", "ASSAULT", None,
     "Violence against civilians", "Attack", "180"),
    ("Gunmen kidnapped 20 students from a school in Kaduna.", "kidnapped", "ASSAULT", None,
     "Violence against civilians", "Abduction/forced disappearance", "181"),
    ("Troops recaptured the town of Palmyra from the fighters.", "recaptured", "ASSAULT", None,
     "Battles", "Government regains territory", "190"),
    ("Militants seized control of the town after a long siege.", "seized", "COERCE", "seize",
     "Battles", "Non-state actor overtakes territory", "192"),
    ("Thousands of people marched peacefully through Nairobi to demand lower fuel prices.", "marched", "PROTEST", "demo",
     "Protests", "Peaceful protest", "141"),
    ("Police fired tear gas to disperse hundreds of students protesting in Kampala.", "protesting", "PROTEST", "demo",
     "Protests", "Protest with intervention", "141"),
    ("Police shot dead three protesters in Khartoum.", "shot", "ASSAULT", None,
     "Protests", "Excessive force against protesters", "175"),
    ("Rioters torched cars and looted shops in the capital.", "torched", "PROTEST", "riot",
     "Riots", "Violent demonstration", "145"),
    ("A mob lynched a man accused of theft in Lagos.", "lynched", "ASSAULT", None, "Riots", "Mob violence", "180"),
    ("Police arrested the opposition leader in Harare on Monday.", "arrested", "COERCE", "arrest",
     "Strategic developments", "Arrests", "173"),
    ("Police arrested dozens of protesters in Harare on Monday.", "arrested", "COERCE", "arrest",
     "Protests", "Protest with intervention", "173"),
    ("The two sides agreed to a ceasefire in Geneva.", "agreed", "AGREE", None, "Strategic developments", "Agreement", "030"),
    ("Army engineers defused a bomb planted near the market.", "defused", "COERCE", None,
     "Strategic developments", "Disrupted weapons use", "170"),
    ("Washington announced on Saturday that 3,000 more troops are being sent to the region.", "sent", "MOBILIZE", None,
     "Strategic developments", "Change to group/activity", "154"),
]


@pytest.mark.parametrize("text, trigger, event_type, mode, acled_type, acled_sub, cameo", ACLED_CASES,
                         ids=[case[6] + ":" + case[5] for case in ACLED_CASES])
def test_acled_codes_from_sentences(nlp, table, text, trigger, event_type, mode, acled_type, acled_sub, cameo):
    codes = code(nlp, table, text, trigger, event_type, mode)
    assert (codes.acled_event_type, codes.acled_sub_event_type) == (acled_type, acled_sub)
    assert codes.cameo == cameo
    assert codes.quad_class == quad_class_for_cameo(cameo)


def test_verbal_events_get_no_acled_code(nlp, table):
    accuse = code(nlp, table, "The party condemns in the strongest terms the American strike near Baghdad airport.",
                  "condemns", "ACCUSE", "disapprove")
    assert accuse == Codes(quad_class=3, cameo="111", acled_event_type=None, acled_sub_event_type=None)
    request = code(nlp, table, "We demand the immediate withdrawal of all foreign troops from Iraq.", "demand", "REQUEST")
    assert (request.quad_class, request.cameo, request.acled_event_type) == (3, "100", None)


def test_detector_cameo_is_kept_when_consistent(nlp, table):
    text = "Forces loyal to the general attacked the airport overnight."
    kept = code(nlp, table, text, "attacked", "ASSAULT", cameo="195")
    assert (kept.cameo, kept.acled_sub_event_type, kept.quad_class) == ("195", "Air/drone strike", 4)
    # A code of another PLOVER type is replaced by the table's default for the mention's type and mode.
    replaced = code(nlp, table, "Hundreds rallied outside parliament in Accra.", "rallied", "PROTEST", "demo", cameo="173")
    assert (replaced.cameo, replaced.quad_class, replaced.acled_sub_event_type) == ("141", 3, "Peaceful protest")
    # A specific detector code survives a cue; the ACLED sub-type still follows the cue words.
    specific = code(nlp, table, "Artillery and an airstrike hit the camp.", "hit", "ASSAULT", cameo="194")
    assert specific.cameo == "194" and specific.acled_sub_event_type == "Air/drone strike"
    general = code(nlp, table, "Mortar rounds hit the camp.", "hit", "ASSAULT", cameo="190")
    assert general.cameo == "194"


def test_mode_without_cues_decides(nlp, table):
    riot = code(nlp, table, "Students demonstrated in the city centre.", "demonstrated", "PROTEST", "riot")
    assert (riot.acled_event_type, riot.acled_sub_event_type, riot.cameo) == ("Riots", "Violent demonstration", "145")
    curfew = code(nlp, table, "The governor imposed a dusk-to-dawn curfew on the city.", "imposed", "COERCE", "curfew")
    assert (curfew.cameo, curfew.acled_sub_event_type) == ("1723", "Other")
    military = code(nlp, table, "The army attacked positions in the valley.", "attacked", "ASSAULT", contexts=["military"])
    assert (military.cameo, military.acled_event_type) == ("190", "Battles")
