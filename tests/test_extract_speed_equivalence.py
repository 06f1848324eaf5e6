"""The fast paths of the extraction stages give exactly what the plain scans they replace give.

Each fast path (gated date patterns, phrase-table pre-pass, joined lower-casing, memoised
place runs, shared cue hits) is checked against a reference written the simple way, on the
bundled corpora and on generated text; and each stays linear on a megabyte of hostile input.
"""

from __future__ import annotations

import json
import re
import time
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from rashomon.extract import attribution, dates, places, quantities
from rashomon.extract.actors import PhraseTable, Token, tokenize
from rashomon.extract.base import ExtractContext
from rashomon.extract.pipeline import make_context
from rashomon.extract.resources import resources_for
from rashomon.packs import load_pack

ROOT = Path(__file__).parents[1]
WORDS = ["in", "In", "inMarch", "March", "mar", "MARCH", "Sept", "11", "2025", "1999-03-04",
         "on", "last", "Tuesday", "TUESDAY", "night", "the", "day", "before", "yesterday",
         "mid-", "May", "of", "earlier", "this", "week", "during", "ſince", "İn", "BLA", "FC",
         "Baloch", "Liberation", "Army", "(", ")", "said", "claimed", "according", "to", ",",
         ".", "-", "’", "killed", "33", "over", "200", "soldiers", "Quetta", "Kech", "district",
         "Dera", "Ismail", "Khan", "near", "town", "\n\n", "é", "١٩"]
TEXTS = st.lists(st.sampled_from(WORDS), max_size=40).map(" ".join) | st.text(max_size=80)


@pytest.fixture(scope="module")
def pack():
    return load_pack("balochistan")


def _corpus() -> list[str]:
    texts = []
    for path in (ROOT / "src/rashomon/packs/balochistan/demo/reports.jsonl", ROOT / "tests/data/linking/corpus.jsonl"):
        texts += [json.loads(line)["text"] for line in path.read_text("utf-8").splitlines() if line.strip()]
    return texts


def _plain_date_matches(text: str, cal) -> list[tuple]:
    return [(m.start(), m.end(), m.groupdict()) for _kind, rx in cal.patterns for m in rx.finditer(text)]


def _gated_date_matches(text: str, cal) -> list[tuple]:
    found = dates._gated_matches(text, cal)
    found = [m for _kind, rx in cal.patterns for m in rx.finditer(text)] if found is None else found
    return [(m.start(), m.end(), m.groupdict()) for m in found]


def test_dates_gated_scan_matches_plain_scan_on_corpus(pack):
    cal = resources_for(pack).calendar
    for text in _corpus():
        assert _gated_date_matches(text, cal) == _plain_date_matches(text, cal)


@settings(max_examples=300, deadline=None)
@given(TEXTS)
def test_dates_gated_scan_matches_plain_scan_on_generated_text(text):
    cal = resources_for(load_pack("balochistan")).calendar
    assert _gated_date_matches(text, cal) == _plain_date_matches(text, cal)


@pytest.mark.parametrize("text", ["It began ſince March 2024.", "İn 2024 it began."])
def test_dates_case_oddities_take_the_plain_scan(pack, text):
    cal = resources_for(pack).calendar
    assert dates._gated_matches(text, cal) is None
    assert _plain_date_matches(text, cal)  # (?i) matches them: the gate must not drop them


def _plain_phrase_scan(table: PhraseTable, tokens: tuple[Token, ...]) -> list[tuple]:
    forms = {True: [t.text for t in tokens], False: [t.text.lower() for t in tokens]}
    out, i = [], 0
    while i < len(tokens):
        hit = table._match_at(forms, i)
        if hit is None:
            i += 1
            continue
        out.append((i, i + hit[0], hit[1]))
        i += hit[0]
    return out


@settings(max_examples=300, deadline=None)
@given(TEXTS)
def test_actors_phrase_scan_matches_plain_scan(text):
    pack = load_pack("balochistan")
    tokens = tokenize(text)
    for table in (resources_for(pack).actors.table, resources_for(pack).cues.table):
        assert table.scan(tokens) == _plain_phrase_scan(table, tokens)


@settings(max_examples=200, deadline=None)
@given(TEXTS, st.integers(0, 50))
def test_actors_tokenize_matches_plain_tokenizer(text, offset):
    plain = tuple(Token({"’": "'", "‘": "'", "`": "'", "“": '"', "”": '"'}.get(m.group(), m.group()),
                        m.start() + offset, m.end() + offset)
                  for m in re.finditer(r"[^\W_]+|[^\w\s]|_", text) if m.group() != "-")
    assert tokenize(text, offset) == plain


@settings(max_examples=200, deadline=None)
@given(TEXTS)
def test_quantities_tokenize_matches_plain_tokenizer(text):
    toks = quantities._tokenize(text, 0, len(text))
    plain = list(quantities._TOKEN.finditer(text))
    assert toks.low == [m.group().lower() for m in plain]
    assert (toks.start, toks.end) == ([m.start() for m in plain], [m.end() for m in plain])


def _quantities(ctx):
    return quantities.find_quantities(ctx, dates.find_date_mentions(ctx)[1])


def _ctx(text: str, pack) -> ExtractContext:
    return make_context(text, pack)


def test_places_memoised_runs_match_fresh_ones(pack):
    gaz = resources_for(pack).gazetteer
    for text in _corpus()[:20]:
        gaz.memo.clear()
        fresh = places.find_places(_ctx(text, pack))
        again = places.find_places(_ctx(text, pack))  # now every run comes from the memo
        assert again == fresh


def test_attribution_shared_cue_hits_match_fresh_ones(pack):
    for text in _corpus()[:20]:
        shared = _ctx(text, pack)
        flags_first = attribution.find_story_flags(shared)
        alone = attribution.find_story_flags(_ctx(text, pack))
        assert flags_first == alone
        assert shared.cache  # the cue hits are kept for the attribution stage


@pytest.mark.parametrize("text", ["in " * 333_000, "1 " * 500_000, "last Tuesday " * 76_000,
                                  "inMarch" * 140_000])
def test_dates_gated_scan_is_linear_on_adversarial_megabyte(pack, text):
    cal = resources_for(pack).calendar
    t0 = time.perf_counter()
    dates._gated_matches(text, cal)
    assert time.perf_counter() - t0 < 10


def test_quantities_sentence_gate_drops_nothing(pack, monkeypatch):
    texts = _corpus()
    gated = [_quantities(_ctx(t, pack)) for t in texts]
    monkeypatch.setattr(quantities, "_may_yield", lambda low, lex: True)
    assert [_quantities(_ctx(t, pack)) for t in texts] == gated
    assert any(gated)
