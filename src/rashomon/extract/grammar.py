"""Reading a parsed sentence: what a predicate's clause does, who acts, who suffers, where.

Pure functions over spaCy tokens of ``extract.syntax`` (Universal-style ClearNLP labels of
``en_core_web_sm``). The few words they need (light verbs, reporting verbs, grievance
prepositions, irrealis heads) are the pack's, in ``framing.toml`` ``[grammar]``, read once into
a :class:`GrammarWords`; the decisions are the parse's.

* :func:`predicate_reading` says whether an event word is the clause's main predicate, a
  grievance or purpose ("against the killing of", "demanding the recovery"), negated, irrealis
  ("will attack", "threatened to strike"), or an earlier time's event ("since the attack").
* :func:`arguments` gives the agent (active subject, "by" phrase of a passive, possessor of an
  event noun, subject of a light verb) and the patient (object, passive subject, "on"/"against"
  phrase of an event noun) as document spans.
* :func:`speaker_spans` gives the subjects of reporting verbs: a source, never a party.
* :func:`place_role` says whether a place is where something happened ("in", "near"), a
  speaker or subject ("Beijing demanded"), part of a person's name ("Commissioner Habibullah
  Musakhel"), or an origin ("resident of Dera Ghazi Khan").
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Callable

from rashomon.extract.syntax import Parsed

_NOMINAL_LINKS = {"compound", "amod", "nmod", "nn"}
_SUBJECTS = {"nsubj", "csubj", "expl"}
_PASSIVE_SUBJECTS = {"nsubjpass", "csubjpass"}
_OBJECTS = {"dobj", "obj", "attr", "oprd"}


@dataclass(frozen=True)
class GrammarWords:
    """The pack's closed-class words the grammar reader needs (``framing.toml`` ``[grammar]``)."""

    light_verbs: frozenset[str]  # "held a protest", "carried out an attack"
    reporting: frozenset[str]  # "said", "told", "claimed"
    grievance_preps: frozenset[str]  # "against", "over": what a protest is about
    earlier_preps: frozenset[str]  # "since", "after": another time's event
    grievance_heads: frozenset[str]  # "demanding", "condemning": what they want or deplore
    irrealis_heads: frozenset[str]  # "threatened to", "planned to", "vowed to"
    irrealis_aux: frozenset[str]  # "will", "would", "could"
    origin_nouns: frozenset[str]  # "resident of", "native of"
    titles: frozenset[str]  # "Commissioner", "Minister": a person's name follows
    locative_preps: frozenset[str]  # "in", "at", "near"
    destination_verbs: frozenset[str] = frozenset()  # "referred to the trauma centre in Quetta"
    time_possessors: frozenset[str] = frozenset()  # "tie them to last week's bombing"

    @classmethod
    def from_framing(cls, fr: dict) -> "GrammarWords":
        g = fr.get("grammar", {})
        f = lambda k: frozenset(w.lower() for w in g.get(k, []))  # noqa: E731
        return cls(f("light_verbs"), f("reporting_verbs"), f("grievance_preps"), f("earlier_preps"),
                   f("grievance_heads"), f("irrealis_heads"), f("irrealis_aux"), f("origin_nouns"),
                   f("titles"), f("locative_preps"), f("destination_verbs"),
                   frozenset(w.lower() for w in fr.get("other_time_possessors", [])))


@dataclass(frozen=True)
class Reading:
    """How an event word stands in its sentence."""

    role: str  # main | subordinate | grievance | earlier | modifier | name
    negated: bool = False
    irrealis: bool = False
    predicate: Any = None  # the token that carries tense and arguments (a light verb for nouns)
    past: bool = False  # the clause reports an event: past, perfect, or a headline's present
    over: int | None = None  # subordinate: the token of the event word whose argument it is


def clause_verb(t):
    """The verb of the clause a word is in: the word itself for a verb, else the verb its noun
    phrase is an argument of ("he was not a part of the protesters": was)."""
    steps = 0
    while t.pos_ not in ("VERB", "AUX") and t.head.i != t.i and steps < 6:
        t = t.head
        steps += 1
    return t if t.pos_ in ("VERB", "AUX") else None


