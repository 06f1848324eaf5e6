"""The trigger record and its construction, shared by the phrase matcher (``types``) and the
typing of sentences by their count of the dead (``casualty_typing``)."""

from __future__ import annotations

from typing import NamedTuple

from rashomon.extract.trigger_lexicon import Entry, Lexicon, Tokens
from rashomon.models import Record, Span


class Trigger(Record):
    """Words that signal an event, typed with ACLED's vocabulary."""

    event_type: str
    sub_event_type: str
    text: str
    span: Span
    sentence_index: int = 0
    score: float = 0.0
    violent: bool = False
    # how the word stands in its clause (``grammar.predicate_reading``): main, subordinate,
    # grievance or earlier; None when the sentence was not parsed
    clause: str | None = None
    past: bool = False  # the clause reports a past or completed event (parsed sentences only)


class Hit(NamedTuple):  # a tuple: one per lexicon match, cheaper than a dataclass
    entry: Entry
    first: int  # token index
    last: int  # inclusive
    score: float


def make_trigger(text: str, toks: Tokens, hit: Hit, score: float, index: int,
                  lex: Lexicon, clause: tuple[str, bool, bool] | None = None,
                  sub: str | None = None) -> Trigger:
    sub = sub or hit.entry.sub_type
    info = lex.types[sub]
    start, end = toks.start[hit.first], toks.start[hit.last] + toks.size[hit.last]
    return Trigger(event_type=info["event_type"], sub_event_type=sub,
                   text=text[start:end], span=Span(start=start, end=end), sentence_index=index,
                   score=round(score, 3), violent=bool(info.get("violent", False)),
                   clause=clause[0] if clause else None, past=bool(clause and clause[1]))
