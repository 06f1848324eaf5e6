"""Figures of zero the parse gives: "no one was killed or injured", "no soldier or civilian was
hurt", "none of whom was hurt", "there was no loss of life", "no arrests were made", "the rest
of the convoy was unharmed", "officials denied that any foreign national had died".

Contract: ``zero_figures(ctx, parse, found) -> list[Quantity]``. A casualty predicate of
``quantities.toml`` ``[zero]`` (a verb, a noun or an adjective, by lemma) gives a figure of
low = high = 0 for each of its categories when

- its person (subject, passive subject or object) is "nobody"/"none", or a noun with the
  determiner "no" ("no soldier", "no one"), or
- the verb is negated ("the guards were not hurt") and has a person, or
- the noun itself carries "no" ("no loss of life", "no casualties"), or
- a verb of denial governs it and its person carries "any" ("denied that any X had died").

The figure's text and span are the words that say "nobody" (the person phrase, or the noun
phrase), so the claim that holds the sentence holds the zero with its speaker and hedge. A
span already taken by a figure in ``found`` is not counted twice. Nothing else is guessed: a
predicate without one of these marks gives no figure.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

from rashomon.extract.base import ExtractContext
from rashomon.extract.syntax import Parse
from rashomon.models import Quantity, Span

_PERSON = {"nsubj", "nsubjpass", "dobj", "obj"}


@dataclass(frozen=True)
class ZeroWords:
    """The ``[zero]`` tables of a pack, compiled once (``extract.resources``)."""

    verbs: dict[str, tuple[str, ...]]  # verb lemma -> categories
    nouns: dict[str, tuple[tuple[str, ...], str | None]]  # head lemma -> (categories, "of" lemma)
    adjectives: dict[str, tuple[str, ...]]
    nobody: frozenset[str]
    negative: frozenset[str]
    any_words: frozenset[str]
    deny: frozenset[str]

    @cached_property
    def keys(self) -> frozenset[str]:
        """Every word a token must be (as lemma or, for adjectives, as written) to make a zero:
        the sentence scan skips the rest at set speed."""
        return frozenset(self.verbs) | frozenset(self.nouns) | frozenset(self.adjectives)


def build_zero_words(pack) -> ZeroWords:
    q = pack.read("quantities.toml")
    z = q.get("zero", {})
    cats = {k: tuple(v) for k, v in z.get("categories", {}).items()}

    def table(name: str) -> dict[str, tuple[str, ...]]:
        return {w: cats.get(k, (k,)) for k, ws in z.get(name, {}).items() for w in ws}

    nouns: dict[str, tuple[tuple[str, ...], str | None]] = {}
    for phrase, c in table("nouns").items():
        words = phrase.split()
        nouns[words[0]] = (c, words[2] if len(words) == 3 and words[1] == "of" else None)
    w = z.get("words", {})
    return ZeroWords(table("verbs"), nouns, table("adjectives"),
                     frozenset(w.get("nobody", [])), frozenset(w.get("negative", ["no"])),
                     frozenset(w.get("denial_any", ["any"])), frozenset(w.get("deny", [])))


def _det(n, words: frozenset[str]) -> bool:
    return any(c.dep_ in ("det", "advmod") and c.lower_ in words for c in n.children)


def _says_nobody(n, zw: ZeroWords) -> bool:
    """"nobody", "none (of them)", "no one", "no soldier"; a conjunct shares its first
    conjunct's determiner ("no soldier or civilian")."""
    return n.lower_ in zw.nobody or _det(n, zw.negative)


def _denied(v, zw: ZeroWords) -> bool:
    """A verb of denial above ``v`` in the same sentence ("denied that ... had died")."""
    h = v
    while h.head.i != h.i and h.dep_ in ("ccomp", "xcomp", "conj", "advcl"):
        h = h.head
        if h.lemma_.lower() in zw.deny:
            return True
    return False


def _persons(v) -> list:
    out = [c for c in v.children if c.dep_ in _PERSON]
    own_aux = any(c.dep_ in ("auxpass", "aux") for c in v.children)
    if not out and v.dep_ == "conj" and not own_aux:
        # "was killed or injured": the subject sits on "killed"; a conjunct with auxiliaries of
        # its own ("... and no soldier was hurt") has its own subject, to its left
        out = [c for c in v.head.children if c.dep_ in _PERSON]
    return out or _left_subject(v)