def _past(v) -> bool:
    """Past or perfect: "killed", "have been killed", "was attacking"; a bare participle too
    (headline style: "Eight soldiers killed after vehicle hits landmine")."""
    if v is None:
        return False
    aux = [c for c in v.children if c.dep_ in ("aux", "auxpass")]
    if any(c.tag_ in ("VBD",) or _lemma(c) in ("have",) and c.tag_ in ("VBD", "VBZ", "VBP") for c in aux):
        return True
    if v.tag_ == "VBD":
        return True
    return v.tag_ == "VBN" and not any(c.tag_ in ("MD", "VB", "VBZ", "VBP") and _lemma(c) != "have" for c in aux)


def _lemma(t) -> str:
    return t.lemma_.lower()


def _nominal_head(t):
    """ "protest demonstration", "suicide bombing": the noun the word modifies."""
    while t.dep_ in _NOMINAL_LINKS and t.head.i != t.i and t.head.pos_ in ("NOUN", "PROPN"):
        t = t.head
    return t


def carrier(t, words: GrammarWords):
    """The token whose clause the event word belongs to: the word itself for a verb, the light
    verb of "held a protest" / "carried out an attack", else the noun."""
    t = _nominal_head(t)
    if t.dep_ in _OBJECTS | {"pobj"} and t.head.pos_ in ("VERB", "AUX", "ADP"):
        h = t.head.head if t.dep_ == "pobj" and t.head.dep_ == "prt" else t.head
        if _lemma(h) in words.light_verbs:
            return h
    return t


_NOBODY = {"nobody", "no-one", "noone", "none", "nothing"}


def _negated(t) -> bool:
    """ "not", "no casualties", "No-one was injured", "none were killed"."""
    return any(c.dep_ == "neg" or (c.dep_ == "det" and _lemma(c) == "no")
               or (c.dep_ in _SUBJECTS | _PASSIVE_SUBJECTS and c.lower_ in _NOBODY) for c in t.children)


_IRREALIS_PATH = {"xcomp", "conj", "ccomp", "acl", "advcl", "dobj", "pobj", "prep", "nsubj", "attr"}


def _irrealis(t, words: GrammarWords) -> bool:
    """Under a modal ("strikes could score"), or under a head that says it did not happen yet
    ("threatened to attack", "plans to strike", "to prevent further protests")."""
    h, steps = t, 0
    while True:
        if any(c.dep_ in ("aux", "auxpass") and _lemma(c) in words.irrealis_aux for c in h.children):
            return True
        if h is not t and _lemma(h) in words.irrealis_heads:
            return True
        if h.dep_ not in _IRREALIS_PATH or h.head.i == h.i or steps >= 4:
            return False
        h, steps = h.head, steps + 1


