"""Who speaks: the grammatical speaker of a reporting cue, read from the sentence's parse.

Contract: ``speaker_of(p, start, end) -> Speaker | None``: for a reporting cue at document
characters ``start:end`` (its first word), the phrase that says it, or None when the parse shows
none. The rules follow how English attributes speech, not word positions:

* the subject of the reporting verb ("Home Minister Mir Zia Langove told reporters",
  "..., said Mohammad Asim, a spokesman for the hospital": subjects after the verb count too);
* the agent of a passive one ("it was claimed by the group");
* a participle or a coordinated verb without a subject takes the subject of the verb it hangs
  from ("X gave a different tally, saying ...", "X attacked ... and claimed ...");
* "quoted X as saying": X; "according to X": X; "citing X": X.

The phrase is the subject's subtree without relative clauses ("The minister, who first blamed
the group, said" -> "The minister") and without edge punctuation; appositions stay ("Mohammad
Asim, a spokesman for Lady Reading Hospital"), because the office is what makes the speaker
recognisable.
"""

from __future__ import annotations

from typing import NamedTuple

from rashomon.extract.syntax import Parsed

_SUBJECTS = {"nsubj", "csubj"}
# a verb without its own subject borrows the one of the verb it hangs from
_BORROWS = {"advcl", "xcomp", "conj", "pcomp", "acl"}
# parts of a subject phrase that are clauses about the speaker, not the speaker
_CLAUSES = {"relcl", "acl", "advcl", "parataxis", "ccomp"}
_EDGE = {",", ";", ":", "-", "—", "–", "(", ")", '"', "'", "'s", "’s", "’"}
# what a figure-carrying noun keeps of its phrase: "the BLA's claim of 90 dead"
_NOUN_PARTS = {"det", "poss", "amod", "compound", "nummod", "case"}
_QUOTING = {"quote", "cite"}


class Speaker(NamedTuple):
    start: int  # document offsets of the phrase
    end: int
    pronoun: bool  # "he", "they": the caller resolves it
    head: int  # document offset of the phrase's head word ("sources" in "sources in the town")


def _phrase(p: Parsed, head) -> Speaker | None:
    keep = []

    def walk(t) -> None:
        keep.append(t)
        for c in t.children:
            if c.dep_ not in _CLAUSES:
                walk(c)

    walk(head)
    toks = sorted(keep, key=lambda t: t.i)
    # contiguous stretch around the head only: a clause cut out of the middle ends the phrase
    idx = {t.i for t in toks}
    lo = hi = head.i
    while lo - 1 in idx:
        lo -= 1
    while hi + 1 in idx:
        hi += 1
    lo, hi = _name_run(p.doc, lo, hi)
    if hi + 1 < len(p.doc) and p.doc[hi + 1].text == ":":
        return None  # "PESHAWAR: ..." is a dateline, not a speaker
    span = [t for t in p.doc[lo:hi + 1]]
    while span and span[0].text in _EDGE:
        span = span[1:]
    while span and span[-1].text in _EDGE:
        span = span[:-1]
    if not span:
        return None
    start, end = p.char_span(span)
    return Speaker(start, end, head.pos_ == "PRON", p.start + head.idx)


def _joined(a, b) -> bool:
    """Tokens written without a space between them, across a hyphen ("Atta-ul-Munim")."""
    return a.whitespace_ == "" and (a.text == "-" or b.text == "-")


def _name_run(doc, lo: int, hi: int) -> tuple[int, int]:
    """Widen a phrase over the rest of a name the parser cut ("Assistant Commissioner
    Atta-ul-Munim" parsed as three subjects): hyphen-joined parts on both sides, and capitalised
    words (titles, names) written just before it."""
    while hi + 1 < len(doc) and _joined(doc[hi], doc[hi + 1]):
        hi += 1
    while lo > 0 and (_joined(doc[lo - 1], doc[lo]) or (
            doc[lo - 1].text[:1].isupper() and doc[lo - 1].pos_ in ("PROPN", "NOUN")
            and doc[lo - 1].text.isalpha() and not doc[lo - 1].text.isupper())):
        lo -= 1
    return lo, hi


# a document speaks for whoever issued it: "a statement issued by the ISPR", "the BLA's
# statement", "a press release from the Frontier Corps"
_ISSUERS = {"by", "from", "of"}
_ISSUING = {"issue", "release", "send", "publish", "post", "circulate", "share", "sign", "give",
            "make", "put", "distribute", "e-mail", "email"}


def _issuer_of(t):
    """The issuer of a document noun, or None when the text names none."""
    for c in t.children:
        if c.dep_ == "poss" or (c.dep_ == "compound" and c.pos_ == "PROPN"):  # "a Reuters tally"
            return c
        if c.dep_ == "prep" and c.text.lower() in _ISSUERS:
            obj = next((x for x in c.children if x.dep_ == "pobj"), None)
            if obj is not None:
                return obj
        if c.dep_ == "acl" and c.lemma_.lower() in _ISSUING:  # not "records seen by Dawn"
            agent = next((x for x in c.children if x.dep_ == "agent"), None)
            obj = next((x for x in agent.children if x.dep_ == "pobj"), None) if agent else None
            if obj is not None:
                return obj
    return None


def _who(p: Parsed, t, documents) -> Speaker | None:
    """The speaker phrase headed by ``t``, or the issuer's when ``t`` is a document noun."""
    if t.lemma_.lower() in documents:
        issuer = _issuer_of(t)
        if issuer is not None:
            return _phrase(p, issuer)
    return _phrase(p, t)


def _subject_of(v):
    subjects = [c for c in v.children if c.dep_ in _SUBJECTS]
    if subjects:  # a parser may give several: the one nearest the verb is its subject
        return min(subjects, key=lambda c: abs(c.i - v.i))
    for c in v.children:
        if c.dep_ == "agent":  # "it was claimed by the BLA"
            for x in c.children:
                if x.dep_ == "pobj":
                    return x
    return None


