"""The fast paths added for extraction speed (issue #3, item 12) give what the plain code gives.

Document-level tokens sliced per sentence, the trigger token stream read in bulk from spaCy,
the next-word dispatch of the trigger index and the length-indexed phrase look-ups of the
quantities stage are each checked against a reference written the simple way.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from rashomon.extract import quantities, trigger_lexicon, types, words
from rashomon.extract.base import ExtractContext
from rashomon.extract.pipeline import make_context
from rashomon.extract.resources import resources_for
from rashomon.extract.sentences import split_sentences
from rashomon.packs import load_pack

ROOT = Path(__file__).parents[1]
WORDS = ["In", "March", "14", "May", "killed", "33", "over", "two", "hundred", "soldiers",
         "were", "pushed", "back", "from", "the", "militants", "BLA", "(", ")", "-", "’", "“",
         "said", ",", ".", "\n\n", "Mr.", "U.S.", "ΟΔΟΣ", "Σ", "_", "x" * 70, "1,000", "in custody"]
TEXTS = st.lists(st.sampled_from(WORDS), max_size=60).map(" ".join) | st.text(max_size=120)


def _corpus() -> list[str]:
    texts = []
    for path in (ROOT / "src/rashomon/packs/balochistan/demo/reports.jsonl", ROOT / "tests/data/linking/corpus.jsonl"):
        texts += [json.loads(line)["text"] for line in path.read_text("utf-8").splitlines() if line.strip()]
    return texts


def _ctx(text: str) -> ExtractContext:
    return make_context(text, load_pack("balochistan"))


def _plain_words(text: str, offset: int) -> tuple:
    found = [m for m in re.finditer(r"[^\W_]+|[^\w\s]|_", text) if m.group() != "-"]
    cased = [words.APOSTROPHES.get(m.group(), m.group()) for m in found]
    return (cased, [w.lower() for w in cased], [m.start() + offset for m in found],
            [m.end() + offset for m in found])


@settings(max_examples=300, deadline=None)
@given(TEXTS, st.integers(0, 40))
def test_words_of_matches_plain_tokens(text, offset):
    assert tuple(words.words_of(text, offset)) == _plain_words(text, offset)


@settings(max_examples=200, deadline=None)
@given(TEXTS)
def test_sentence_slices_match_sentence_tokens(text):
    ctx = _ctx(text)
    for s in ctx.sentences:
        assert tuple(words.sentence_words(ctx, s)) == _plain_words(s.text, s.start)
        toks = quantities._sentence_tokens(ctx, quantities._document_tokens(text), s)
        assert toks == quantities._tokenize(text, s.start, s.end)


def _plain_trigger_tokens(text: str, lex) -> list[tuple[str, int, int]]:
    doc = trigger_lexicon.tokenizer()(trigger_lexicon._mask_long_runs(text))
    toks = [t for t in doc if not t.is_space]
    out = []
    for i, t in enumerate(toks):
        lemma = trigger_lexicon.stem(t.text, lex.lemmas)
        near_number = (i + 1 < len(toks) and toks[i + 1].like_num) or (i > 0 and toks[i - 1].like_num)
        if lemma in lex.months and text[t.idx].isupper() and near_number:
            lemma = "<month>"
        out.append((lemma, t.idx, t.idx + len(t.text)))
    return out


@settings(max_examples=200, deadline=None)
@given(TEXTS)
def test_trigger_tokens_match_plain_spacy_loop(text):
    lex = resources_for(load_pack("balochistan")).triggers
    toks = trigger_lexicon.tokens(text, lex)
    assert list(zip(toks.lemma, toks.start, [a + n for a, n in zip(toks.start, toks.size)])) == \
        _plain_trigger_tokens(text, lex)


def _plain_hits(lem, lo, hi, lex):
    """Every index entry tried at every token, as before the next-word dispatch."""
    hedge = lex.classes.get("hedge", frozenset())
    out = []
    for i in range(lo, hi):
        for e in lex.index.get(lem[i], ()):
            last = types._match_at(lem, i, e.pattern, hi)
            if last is None or not types._cues_hold(lem, lo, hi, i, last, e, lex):
                continue
            hedged = e.violent and any(lem[x] in hedge for x in range(max(lo, i - 4), i))
            out.append((e, i, last, e.weight * (lex.settings.get("hedge_factor", 0.3) if hedged else 1)))
    return out


def test_trigger_dispatch_matches_plain_scan():
    lex = resources_for(load_pack("balochistan")).triggers
    for text in _corpus():
        toks = trigger_lexicon.tokens(text, lex)
        sentences = split_sentences(text)
        fast = {s.index: [tuple(h) for h in hits] for s, hits, _ in types._sentence_hits(toks, sentences, lex)}
        for s, (lo, hi) in zip(sentences, types._sentence_token_ranges(toks, sentences)):
            assert fast.get(s.index, []) == _plain_hits(toks.lemma, lo, hi, lex)


def _plain_longest(table, low, i):
    for size in (4, 3, 2, 1):
        key = tuple(low[i:i + size])
        if len(key) == size and key in table:
            return table[key], size
    return None


@settings(max_examples=200, deadline=None)
@given(TEXTS)
def test_quantity_phrase_lookup_matches_plain_lookup(text):
    lex = resources_for(load_pack("balochistan")).quantities
    low = quantities._tokenize(text, 0, len(text)).low
    for table in (lex.vague, lex.modifiers, lex.keywords, lex.victims):
        for i in range(len(low)):
            assert lex.longest(table, low, i) == _plain_longest(table, low, i)


def test_trigger_tokenizer_renewal_keeps_tokens_and_bounds_the_vocabulary(monkeypatch):
    """A long ingest renews spaCy's pipeline (its vocabulary keeps every string it sees); the
    stems memo, keyed by orth hashes, must give the same tokens before and after."""
    lex = resources_for(load_pack("balochistan")).triggers
    monkeypatch.setattr(trigger_lexicon, "RENEW_AFTER", 5)
    texts = [f"Militants killed {i} soldiers in Kech on 14 May, report R{i}x{i}." for i in range(12)]
    pipelines = set()
    first = []
    for t in texts:
        first.append(trigger_lexicon.tokens(t, lex))
        pipelines.add(id(trigger_lexicon._Renewed.nlp))
    assert len(pipelines) >= 2  # renewed on the way
    assert [trigger_lexicon.tokens(t, lex) for t in texts] == first
    assert "R0x0" not in trigger_lexicon.tokenizer().vocab.strings  # old strings are gone