def predicate_reading(p: Parsed, start: int, end: int, words: GrammarWords,
                      others: set[int] = frozenset()) -> Reading | None:
    """How the event word at document span ``start:end`` stands in its clause (None when the
    span is not in this parse). ``others`` are the head tokens (indices) of the sentence's
    event words: a word inside another one's argument ("protested against the killing") is
    subordinate to it."""
    t = p.token_at(start, end)
    if t is None:
        return None
    c = carrier(t, words)
    v = clause_verb(c)
    negated = _negated(c) or _negated(t) or (v is not None and _negated(v))
    irrealis = _irrealis(c, words)
    # the historical present of headlines and notes ("Soldiers kill two men") reports an event
    # when the event word is the verb itself; "strikes are increasing" and "carries out
    # frequent attacks" (habitual) do not
    past = (_past(v) or (v is c is t and (c.tag_ in ("VBZ", "VBP") or _finite_base(c))) or _verbless_head(t)
            ) and not irrealis
    other_heads = set(others) - {t.i}
    if t.pos_ == "PROPN" and end - start == len(t.text) and t.text[:1].isupper() and t.i > 0:
        # a capitalised name inside a sentence ("Shell", "the Chamber of Mines", "up to March")
        return Reading("name", negated, irrealis, c, past)
    if t.dep_ in ("compound", "amod") and t.head.pos_ in ("NOUN", "PROPN") and t.head.i not in other_heads:
        # "flood victims", "blast site": the word names what the noun is about, not an event
        return Reading("modifier", negated, irrealis, c, past)
    other_heads = {carrier(p.doc[i], words).i for i in other_heads} | other_heads
    n = _nominal_head(t)
    if n.dep_ in ("pobj", "dobj") and any(k.dep_ == "poss" and _lemma(k) in words.time_possessors for k in n.children):
        return Reading("earlier", negated, irrealis, c, past)  # "tie them to last week's bombing"
    x = c
    passed_arg = False  # the path went through an argument (object or preposition) of a word above
    over = None  # the first event word above whose argument this one is
    while x.head.i != x.i:
        h = x.head
        if x.dep_ == "pobj" and h.pos_ == "ADP":
            lem = _lemma(h)
            if lem in words.grievance_preps:
                return Reading("grievance", negated, irrealis, c, past)
            if lem in words.earlier_preps:
                return Reading("earlier", negated, irrealis, c, past)
        if x.dep_ in ("advcl", "xcomp", "acl", "pcomp", "ccomp", "dobj") and _lemma(h) in words.grievance_heads:
            return Reading("grievance", negated, irrealis, c, past)  # "demanded the recovery of"
        if x.dep_ in ("advcl", "acl", "xcomp") and _lemma(x) in words.grievance_heads:
            return Reading("grievance", negated, irrealis, c, past)
        if x.dep_ in _OBJECTS | {"pobj", "prep", "poss"} or x.dep_ in _NOMINAL_LINKS:
            passed_arg = True
        if h.i in other_heads and passed_arg and over is None:
            over = h.i  # keep walking: the word above may itself be a grievance
        x = h
    if over is not None:
        return Reading("subordinate", negated, irrealis, c, past, over=over)
    return Reading("main", negated, irrealis, c, past)


def _finite_base(v) -> bool:
    """A base form with a subject of its own and no auxiliary is a finite present the tagger
    read as an infinitive ("Vigilante militia kill a suspect": a collective noun with a plural
    verb)."""
    return v.tag_ == "VB" and any(c.dep_ == "nsubj" for c in v.children) and not any(
        c.dep_ in ("aux", "auxpass") or c.tag_ in ("MD", "TO") for c in v.children)


def _verbless_head(t) -> bool:
    """Is the event noun the head of a sentence without a verb ("Clashes between X and Y in
    Z.", "Grenade attack in Butere; no injuries.")? Notes and headlines report an incident so:
    the noun phrase stands for "there was a clash". A capitalised first word may be tagged a
    proper noun."""
    # participles may modify its nouns ("cattle-keeping clans", "killing five"); a finite verb
    # makes it a clause that says something else about the noun ("Clashes are rising")
    return t.dep_ == "ROOT" and t.pos_ in ("NOUN", "PROPN") and not any(
        x.tag_ in ("VBD", "VBZ", "VBP", "MD") for x in t.sent)


def _subtree_span(p: Parsed, t) -> tuple[int, int]:
    return p.char_span(t.subtree)


def _with_conjuncts(t) -> list:
    out = [t]
    for c in t.children:
        if c.dep_ == "conj":
            out.extend(_with_conjuncts(c))
    return out