def _object_of(v, deps=("dobj", "pobj")):
    return next((c for c in v.children if c.dep_ in deps), None)


def speaker_of(p: Parsed, start: int, end: int, documents=frozenset()) -> Speaker | None:
    """The phrase that says what the reporting cue at ``start:end`` introduces (see module).
    ``documents``: lemmas of nouns that speak for their issuer ("statement", "press release")."""
    t = p.token_at(start, end)
    if t is None:
        return None
    word = t.text.lower()
    if word == "according":  # "according to X"
        to = next((c for c in t.children if c.text.lower() == "to"), None)
        obj = _object_of(to) if to is not None else None
        return _who(p, obj, documents) if obj is not None else None
    if word in ("citing", "quoting"):
        obj = _object_of(t, ("dobj",))
        return _who(p, obj, documents) if obj is not None else None
    v = t
    for _ in range(4):
        subj = _subject_of(v)
        if subj is not None:
            return _who(p, subj, documents)
        if v.dep_ == "pcomp" and v.head.text.lower() == "as" and v.head.head.lemma_.lower() in _QUOTING:
            obj = _object_of(v.head.head, ("dobj",))  # "quoted the military as saying"
            return _who(p, obj, documents) if obj is not None else None
        if v.dep_ not in _BORROWS or v.head.i == v.i:
            return None
        v = v.head
        if v.pos_ in ("NOUN", "PROPN") and v.dep_ in ("dobj", "pobj") and v.head.i != v.i:
            v = v.head  # "the group issued a statement claiming ...": the statement's issuer
            if v.pos_ == "ADP":
                v = v.head  # "in a statement saying ..." 
    return None


def governing_subject(p: Parsed, t, nouns=frozenset()) -> tuple[Speaker | None, str]:
    """The subject of the nearest verb above ``t`` that has one, and that verb's lemma: whose
    "its own count" is ("The army dismissed ..., standing by its own count of four"). A subject
    that is itself a figure-carrying noun ("the claim ... as fabricated") speaks for nobody."""
    v = t.head
    for _ in range(6):
        if v.pos_ in ("VERB", "AUX"):
            subj = _subject_of(v)
            if subj is not None and subj.lemma_.lower() not in nouns:
                return _phrase(p, subj), v.lemma_.lower()
        if v.head.i == v.i:
            break
        v = v.head
    return None, ""


class Owned(NamedTuple):
    """A noun phrase carrying someone's figure: "the BLA's claim of more than 100 dead"."""

    start: int  # document offsets of the noun phrase
    end: int
    noun: str  # the noun's lemma ("claim", "figure", "count")
    owner: Speaker | None  # the possessor or "by" agent (for "its", the governing subject)
    verb: str  # the lemma of the verb governing the owner when the owner is a pronoun


def owned_figures(p: Parsed, nouns, put_verbs=frozenset()) -> list[Owned]:
    """Figure-carrying nouns (``nouns``: lemmas) with an "of" + number complement and a named
    owner: a possessor ("the group's claim of 90", "its own count of four") or the agent of a
    participle ("the figure of 101 given by the health department")."""
    out = []
    for t in p.doc:
        if t.pos_ != "NOUN" or t.lemma_.lower() not in nouns:
            continue
        put = _put_at(p, t, put_verbs)
        if put is not None:
            out.append(put)
            continue
        of = next((c for c in t.children if c.dep_ == "prep" and c.text.lower() == "of"), None)
        if of is None or not any(x.like_num for x in of.subtree):
            continue
        keep = [t, *of.subtree]
        owner_tok, verb = None, ""
        objs = [x for x in of.children if x.dep_ == "pobj"]
        # "the figure of 101 given by ...": the participle may hang from the noun or its number
        for c in [*t.children, *(k for o in objs for k in o.children)]:
            if c.head.i == t.i and c.dep_ in _NOUN_PARTS:
                keep += list(c.subtree)
            if c.dep_ == "poss" and c.head.i == t.i:
                owner_tok = c
            elif c.dep_ == "acl" and owner_tok is None:
                agent = next((x for x in c.children if x.dep_ == "agent"), None)
                obj = next((x for x in agent.children if x.dep_ == "pobj"), None) if agent else None
                if obj is not None:
                    owner_tok, keep = obj, keep + list(c.subtree)
        if owner_tok is None:
            continue
        if owner_tok.pos_ == "PRON":
            owner, verb = governing_subject(p, t, nouns)
        else:
            owner = _phrase(p, owner_tok)
        start, end = p.char_span(keep)
        out.append(Owned(start, end, t.lemma_.lower(), owner, verb))
    return out


def _put_at(p: Parsed, t, put_verbs) -> Owned | None:
    """"The minister put the total at 15": the subject of a ``put_verbs`` verb states the
    number its claim-noun object names."""
    v = t.head
    if t.dep_ != "dobj" or v.pos_ != "VERB" or v.lemma_.lower() not in put_verbs:
        return None
    at = next((c for c in v.children if c.dep_ == "prep" and c.lower_ == "at" and c.i > t.i), None)
    subject = next((c for c in v.children if c.dep_ == "nsubj"), None)
    if at is None or subject is None or not any(x.like_num for x in at.subtree):
        return None
    owner = _phrase(p, subject)
    # the verb's whole clause is the speaker's (no stub of the outlet's voice around it)
    start, end = p.char_span(v.subtree)
    return Owned(start, end, t.lemma_.lower(), owner, v.lemma_.lower())


__all__ = ["Owned", "Speaker", "governing_subject", "owned_figures", "speaker_of"]
