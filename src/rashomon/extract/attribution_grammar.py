"""Attributions the parse adds after the cue rules of ``attribution``: denials and owned figures.

Contract: ``refine(sentence, parsed, found, cues, resolve) -> list[Attribution]`` takes one
sentence's attributions (``found``, from the cue rules) and returns them with

* **denials read from the grammar**: a verb of ``[grammar] denial_verbs`` ("dismissed",
  "rejected", "disputed") whose subject the parse shows makes its clause that subject's, hedged
  ``denied``, whatever its object ("The army dismissed the group's claim of 90 dead" — no cue
  phrase lists every possible object); a cue attribution on that verb becomes ``denied``;
* **owned figures** (``speakers.owned_figures``): a noun phrase that carries a figure and names
  its owner ("the BLA's claim of more than 100 dead", "the figure of 101 given by the health
  department", "its own count of four") becomes a segment of its own, owned by that party (hedge
  by noun: a claim is alleged, a figure or toll attributed, one under a denial verb denied); the
  segment that held it is split around it, so the figures before and after keep their speaker.

``resolve(speaker) -> (claimant, claimant_span) | None`` is the caller's: it maps a parse
phrase to a claimant the way the cue rules do (pack actors, "he", offices as written).
"""

from __future__ import annotations

from collections.abc import Callable

from rashomon.extract.attribution_cues import Attribution, CueIndex
from rashomon.extract.base import Sentence
from rashomon.extract.speakers import Speaker, owned_figures, speaker_of
from rashomon.extract.syntax import Parsed
from rashomon.models import Hedge, Span

Resolve = Callable[[Speaker], "tuple[str | None, Span] | None"]


def wants_refining(parsed: Parsed, cues: CueIndex) -> bool:
    """Whether the sentence holds a denial verb or a figure-carrying noun (most do not)."""
    lemmas = {t.lemma_.lower() for t in parsed.doc}  # one pass, then two set tests
    return not (lemmas.isdisjoint(cues.denial_verbs) and lemmas.isdisjoint(cues.claim_nouns))


def _denials(s: Sentence, p: Parsed, found: list[Attribution], cues: CueIndex,
             resolve: Resolve) -> list[Attribution]:
    out = list(found)
    for t in p.doc:
        if t.pos_ != "VERB" or t.lemma_.lower() not in cues.denial_verbs:
            continue
        start = p.start + t.idx
        end = start + len(t.text)
        on_cue = [k for k, a in enumerate(out) if a.cue_span.start <= start < a.cue_span.end]
        if on_cue:
            for k in on_cue:
                out[k] = out[k].model_copy(update={"hedge": Hedge.denied})
            continue
        speaker = speaker_of(p, start, end, cues.document_nouns)
        who = resolve(speaker) if speaker is not None and not speaker.pronoun else None
        if who is None:
            continue
        lo, hi = p.char_span(t.subtree)
        lo = min(lo, who[1].start)
        # never over another claimant's stretch: stop at the neighbours
        lo = max([lo] + [a.end for a in out if a.end <= start])
        hi = min([hi] + [a.start for a in out if a.start > start])
        if any(a.start < hi and lo < a.end for a in out):
            continue
        out.append(Attribution(sentence_index=s.index, start=lo, end=hi, claimant=who[0],
                               claimant_text=None, claimant_span=who[1], cue=t.text,
                               cue_span=Span(start=start, end=end), hedge=Hedge.denied))
    return sorted(out, key=lambda a: a.start)


def _piece(host: Attribution | None, s: Sentence, lo: int, hi: int, text: str) -> Attribution | None:
    """What is left of ``host`` (or of the outlet's voice) between ``lo`` and ``hi``."""
    if not any(c.isalnum() for c in text[lo:hi]):
        return None
    if host is not None:
        return host.model_copy(update={"start": lo, "end": hi})
    return Attribution(sentence_index=s.index, start=lo, end=hi, cue="", cue_span=Span(start=lo, end=lo),
                       hedge=Hedge.asserted)


def _owned(s: Sentence, p: Parsed, found: list[Attribution], cues: CueIndex, resolve: Resolve,
           text: str) -> list[Attribution]:
    out = list(found)
    for o in owned_figures(p, cues.claim_nouns, cues.put_verbs):
        who = resolve(o.owner) if o.owner is not None else None
        if who is None:
            continue
        hosts = [a for a in out if a.start <= o.start and o.end <= a.end]
        if not hosts and any(a.start < o.end and o.start < a.end for a in out):
            continue  # straddles two segments: leave the cue rules' reading
        host = hosts[0] if hosts else None
        lo, hi = (host.start, host.end) if host else (s.start, s.end)
        hedge = Hedge.denied if o.verb in cues.denial_verbs else cues.claim_nouns[o.noun]
        if host is not None and host.claimant == who[0] and host.claimant is not None:
            continue  # the speaker's own figure inside the speaker's segment
        mine = Attribution(sentence_index=s.index, start=o.start, end=o.end, claimant=who[0],
                           claimant_text=text[who[1].start:who[1].end], claimant_span=who[1],
                           cue=text[o.start:o.end], cue_span=Span(start=o.start, end=o.end), hedge=hedge)
        pieces = [_piece(host, s, lo, o.start, text), mine, _piece(host, s, o.end, hi, text)]
        out = [a for a in out if a is not host] + [x for x in pieces if x is not None]
    return sorted(out, key=lambda a: a.start)


def refine(s: Sentence, p: Parsed, found: list[Attribution], cues: CueIndex, resolve: Resolve,
           text: str) -> list[Attribution]:
    """``found`` with denials and owned figures read from the parse (see module docstring)."""
    out = _denials(s, p, found, cues, resolve)
    out = _owned(s, p, out, cues, resolve, text)
    return [a if a.claimant_text is not None or a.claimant_span is None else
            a.model_copy(update={"claimant_text": text[a.claimant_span.start:a.claimant_span.end]})
            for a in out]


__all__ = ["refine", "wants_refining"]