def arguments(p: Parsed, start: int, end: int, words: GrammarWords
              ) -> tuple[list[tuple[int, int]], list[tuple[int, int]]]:
    """(agent spans, patient spans) of the event word at ``start:end``, as document spans."""
    t = p.token_at(start, end)
    if t is None:
        return [], []
    t = _nominal_head(t)
    c = carrier(t, words)
    agents, patients = [], []
    if c is t and t.pos_ in ("NOUN", "PROPN") and t.dep_ in _SUBJECTS | _PASSIVE_SUBJECTS | _OBJECTS | {"pobj"}:
        # a participant word typed the sentence ("gunmen killed two labourers", "killed by
        # gunmen"): the arguments are the verb's
        v = t.head.head if t.dep_ == "pobj" and t.head.dep_ == "agent" else t.head
        if v.pos_ in ("VERB", "AUX"):
            c = v
    verb = c if c.pos_ in ("VERB", "AUX") else None
    if verb is not None:
        v = verb
        # "gunmen stormed the camp and killed two": the shared subject sits on the first verb
        while not any(k.dep_ in _SUBJECTS | _PASSIVE_SUBJECTS for k in v.children) and v.dep_ in ("conj", "xcomp") and v.head.i != v.i:
            v = v.head
        for k in v.children:
            if k.dep_ in _SUBJECTS:
                agents += [_subtree_span(p, x) for x in _with_conjuncts(k)]
            elif k.dep_ in _PASSIVE_SUBJECTS:
                patients += [_subtree_span(p, x) for x in _with_conjuncts(k)]
        for k in verb.children:
            if k.dep_ == "agent":
                agents += [_subtree_span(p, x) for x in k.children if x.dep_ == "pobj"]
            elif k.dep_ in _OBJECTS and c is t:
                patients += [_subtree_span(p, x) for x in _with_conjuncts(k)]
    if t.pos_ in ("NOUN", "PROPN"):
        for k in t.children:
            if k.dep_ == "poss":
                agents.append(_subtree_span(p, k))
            elif k.dep_ == "prep" and _lemma(k) == "by":
                agents += [_subtree_span(p, x) for x in k.children if x.dep_ == "pobj"]
            elif k.dep_ == "prep" and _lemma(k) in ("on", "against", "targeting"):
                patients += [_subtree_span(p, x) for x in k.children if x.dep_ == "pobj"]
    return agents, patients


def speaker_spans(p: Parsed, words: GrammarWords) -> list[tuple[int, int]]:
    """Document spans of the subjects of reporting verbs ("police said", "the ISPR told")."""
    out = []
    for t in p.doc:
        if t.pos_ in ("VERB", "AUX") and _lemma(t) in words.reporting:
            for k in t.children:
                if k.dep_ in _SUBJECTS:
                    out.append(_subtree_span(p, k))
                elif k.dep_ == "agent":  # "it was claimed by the BLA"
                    out += [_subtree_span(p, x) for x in k.children if x.dep_ == "pobj"]
    return out


def place_role(p: Parsed, start: int, end: int, words: GrammarWords) -> str:
    """Where a place name stands: ``located`` (after a locative preposition), ``name`` (part of
    a person's name or title), ``speaker`` (the subject of a verb: "Beijing demanded"),
    ``origin`` ("resident of"), or ``other``."""
    t = p.token_at(start, end)
    if t is None:
        return "other"
    # inside a title-led name: "Deputy Commissioner Habibullah Musakhel"
    name = list(t.subtree) + ([t.head] if t.dep_ == "compound" else [])
    head = t
    while head.dep_ == "compound" and head.head.i != head.i:
        head = head.head
    chain = [x for x in head.subtree if x.dep_ == "compound" or x.i == head.i]
    if any(x.text.lower() in words.titles for x in chain + name) and head.pos_ == "PROPN":
        return "name"
    x = head
    while x.dep_ in ("appos", "conj", "compound", "npadvmod", "nmod") and x.head.i != x.i:
        x = x.head
    # "the Balochistan government", "Quetta police": a place naming an institution, which says
    # where it is based, not where something happened, unless a locative phrase holds it
    institution = t.dep_ == "compound" and t.head.pos_ == "NOUN"
    if x.dep_ == "pobj" and x.head.pos_ == "ADP":
        prep = x.head
        if _lemma(prep) == "of" and _lemma(prep.head) in words.origin_nouns:
            return "origin"
        if _lemma(prep) in words.locative_preps:
            return "elsewhere" if _destination(prep.head, words) else "located"
        return "name" if institution else "other"
    if institution:
        return "name"
    if x.dep_ in _SUBJECTS and x.head.pos_ in ("VERB", "AUX") and (
            x.head.lemma_.lower() not in ("be",)):
        return "speaker"
    return "other"


def _destination(n, words: GrammarWords) -> bool:
    """Is ``n`` (the noun a place hangs on) where someone was taken: "referred to the trauma
    centre in Quetta", "shifted to a hospital in Turbat"?"""
    while n.dep_ in ("conj", "appos", "compound") and n.head.i != n.i:
        n = n.head
    if n.dep_ != "pobj" or _lemma(n.head) not in ("to", "into"):
        return False
    return _lemma(n.head.head) in words.destination_verbs