def _left_subject(v) -> list:
    """The noun right before a passive verb's auxiliaries when the parser hung it elsewhere
    ("... sent to hell and no soldier or civilian was hurt": "soldier" comes out as a conjunct
    of "hell"); a conjunct stands for its first conjunct ("civilian" -> "no soldier")."""
    aux = [c for c in v.children if c.dep_ in ("auxpass", "aux", "neg") and c.i < v.i]
    k = (min(c.i for c in aux) if aux else v.i) - 1
    if k < 0 or v.doc[k].pos_ not in ("NOUN", "PROPN", "PRON"):
        return []
    n = v.doc[k]
    # up the conjuncts to the one with the determiner ("no soldier or civilian"), not beyond it
    while (n.dep_ == "conj" and n.head.pos_ in ("NOUN", "PROPN", "PRON") and n.head.i < n.i
           and not any(c.dep_ == "det" for c in n.children)):
        n = n.head
    return [n]


def _zero_person(v, zw: ZeroWords):
    """The person phrase that makes predicate ``v`` a zero, or None."""
    persons = _persons(v)
    for n in persons:
        if _says_nobody(n, zw) or (_denied(v, zw) and _det(n, zw.any_words)):
            return n
    negated = any(c.dep_ == "neg" for c in v.children) or (
        v.dep_ == "acomp" and any(c.dep_ == "neg" for c in v.head.children))
    return persons[0] if negated and persons else None


def _noun_zero(n, zw: ZeroWords) -> tuple[str, ...] | None:
    entry = zw.nouns.get(n.lemma_.lower())
    if entry is None or not _det(n, zw.negative):
        return None
    cats, of = entry
    if of is None:
        return cats
    ok = any(c.dep_ == "prep" and c.lower_ == "of" and any(g.lemma_.lower() == of for g in c.children)
             for c in n.children)
    return cats if ok else None


def _phrase(n):
    """The person or noun phrase up to its head ("no soldier", "none of whom", "no one")."""
    toks = [t for t in n.subtree if t.i <= n.i]
    for of in (c for c in n.children if c.dep_ == "prep" and c.lower_ == "of"):
        toks += list(of.subtree)  # "none of whom", "loss of life", "the rest of the convoy"
    return toks


def _sentence_zeros(p, zw: ZeroWords) -> list[tuple[tuple[str, ...], list]]:
    out = []
    keys = zw.keys
    for t in p.doc:
        lemma = t.lemma_.lower()
        if lemma not in keys and t.lower_ not in keys:
            continue  # every branch below needs the lemma (or the word) in one of the tables
        if t.pos_ in ("VERB", "AUX") and lemma in zw.verbs:
            n = _zero_person(t, zw)
            if n is not None:
                out.append((zw.verbs[lemma], _phrase(n)))
        elif t.pos_ == "ADJ" and lemma in zw.adjectives or t.lower_ in zw.adjectives:
            subj = [c for c in t.head.children if c.dep_ in ("nsubj", "nsubjpass")]
            if subj:
                out.append((zw.adjectives.get(lemma) or zw.adjectives[t.lower_], _phrase(subj[0])))
        elif t.pos_ in ("NOUN", "PROPN"):
            cats = _noun_zero(t, zw)
            if cats is not None:
                out.append((cats, _phrase(t)))
    return out


def zero_figures(ctx: ExtractContext, parse: Parse | None, found: list[Quantity]) -> list[Quantity]:
    if parse is None:
        return []
    zw = ctx.resources.zero_words
    taken = [(q.span.start, q.span.end) for q in found]
    out: list[Quantity] = []
    for p in parse.sentences.values():
        seen: set[str] = set()
        for cats, toks in _sentence_zeros(p, zw):
            start, end = p.char_span(toks)
            if any(a < end and start < b for a, b in taken):
                continue
            for cat in cats:
                if cat in seen:
                    continue  # "no one was killed or injured, nobody was hurt": one zero each
                seen.add(cat)
                out.append(Quantity(category=cat, victims=None, low=0, high=0,
                                    text=ctx.text[start:end], span=Span(start=start, end=end)))
    return out


__all__ = ["ZeroWords", "build_zero_words", "zero_figures"]
