"""Figures the parse gives that number words do not: "killed a conscript", "Army major Didier
Muhimpundu was shot and killed", "gunmen murdered a traditional ruler".

Contract: ``grammar_figures(ctx, parse, found) -> list[Quantity]``: for every verb of a
category in ``quantities.toml`` ``[grammar]`` (kill -> killed, wound -> injured, ...), each
patient (its object, or the subject of a passive) that names ONE person (a singular noun with
"a", "an", "one" or a possessive pronoun, or a person's name; not a group noun of
``[collective]``: "his family") and overlaps no figure already ``found`` becomes a figure of 1
with the patient's words as its text and span. Plural patients without a number ("killed
civilians") stay without a figure: unknown is not guessed. One person named as part of a found
figure ("Four soldiers, including an officer") is a figure of 1 marked ``subset``.
"""

from __future__ import annotations

from rashomon.extract.base import ExtractContext
from rashomon.extract.quantities import PART_OPENERS, number_span
from rashomon.extract.syntax import Parse
from rashomon.models import Quantity, Span

_ONE = {"a", "an", "one"}
_PATIENT = {"dobj", "nsubjpass", "obj"}


def build_figure_verbs(pack) -> dict[str, str]:
    """Verb lemma -> figure category, from ``quantities.toml`` ``[grammar]`` (once per pack)."""
    q = pack.read("quantities.toml")
    table = q.get("grammar", {})
    return {w: cat for cat, ws in table.items() for w in ws}


def build_collective_nouns(pack) -> frozenset[str]:
    """Lemmas of singular nouns that name a group ("a family", "the crew"): ``[collective]``."""
    q = pack.read("quantities.toml")
    return frozenset(w.lower() for w in q.get("collective", {}).get("nouns", []))


def _patients(v) -> list:
    """Objects of the verb, or the passive subject of it or of the verb it is conjoined to
    ("was shot and killed": the subject sits on "shot")."""
    out = [c for c in v.children if c.dep_ in _PATIENT]
    if not out and any(c.dep_ == "auxpass" for c in v.children):
        # the parser may label a passive subject nsubj ("A civilian passing by was injured")
        out = [c for c in v.children if c.dep_ == "nsubj"]
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
    # a singular noun owned by a pronoun is one person ("their Pakistani driver", "his guard")
    if n.tag_ == "NN" and any(c.dep_ == "poss" and c.tag_ == "PRP$" for c in n.children):
        return True
    return n.tag_ == "NNP" and n.ent_type_ == "" and any(c.dep_ == "compound" for c in n.children)


def _counted(ctx: ExtractContext, p, n, num, cat: str, taken: list) -> Quantity | None:
    """A counted patient the word windows missed: "14 men, among them four named ones, had been
    detained" (the count and its verb too far apart for ``quantities``). The number is read from
    its own words; it is a figure of the verb's category, attackers killed for a group of
    attackers, unless a figure already covers it."""
    lo, hi = p.char_span([t for t in num.subtree if t.i <= num.i])
    got = number_span(ctx.text, lo, hi, ctx.resources.quantities)
    if got is None or any(a < got[1] and got[0] < b for a, b in taken):
        return None
    start, end, low, high, approximate = got
    victims = n.lemma_.lower()
    lex = ctx.resources.quantities
    if cat == "killed" and (n.lower_ in lex.sets["attackers"] or victims in lex.sets["attackers"]):
        cat = lex.attackers_category
    taken.append((start, end))
    return Quantity(category=cat, victims=victims, low=low, high=high, approximate=approximate,
                    text=ctx.text[start:end], span=Span(start=start, end=end))


def _one_of(ctx: ExtractContext, parse: Parse, found: list[Quantity], taken: list) -> list[Quantity]:
    """One person named as part of a counted figure: "Four soldiers, including an officer",
    "Five soldiers, among them a junior commissioned officer": a figure of 1 of the same
    category, a subset of it. The parser hangs "among them ..." anywhere (on the noun, the verb,
    as an adverbial clause), so the words after the counted noun are read in order instead."""
    out = []
    for q in found:
        if q.subset or q.low is None:
            continue
        sent = next((p for p in parse.sentences.values()
                     if p.start <= q.span.start < p.start + len(p.doc.text)), None)
        tok = sent.token_at(q.span.start, q.span.end) if sent is not None else None
        if tok is None:
            continue
        part = _named_part(sent.doc, tok.head if tok.dep_ == "nummod" else tok)
        if part is None or part[-1].lemma_.lower() in ctx.resources.collective_nouns:
            continue
        start, end = sent.char_span(part)
        if any(a < end and start < b for a, b in taken):
            continue
        taken.append((start, end))
        out.append(Quantity(category=q.category, victims=part[-1].lemma_.lower(), low=1, high=1,
                            text=ctx.text[start:end], span=Span(start=start, end=end), subset=True))
    return out


def _named_part(doc, whole) -> list | None:
    """The tokens of "a/an (modifiers) NOUN" right after ``whole`` and ", including" or ", among
    them", or None."""
    k = whole.i + 1
    if k < len(doc) and doc[k].text == ",":
        k += 1
    for opener in PART_OPENERS:
        if tuple(t.lower_ for t in doc[k:k + len(opener)]) == opener:
            k += len(opener)
            break
    else:
        return None
    if k >= len(doc) or doc[k].lower_ not in ("a", "an"):
        return None
    for j in range(k + 1, min(k + 5, len(doc))):
        if doc[j].tag_ == "NN":
            return list(doc[k:j + 1])
        if doc[j].tag_ not in ("JJ", "VBN", "NNP", "HYPH"):
            return None
    return None


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
                counted = [c for c in n.children if c.dep_ == "nummod" and c.lower_ not in _ONE]
                if counted:
                    q = _counted(ctx, p, n, counted[0], cat, taken)
                    if q is not None:
                        out.append(q)
                    continue
                if n.lemma_.lower() in ctx.resources.collective_nouns or not _one_person(n):
                    continue
                toks = [t for t in n.subtree if t.i <= n.i]  # "a conscript", not its relative clause
                start, end = p.char_span(toks)
                if any(a < end and start < b for a, b in taken):
                    continue
                taken.append((start, end))
                out.append(Quantity(category=cat, victims=n.lemma_.lower(), low=1, high=1,
                                    text=ctx.text[start:end], span=Span(start=start, end=end)))
    return out + _one_of(ctx, parse, found, taken)


__all__ = ["build_collective_nouns", "build_figure_verbs", "grammar_figures"]