def clause_tokens(t, words: GrammarWords) -> set[int]:
    """The event word, its light verb, and the verb it is subject or object of ("a rally was
    organised in front of the club": the place hangs off "organised")."""
    out = {t.i}
    n = _nominal_head(t)
    c = carrier(t, words)
    out |= {n.i, c.i}
    if n.dep_ in _SUBJECTS | _PASSIVE_SUBJECTS | _OBJECTS and n.head.pos_ in ("VERB", "AUX"):
        out.add(n.head.i)
    return out


def other_clause(p: Parsed, start: int, end: int, trig_start: int, trig_end: int,
                 words: GrammarWords) -> bool:
    """Is the expression at ``start:end`` (a date) in a clause of its own that the event word
    is not part of ("killed ... according to a report released in February": February dates
    the report)? True only when the parse says so: the expression's verb is neither the event
    word's clause verb nor one of its ancestors, and it heads a relative, adverbial or
    complement clause."""
    d, t = p.token_at(start, end), p.token_at(trig_start, trig_end)
    if d is None or t is None:
        return False
    dv, tv = clause_verb(d), clause_verb(carrier(t, words))
    if dv is None or tv is None or dv.i == tv.i:
        return False
    ancestors = {a.i for a in tv.ancestors}
    return dv.i not in ancestors and dv.dep_ in ("acl", "relcl", "advcl", "ccomp", "xcomp", "pcomp")


def in_other_time_or_grievance(p: Parsed, start: int, end: int, words: GrammarWords,
                               is_event: Callable[[Any], bool] | None = None) -> bool:
    """Is the expression inside a phrase of what an event is about or followed ("against the
    arrest of X in Lahore", "following the arrest ... in Islamabad", "demanding ...")?

    ``is_event`` (does a token name an event: the trigger lexicon), when given, asks more of a
    grievance: the place must hang off an event of its own inside the phrase ("against the
    arrest of X in Lahore": arrest). A locative on a plain noun of the grievance ("protested
    unpaid allowances in Abuja", "against the agenda in Kofele") is the parser's attachment of
    the protest's own place to the nearest noun: it stays where the protest happened."""
    t = p.token_at(start, end)
    steps, own_event = 0, False
    while t is not None and t.head.i != t.i and steps < 14:
        h = t.head
        own_event = own_event or steps > 0 and (t.pos_ == "VERB" or (
            t.pos_ == "NOUN" and is_event is not None and is_event(t)))
        if t.dep_ in ("pobj", "dobj") and h.lower_ in words.earlier_preps:
            return True  # "following (the) arrest": tagged a verb, lemma "follow"; the word decides
        grievance = (t.dep_ in ("pobj", "dobj") and h.lower_ in words.grievance_preps) or (
            t.dep_ in ("advcl", "xcomp", "acl", "pcomp", "ccomp", "dobj") and _lemma(h) in words.grievance_heads)
        if grievance:
            return is_event is None or own_event
        if t.dep_ in ("advcl", "acl", "xcomp") and _lemma(t) in words.grievance_heads:
            return True
        t, steps = h, steps + 1
    return False


def attached_to(p: Parsed, start: int, end: int, anchors: set[int]) -> bool:
    """Does the place at ``start:end`` hang off one of the ``anchors`` tokens through
    prepositional phrases and noun modifiers only ("held a protest at the press club in
    Quetta": Quetta -> in -> club -> at -> held)?"""
    t = p.token_at(start, end)
    steps = 0
    while t is not None and t.head.i != t.i and steps < 12:
        if t.dep_ not in _PLACE_PATH:
            return t.head.i in anchors and t.dep_ in ("dobj", "nsubjpass", "npadvmod")
        t = t.head
        steps += 1
        if t.i in anchors:
            return True
    return False


_PLACE_PATH = {"pobj", "prep", "compound", "appos", "conj", "nmod", "amod", "npadvmod", "pcomp", "acl"}


__all__ = ["GrammarWords", "Reading", "arguments", "attached_to", "carrier", "clause_tokens",
           "in_other_time_or_grievance", "other_clause", "place_role", "predicate_reading",
           "speaker_spans"]
