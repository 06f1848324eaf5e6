"""Figures the parse gives that number words do not: "killed a conscript", "Army major Didier
Muhimpundu was shot and killed", "gunmen murdered a traditional ruler".

Contract: ``grammar_figures(ctx, parse, found) -> list[Quantity]``: for every verb of a
category in ``quantities.toml`` ``[grammar]`` (kill -> killed, wound -> injured, ...), each
patient (its object, or the subject of a passive) that names ONE person (a singular noun with
"a", "an" or "one", or a person's name) and overlaps no figure already ``found`` becomes a
figure of 1 with the patient's words as its text and span. Plural patients without a number
("killed civilians") stay without a figure: unknown is not guessed.
"""

from __future__ import annotations

from rashomon.extract.base import ExtractContext
from rashomon.extract.quantity_lexicon import with_pack_words
from rashomon.extract.syntax import Parse
from rashomon.models import Quantity, Span

_ONE = {"a", "an", "one"}
_PATIENT = {"dobj", "nsubjpass", "obj"}


def build_figure_verbs(pack) -> dict[str, str]:
    """Verb lemma -> figure category, from ``quantities.toml`` ``[grammar]`` (once per pack)."""
    q = with_pack_words(pack.read("quantities.toml"), pack.read("figure_words.toml"))
    table = q.get("grammar", {})
    return {w: cat for cat, ws in table.items() for w in ws}


def _patients(v) -> list:
    """Objects of the verb, or the passive subject of it or of the verb it is conjoined to
    ("was shot and killed": the subject sits on "shot")."""
    out = [c for c in v.children if c.dep_ in _PATIENT]
    if not out and v.dep_ == "conj":
        out = [c for c in v.head.children if c.dep_ == "nsubjpass"]
    more = []
    for p in out:
        more += [c for c in p.children if c.dep_ == "conj"]
    return out + more


def _one_person(n) -> bool:
    # the tag may be wrong ("a conscript" comes out as an adjective); the article is not
    if n.tag_ not in ("NNS", "NNPS", "PRP", "CD", "NNP") and any(
            c.dep_ in ("det", "nummod") and c.lower_ in _ONE for c in n.children):
        return True
    return n.tag_ == "NNP" and n.ent_type_ == "" and any(c.dep_ == "compound" for c in n.children)


def grammar_figures(ctx: ExtractContext, parse: Parse | None, found: list[Quantity]) -> list[Quantity]:
    if parse is None:
        return []
    verbs = ctx.resources.figure_verbs
    taken = [(q.span.start, q.span.end) for q in found]
    out = []
    for p in parse.sentences.values():
        for v in p.doc:
            cat = verbs.get(v.lemma_.lower()) if v.pos_ == "VERB" else None
            if cat is None:
                continue
            for n in _patients(v):
                if not _one_person(n) or any(c.dep_ == "nummod" and c.lower_ not in _ONE for c in n.children):
                    continue
                toks = [t for t in n.subtree if t.i <= n.i]  # "a conscript", not its relative clause
                start, end = p.char_span(toks)
                if any(a < end and start < b for a, b in taken):
                    continue
                taken.append((start, end))
                out.append(Quantity(category=cat, victims=n.lemma_.lower(), low=1, high=1,
                                    text=ctx.text[start:end], span=Span(start=start, end=end)))
    return out


__all__ = ["build_figure_verbs", "grammar_figures"]
