"""Tests of rashomon.extract.attribution: claimants, hedges, segments and story flags."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from rashomon.extract.actors import find_actors
from rashomon.extract.attribution import (
    Attribution,
    find_attributions,
    find_story_flags,
)
from rashomon.extract.base import ExtractContext
from rashomon.extract.pipeline import make_context
from rashomon.models import Hedge
from rashomon.packs import load_pack

SEED = Path(__file__).parents[1] / ".." / "shared" / "data" / "seed" / "000_c1482cdd8b86017f.txt"

A, R, L, D, U = Hedge.attributed, Hedge.reported, Hedge.alleged, Hedge.denied, Hedge.unverified


def _ctx(text: str) -> ExtractContext:
    return make_context(text, load_pack("balochistan"))


def _attributions(text: str) -> list[Attribution]:
    ctx = _ctx(text)
    return find_attributions(ctx, find_actors(ctx))


def _summary(text: str) -> list[tuple[str | None, Hedge]]:
    return [(a.claimant, a.hedge) for a in _attributions(text)]


@pytest.mark.parametrize("text, expected", [
    ("Militants attacked a post, killing five soldiers, the ISPR said.", [("Pakistan Army", A)]),
    ("According to police, 12 passengers were killed.", [("Police", A)]),
    ("A spokesman for the BLA said the group had killed 20 soldiers.",
     [("Baloch Liberation Army", A)]),
    ('"We have killed 20 soldiers," said Jeeyand Baloch, a spokesman for the group.',
     [("Baloch Liberation Army", A)]),
    ("The BLA claimed responsibility for the attack.", [("Baloch Liberation Army", L)]),
    ("The BLF said in a statement that its fighters destroyed two vehicles.",
     [("Balochistan Liberation Front", A)]),
    ("Sarfraz Bugti told Reuters that the attackers were trained abroad.",
     [("Government of Balochistan", A)]),
    ("Ten labourers were shot dead, officials said.", [("local officials", A)]),
    ("Two bodies were found, police said.", [("Police", A)]),
    ("The military's media wing said three terrorists were killed.", [("Pakistan Army", A)]),
    ("The military denied the claim.", [("Pakistan Army", D)]),
    ("The Balochistan government rejected the claim.", [("Government of Balochistan", D)]),
    ("Five people were reportedly killed in the blast.", [(None, R)]),
    ("According to reports, five people died.", [(None, R)]),
    ("Gunmen allegedly abducted six labourers.", [(None, L)]),
    ("It is claimed that 30 soldiers died.", [(None, L)]),
    ("Sources said at least 15 people died.", [(None, R)]),
    ("The figures could not be independently verified.", [(None, U)]),
    ("The BLA reportedly said ten soldiers died.", [("Baloch Liberation Army", R)]),
    ("The BLA attacked a camp and claimed responsibility.", [("Baloch Liberation Army", L)]),
    ("The BLA attacked a camp in Mastung. They said 12 soldiers were killed.",
     [("Baloch Liberation Army", A)]),
    ("Prime Minister Shehbaz Sharif said the attackers would be punished.",
     [("Government of Pakistan", A)]),
    ("The army chief said militancy would be crushed.", [("Pakistan Army", A)]),
    ("The Majeed Brigade claimed the attack.", [("Baloch Liberation Army", L)]),
    ("Police said the attackers fled, adding that a search was under way.", [("Police", A)]),
    ("Militants attacked a checkpoint in Turbat on Monday.", []),
    ("Junior officers within the army wrote a letter, accusing him of failure.", []),
])
def test_attribution_patterns(text, expected):
    assert _summary(text) == expected


@pytest.mark.parametrize("text, segments", [
    ("The BLA said 10 soldiers died; the army said no one was hurt.",
     [("Baloch Liberation Army", "The BLA said 10 soldiers died"),
      ("Pakistan Army", "the army said no one was hurt.")]),
    ("The army said five militants were killed, while the BLA said it lost no fighters.",
     [("Pakistan Army", "The army said five militants were killed"),
      ("Baloch Liberation Army", "the BLA said it lost no fighters.")]),
    ("Troops raided a hideout, claiming to have killed 9 insurgents, though the BLF countered "
     "that only civilians died.",
     [("Pakistan Army", "Troops raided a hideout, claiming to have killed 9 insurgents"),
      ("Balochistan Liberation Front", "the BLF countered that only civilians died.")]),
    ("The BLA claimed 20 deaths, though the claim could not be verified.",
     [("Baloch Liberation Army", "The BLA claimed 20 deaths"),
      (None, "the claim could not be verified.")]),
])
def test_attribution_segments(text, segments):
    found = _attributions(text)
    assert [(a.claimant, text[a.start:a.end]) for a in found] == segments


def test_attribution_spans_exact():
    text = ("Police said two men died. According to the ISPR, troops killed four. "
            "\"We fought back,\" said Jeeyand Baloch.")
    for a in _attributions(text):
        assert a.cue == text[a.cue_span.start:a.cue_span.end]
        assert a.claimant_text == text[a.claimant_span.start:a.claimant_span.end]
        assert a.start < a.end


def _seed_sentence(marker: str) -> tuple[ExtractContext, list[Attribution], int]:
    if not SEED.is_file():
        pytest.skip("seed article not available")
    ctx = _ctx(SEED.read_text("utf-8"))
    index = next(s.index for s in ctx.sentences if marker in s.text)
    found = find_attributions(ctx, find_actors(ctx))
    return ctx, [a for a in found if a.sentence_index == index], index


def test_attribution_seed_jaffar_express_two_segments():
    ctx, found, _ = _seed_sentence("countered")
    assert [(a.claimant, a.hedge) for a in found] == [("Pakistan Army", L),
                                                     ("Baloch Liberation Army", L)]
    army, bla = found
    assert ctx.text[army.start:army.end].startswith("The Pakistani military")
    assert ctx.text[army.end:bla.start].strip(" ,") == "though"
    assert ctx.text[bla.start:bla.end].startswith("the BLA countered")
    assert bla.end == ctx.sentences[found[0].sentence_index].end
    assert (army.cue, bla.cue) == ("claiming", "countered")


def test_attribution_seed_march_16_bla():
    ctx, found, _ = _seed_sentence("March 16")
    assert [(a.claimant, a.hedge, a.cue) for a in found] == [("Baloch Liberation Army", L,
                                                             "claimed")]
    assert ctx.text[found[0].start:found[0].end].startswith("the BLA claimed")


def test_attribution_seed_open_letter_reported():
    _, found, _ = _seed_sentence("open letter")
    assert [(a.claimant, a.hedge) for a in found] == [(None, R)]


def test_attribution_seed_story_flags():
    ctx, _, index = _seed_sentence("conflicting narratives")
    flags = [f for f in find_story_flags(ctx) if f.sentence_index == index]
    assert sorted(f.kind for f in flags) == ["contested", "unverified"]
    assert all(ctx.text[f.span.start:f.span.end] == f.text for f in flags)
    assert all(f.sentence_index == index for f in find_story_flags(ctx))


@pytest.mark.parametrize("text, kinds", [
    ("The claims could not be independently verified.", ["unverified"]),
    ("Neither claim could be verified.", ["unverified"]),
    ("The figures could not be confirmed.", ["unverified"]),
    ("There were conflicting claims about the toll.", ["contested"]),
    ("The death toll is disputed.", ["contested"]),
    ("Police said five died.", []),
])
def test_attribution_story_flags(text, kinds):
    assert [f.kind for f in find_story_flags(_ctx(text))] == kinds


@settings(max_examples=150, deadline=None)
@given(st.lists(st.sampled_from(list(" ,.;\"—\n") + [
    "BLA ", "said ", "claimed ", "the army ", "they ", "though ", "according to ", "reportedly ",
    "police ", "claiming ", "could not be verified ", "sources ", "he ", "Militants "]),
    max_size=60).map("".join))
def test_attribution_random_text_never_crashes(text):
    ctx = _ctx(text)
    for a in find_attributions(ctx, find_actors(ctx)):
        assert 0 <= a.start < a.end <= len(text)
        assert a.cue == text[a.cue_span.start:a.cue_span.end]
    find_story_flags(ctx)


@pytest.mark.timeout(180)
@pytest.mark.parametrize("unit", [
    "the BLA said they claimed police said ", "though according to reports, it is claimed—",
    '"," said "," said ', "x" * 64,
])
def test_attribution_one_megabyte_line_is_fast(unit):
    text = (unit * (1_000_000 // len(unit) + 1))[:1_000_000]
    ctx = _ctx(text)
    actors = find_actors(ctx)
    started = time.perf_counter()
    find_attributions(ctx, actors)
    find_story_flags(ctx)
    assert time.perf_counter() - started < 60


# ------------------------------------------------------------------ speakers read from the parse


def _parsed_summary(text: str) -> list[tuple[str | None, str | None]]:
    from rashomon.extract.syntax import parse_sentences

    ctx = _ctx(text)
    return [(a.claimant, a.claimant_text)
            for a in find_attributions(ctx, find_actors(ctx), parse_sentences(ctx))]


@pytest.mark.parametrize("text, claimant", [
    # an office no pack lists is the speaker as written, title and name together
    ("Provincial Revenue Minister Ali Raza Khan told journalists that six guards had been killed.",
     "Provincial Revenue Minister Ali Raza Khan"),
    # the speaker after the verb, with its apposition
    ("At least nine people died and 30 were hurt, said Farid Ullah, a spokesman for the "
     "District Headquarters Hospital, where the wounded were taken.",
     "Farid Ullah, a spokesman for the District Headquarters Hospital"),
    # a relative clause about the speaker is not the speaker
    ("The commissioner, who had earlier blamed smugglers, said on Monday that four men died.",
     "The commissioner"),
    # a hyphenated name the parser cuts in three stays one name
    ("Gunmen killed three shopkeepers in Kalat, Deputy Commissioner Noor-ul-Haq said.",
     "Deputy Commissioner Noor-ul-Haq"),
    # a participle after a comma takes the subject of its clause
    ("Health Secretary Naseem Akhtar gave a separate tally, saying eleven people had died.",
     "Health Secretary Naseem Akhtar"),
    # "wrote" reports speech like "said"
    ("Senator Rubina Qadir wrote on social media that nobody had been hurt.",
     "Senator Rubina Qadir"),
])
def test_the_grammatical_subject_of_a_reporting_verb_is_the_claimant(text, claimant):
    assert claimant in [c for c, _ in _parsed_summary(text)] + [t for _, t in _parsed_summary(text)]


def test_a_dateline_is_never_taken_for_the_speaker():
    text = ("KALAT: Two policemen were wounded in a grenade attack on Sunday, hospital "
            "superintendent Gul Hassan said.")
    found = _parsed_summary(text)
    assert [c for c, _ in found] == ["hospital superintendent Gul Hassan"]


def test_quoted_as_saying_credits_the_party_quoted_not_the_medium():
    text = "State television quoted the army as saying that two attackers had been killed."
    assert ("Pakistan Army", "the army") in _parsed_summary(text)


def test_a_known_party_inside_the_speaker_phrase_is_canonicalised():
    text = "A spokesman for the Baloch Liberation Army told the agency that the fighters had withdrawn."
    assert [c for c, _ in _parsed_summary(text)] == ["Baloch Liberation Army"]


def test_the_department_refers_back_to_the_named_speaker():
    text = ("The Counter-Terrorism Department said its team was fired on near Kharan. "
            "Two of the attackers were killed, the department said.")
    assert [c for c, _ in _parsed_summary(text)] == ["Counter Terrorism Department"] * 2


def _claimants_of(text: str, outlet: str | None) -> list[str | None]:
    from rashomon.extract.pipeline import Pipeline
    from rashomon.models import Document

    doc = Document(id="d1", text=text, outlet=outlet)
    return [c.claimant for c in Pipeline(load_pack("balochistan"))(doc) if c.quantities]


STATEMENT = ("Terrorists attacked a police post in Kalat on Tuesday night. Two constables were "
             "injured and shifted to hospital.")


@pytest.mark.parametrize("outlet, claimant", [
    ("Quetta Police (statement)", "Police"),
    ("ISPR", "Pakistan Army"),  # a party's media wing speaks for the party
    ("Counter-Terrorism Department Balochistan", "Counter Terrorism Department"),
    ("The Kalat Herald", None),  # a newspaper states its figures in its own voice
    ("Radio Pakistan", None),
    (None, None),
])
def test_a_party_publishing_its_own_statement_is_the_claimant_of_its_unattributed_figures(outlet, claimant):
    assert set(_claimants_of(STATEMENT, outlet)) == {claimant}


# ------------------------------------------------------------ denials and owned figures (parse)


def _parsed_segments(text: str) -> list[tuple[str | None, Hedge, str]]:
    from rashomon.extract.syntax import parse_sentences

    ctx = _ctx(text)
    return [(a.claimant, a.hedge, text[a.start:a.end].strip(" ,."))
            for a in find_attributions(ctx, find_actors(ctx), parse_sentences(ctx))]


def test_a_party_s_claim_inside_another_s_denial_keeps_both_sides_apart():
    text = ("The army dismissed the BLA's claim of 60 dead soldiers as fabricated, standing by "
            "its own count of three.")
    segs = _parsed_segments(text)
    assert ("Baloch Liberation Army", L, "the BLA's claim of 60 dead soldiers") in segs
    # the denier keeps the rest of the sentence, its own figure included, as a denial
    assert [c for c, h, t in segs if "three" in t] == ["Pakistan Army"]
    assert all(h == D for c, h, _ in segs if c == "Pakistan Army")


def test_a_figure_given_by_someone_else_is_theirs_not_the_speakers():
    text = ("Police rejected the figure of 75 given by the district health office, saying the "
            "verified toll was 61.")
    segs = _parsed_segments(text)
    owned = [(c, t) for c, _h, t in segs if "75" in t]
    assert owned and "health office" in (owned[0][0] or "")
    assert [c for c, _h, t in segs if "61" in t] == ["Police"]


def test_a_denial_verb_with_any_object_is_a_denial_by_its_subject():
    segs = _parsed_segments("The provincial government disputed reports that 20 labourers had died.")
    assert segs and segs[0][:2] == ("Government of Balochistan", D)


def test_a_capital_speaking_is_its_government_but_stays_a_place_elsewhere():
    assert [c for c, _h, _t in _parsed_segments(
        "Islamabad maintained that only four soldiers were killed.")] == ["Government of Pakistan"]
    ctx = _ctx("Four soldiers were killed in Islamabad on Monday.")
    assert [m.name for m in find_actors(ctx)] == ["soldiers"]


@pytest.mark.parametrize("text, claimant", [
    ("Eleven passengers were killed, according to a statement issued by the ISPR.", "Pakistan Army"),
    ("According to the Frontier Corps' statement, two soldiers died.", "Frontier Corps"),
    ("According to a press release from the Levies, two guards died.", "Levies"),
    ("The statement by the BLA said 20 soldiers died.", "Baloch Liberation Army"),
])
def test_a_document_speaks_for_the_party_that_issued_it(text, claimant):
    assert [c for c, _ in _parsed_summary(text)] == [claimant]


def test_records_seen_by_a_newspaper_are_not_the_newspaper_s_claim():
    found = _parsed_summary("Hospitals received 40 bodies, according to hospital records seen by the Kalat Times.")
    assert "Kalat Times" not in " ".join(c or "" for c, _ in found)


def test_an_outlet_citing_its_own_tally_speaks_in_its_own_voice():
    from rashomon.extract.syntax import parse_sentences

    text = "More than 40 people were killed in Kech in May, according to a Kalat Times tally of police reports."

    def claimants(outlet):
        ctx = _ctx(text)
        ctx.outlet = outlet
        return [a.claimant for a in find_attributions(ctx, find_actors(ctx), parse_sentences(ctx))]

    assert claimants("Kalat Times") == [None] and claimants("Quetta Post") == ["Kalat Times"]


@pytest.mark.parametrize("text, speaker", [
    ("The interior minister put the total for both camps at 15 militants killed.", "government of pakistan"),
    ("The blast in Quetta killed many people on Monday, and officials put the toll at 30.", "officials"),
])
def test_whoever_puts_a_toll_at_a_number_states_it(text, speaker):
    # "put the toll at N" is a way of saying the number: its subject is the claimant
    segs = _parsed_segments(text)
    owned = [c for c, h, t in segs if any(n in t for n in ("15", "30"))]
    assert owned and speaker in (owned[0] or "").lower() and all(h == A for c, h, t in segs if c == owned[0])


def _parsed_attributions(text: str) -> list[Attribution]:
    from rashomon.extract.syntax import parse_sentences

    ctx = _ctx(text)
    return find_attributions(ctx, find_actors(ctx), parse_sentences(ctx))


def test_a_sentence_without_a_cue_goes_on_with_the_party_that_spoke_before_it():
    text = ("Four militants were killed in Kech, according to the ISPR. Two soldiers were martyred "
            "and three injured in the exchange. The area was calm on Monday.")
    atts = _parsed_attributions(text)
    # the second sentence is the army's account still; the third is not handed on again
    assert [(a.claimant, a.hedge, a.sentence_index) for a in atts] == [
        ("Pakistan Army", A, 0), ("Pakistan Army", A, 1)]
    assert text[atts[1].claimant_span.start:atts[1].claimant_span.end] == "the ISPR"  # its evidence


@pytest.mark.parametrize("text", [
    # the party's stretch ends before the sentence does: the outlet speaks after it
    "The ISPR said four militants were killed; the road stayed shut. Two soldiers were martyred.",
    # a denial is not an account to go on with
    "The army denied that any soldier was killed. Two soldiers were martyred in the clash.",
    # a new scene is the outlet's narration again
    "Four militants were killed in Kech, according to the ISPR. Last month, five soldiers were martyred.",
    "Four militants were killed in Kech, according to the ISPR. The toll had stood at two on Monday.",
    "Four militants were killed in Kech, according to the ISPR. In December, five soldiers died in Zhob.",
])
def test_no_account_is_carried_on_past_its_speaker(text):
    atts = _parsed_attributions(text)
    assert all(a.sentence_index == 0 for a in atts if a.claimant == "Pakistan Army")
