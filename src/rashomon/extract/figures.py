"""Figures the parse gives that number words do not: "killed a conscript", "Army major Didier
Muhimpundu was shot and killed", "gunmen murdered a traditional ruler".

Contract: ``grammar_figures(ctx, parse, found) -> list[Quantity]``: for every harm word of the
parse (:func:`_predicate`: a verb of ``quantities.toml`` ``[grammar]``, kill -> killed, wound ->
injured, ...; the subject of a ``[died]`` verb; "beaten to death", "shot dead"; the one whose
death a noun names as an outcome), each patient and every member of its list that names ONE
person (a singular noun with "a", "an", "one" or a possessive pronoun; "the" or no article
before a person noun of ``[persons]``; "him", "her"; a person's name; not a group noun of
``[collective]``: "his family") and overlaps no figure already ``found`` becomes a figure of 1
with the patient's words as its text and span. Plural patients without a number ("killed
civilians") stay without a figure: unknown is not guessed. One person named as part of a found
figure ("Four soldiers, including an officer", "Among the dead was ...") or only renaming the
people a count counts ("two people, the shopkeeper and a customer") is marked ``subset``.
Rules with examples: ``docs/quantities.md``.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from rashomon.extract.base import ExtractContext
from rashomon.extract.quantities import PART_OPENERS, number_span
from rashomon.extract.syntax import Parse
from rashomon.models import Quantity, Span

_ONE = {"a", "an", "one", "another"}  # "killed another man": one more person
_PATIENT = {"dobj", "nsubjpass", "obj"}
_ONE_PRONOUNS = {"him", "her", "himself", "herself"}
_AMONG_NOUNS = {"dead": "killed", "injured": "injured", "wounded": "injured", "injure": "injured",
                "wound": "injured"}
_EARLIER = {"after", "since", "before", "until", "following"}
_STATE = {"acomp", "oprd", "advmod", "xcomp", "ccomp"}  # "shot dead": the state the patient is left in
_ONE_POSSESSIVE = {"his", "her"}
_ONE_SUBJECTS = {"he", "she"}


def build_figure_verbs(pack) -> dict[str, str]:
    """Verb lemma -> figure category, from ``quantities.toml`` ``[grammar]`` (once per pack)."""
    q = pack.read("quantities.toml")
    table = q.get("grammar", {})
    return {w: cat for cat, ws in table.items() for w in ws}


def build_collective_nouns(pack) -> frozenset[str]:
    """Lemmas of singular nouns that name a group ("a family", "the crew"): ``[collective]``."""
    q = pack.read("quantities.toml")
    return frozenset(w.lower() for w in q.get("collective", {}).get("nouns", []))


@dataclass(frozen=True)
class PersonWords:
    """What says that a definite noun is one person, and which verbs' subjects died
    (``quantities.toml [persons]``, the victim nouns of ``[victims]``)."""

    nouns: frozenset[str] = frozenset()
    endings: tuple[str, ...] = ()
    died: dict[str, str] = field(default_factory=dict)  # intransitive lemma -> category
    bodies: frozenset[str] = frozenset()  # "body", "corpse": one dead person each
    finding: frozenset[str] = frozenset()  # "found", "recovered": verbs whose bodies are the dead
    idioms: dict[str, tuple[str, frozenset[str]]] = field(default_factory=dict)  # "embrace" -> (killed, {shahadat})

    def is_person(self, lemma: str) -> bool:
        return lemma in self.nouns or lemma in self.bodies or (len(lemma) > 4 and lemma.endswith(self.endings))


def build_person_words(pack) -> PersonWords:
    q = pack.read("quantities.toml")
    table = q.get("persons", {})
    victims = {w.lower() for forms in q.get("victims", {}).values() for w in forms if " " not in w}
    return PersonWords(nouns=frozenset(victims | {w.lower() for w in table.get("nouns", [])}),
                       endings=tuple(table.get("endings", [])),
                       died={w: cat for cat, ws in q.get("died", {}).items() for w in ws},
                       bodies=frozenset(w.lower() for w in q.get("bodies", {}).get("nouns", [])),
                       finding=frozenset(w.lower() for w in q.get("bodies", {}).get("verbs", [])),
                       idioms=_idioms(q.get("died_idioms", {})))


def _idioms(table: dict) -> dict[str, tuple[str, frozenset[str]]]:
    """ "embrace shahadat" -> {"embrace": ("killed", {"shahadat"})}: verb lemma, object lemmas."""
    out: dict[str, tuple[str, set[str]]] = {}
    for cat, phrases in table.items():
        for phrase in phrases:
            verb, obj = phrase.lower().split(" ", 1)
            out.setdefault(verb, (cat, set()))[1].add(obj)
    return {v: (cat, frozenset(objs)) for v, (cat, objs) in out.items()}


def _patients(v) -> list:
    """Objects of the verb, or the passive subject of it or of the verb it is conjoined to
    ("was shot and killed": the subject sits on "shot"), or the noun a participle reduces
    ("1 Malian soldier killed"), with every conjunct ("4 jihadists and 1 soldier killed")."""
    out = [c for c in v.children if c.dep_ in _PATIENT]
    passive = [c for c in v.children if c.dep_ == "auxpass"]
    if not out and passive:
        # the parser may label a passive subject nsubj ("A civilian passing by was injured"),
        # and hang it on the auxiliary instead of the participle
        out = [c for a in (v, *passive) for c in a.children if c.dep_ == "nsubj"]
    if not out and v.dep_ == "conj":
        out = [c for c in v.head.children if c.dep_ == "nsubjpass"]
    if not out and v.dep_ == "acl" and v.tag_ == "VBN":
        out = [v.head]
    if not out and not any(c.dep_ in ("aux", "auxpass", "ccomp", "xcomp") for c in v.children):
        # a notes' or headline's passive without its auxiliary, tagged active or not: "Elderly
        # woman killed and four children missing" (a transitive harm verb with no object)
        out = [c for c in v.children if c.dep_ == "nsubj"]
    return _conjuncts(out)


def _conjuncts(nouns: list) -> list:
    """Every member of the lists the nouns stand in: conjuncts, and counted appositions ("Three
    vigilantes, one civilian, and two militants killed"); an apposition that renames ("Ali, a
    driver") is the same person and is not added."""
    def linked(a, b) -> bool:  # b hangs on a as another member of a's list
        return b.dep_ == "conj" or b.dep_ == "appos" and _has_count(a) and _has_count(b)

    out: list = []
    for p in nouns:
        first = p
        while first.head is not first and first.head.pos_ in ("NOUN", "PROPN", "NUM") and linked(first.head, first):
            first = first.head
        todo = [first]
        while todo:
            n = todo.pop(0)
            if n not in out:
                out.append(n)
            todo += [c for c in n.children if linked(n, c)]
    return out


def _has_count(n) -> bool:
    return any(c.dep_ == "nummod" for c in n.children)


def _one_person(n, persons: PersonWords) -> bool:
    # the tag may be wrong ("a conscript" comes out as an adjective); the article is not
    if n.tag_ not in ("NNS", "NNPS", "PRP", "CD", "NNP") and any(
            c.dep_ in ("det", "nummod") and c.lower_ in _ONE for c in n.children):
        return True
    # a singular noun owned by a pronoun is one person ("their Pakistani driver", "his guard")
    if n.tag_ == "NN" and any(c.dep_ == "poss" and c.tag_ == "PRP$" for c in n.children):
        return True
    if n.lower_ in _ONE_PRONOUNS or n.dep_ == "poss" and n.lower_ in _ONE_POSSESSIVE:
        return True  # "killing him", "his death"
    if n.lower_ in _ONE_SUBJECTS and n.dep_ == "nsubjpass":
        return True  # "he is attacked and killed": the passive subject is the one harmed
    # "the driver was killed", "Elderly woman killed": a definite or bare singular noun that
    # names a person (a victim noun, an agent ending: minister, officer, journalist)
    if n.tag_ == "NN" and persons.is_person(n.lemma_.lower()) and all(
            c.lower_ in ("the", "this", "that") for c in n.children if c.dep_ == "det"):
        return True
    return n.tag_ == "NNP" and n.ent_type_ in ("", "PERSON") and any(c.dep_ == "compound" for c in n.children)


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
    lex = ctx.resources.quantities
    victims = _group(n, lex)
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
    verbs, persons = ctx.resources.figure_verbs, ctx.resources.person_words
    taken = [(q.span.start, q.span.end) for q in found]
    out = []
    for p in parse.sentences.values():
        for v in p.doc:
            found_here = _predicate(v, verbs, persons)
            parts = found_here is None and _among(v, verbs)
            if parts:
                found_here = parts  # "Among the dead was DSP Nawaz Gishkori": one of a figure
            if found_here is None:
                continue
            cat, patients = found_here
            renamed = set(patients) if parts else _renaming(patients, ctx)
            for n in patients:
                counted = [c for c in n.children if c.dep_ == "nummod" and c.lower_ not in _ONE]
                if counted:
                    q = _counted(ctx, p, n, counted[0], cat, taken)
                    if q is not None:
                        out.append(q.model_copy(update={"subset": True}) if parts else q)
                    continue
                if n.lemma_.lower() in ctx.resources.collective_nouns or not _one_person(n, persons):
                    continue
                toks = [t for t in n.subtree if t.i <= n.i]  # "a conscript", not its relative clause
                if n.dep_ == "poss":  # "his death"
                    toks = [n, n.head]
                start, end = p.char_span(toks)
                if any(a < end and start < b for a, b in taken):
                    continue
                taken.append((start, end))
                victims = None if n.tag_ in ("PRP", "PRP$") else _group(n, ctx.resources.quantities)
                out.append(Quantity(category=cat, victims=victims, low=1, high=1, subset=n in renamed,
                                    text=ctx.text[start:end], span=Span(start=start, end=end)))
    return out + _one_of(ctx, parse, found, taken)


def _predicate(v, verbs: dict[str, str], persons: PersonWords) -> tuple[str, list] | None:
    """(category, the nouns it befell) of a harm word of the parse, or None."""
    lemma = v.lemma_.lower()
    if v.pos_ == "VERB" and lemma in verbs:
        return verbs[lemma], _patients(v)
    died = persons.died.get(lemma) if v.pos_ == "VERB" else None
    if died is None and v.pos_ == "VERB" and lemma in persons.idioms:
        # "Constable Sher Zaman embraced shahadat", "lost his life": a verb and its object say died
        cat, objects = persons.idioms[lemma]
        died = cat if any(c.dep_ in ("dobj", "obj") and c.lemma_.lower() in objects for c in v.children) else None
    if died is not None:
        if v.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ in _EARLIER for c in v.children):
            return None  # "the march began after a young man died": what led to it, told in passing
        # "A man died after residents assaulted him": the subject is the dead
        return died, _conjuncts([c for c in v.children if c.dep_ == "nsubj"])
    if v.pos_ == "VERB" and to_death(v):
        return "killed", _patients(v)  # "beaten to death", "burn 2 people to death"
    if v.pos_ == "VERB" and _left_dead(v):
        return "killed", _patients(v)  # "was shot dead", "left one gendarme dead"
    if v.pos_ == "VERB" and lemma in persons.finding:
        dead = _bodies(_patients(v), persons)
        if dead:
            return "killed", dead  # "the bodies of three young men were found"
    if lemma == "death" and v.pos_ == "NOUN" and _outcome(v):
        return "killed", _death_of(v)  # "led to his death", "resulted in the death of Mohamed Falah"
    return None


def _left_dead(v) -> bool:
    """ "was shot dead", "left one gendarme dead"; also "shot dead two members", where the parser
    makes "dead" a modifier of the object right after the verb."""
    if any(c.lower_ == "dead" and c.dep_ in _STATE for c in v.children):
        return True
    return any(c.lower_ == "dead" and c.dep_ == "amod" and c.i == v.i + 1
               for o in v.children if o.dep_ in _PATIENT for c in o.children)


def _bodies(nouns: list, persons: PersonWords) -> list:
    """The dead that found bodies count: the people "of" a body noun ("the bodies of three young
    men were found", "Body of herder found dead"), else the body itself ("Dead body found in a
    ravine": one; "two bodies": a count), also when the finding verb hangs on the people
    ("Bodies of four members of security forces found"). Nouns that are no bodies are not
    the dead ("found weapons")."""
    out = []
    for n in nouns:
        if n.lemma_.lower() in persons.bodies:
            of = [g for c in n.children if c.dep_ == "prep" and c.lower_ == "of"
                  for g in c.children if g.dep_ == "pobj"]
            if of and not _has_count(n):
                out.append(of[0])
            elif not any(c.dep_ in ("det", "poss") and c.lower_ not in _ONE for c in n.children):
                out.append(n)  # "the body" alone points back to a death told before: no new figure
        elif n.head.dep_ == "prep" and n.head.lower_ == "of" and n.head.head.lemma_.lower() in persons.bodies:
            out.append(n)
    return out


def _among(v, verbs: dict[str, str]) -> tuple[str, list] | None:
    """ "Among the dead was DSP Nawaz Gishkori", "who was among those killed": the people named
    as part of the dead or hurt, each a part (subset) of the incident's figure."""
    if v.lower_ != "among" or v.dep_ != "prep":
        return None
    cat = None
    for g in (c for c in v.children if c.dep_ == "pobj"):
        if g.lemma_.lower() in _AMONG_NOUNS:
            cat = _AMONG_NOUNS[g.lemma_.lower()]
        elif g.lower_ == "those":
            cat = next((verbs[c.lemma_.lower()] for c in g.children
                        if c.dep_ == "acl" and c.lemma_.lower() in verbs), None)
    if cat is None:
        return None
    head = v.head
    people = [c for c in head.children if c.dep_ in ("nsubj", "attr") and c.lower_ != "who"]
    if not people and head.dep_ == "relcl" and any(c.lower_ == "who" for c in head.children):
        people = [head.head]  # "Nawaz Gishkori, who was among those killed"
    return cat, _conjuncts(people)


def _outcome(noun) -> bool:
    """Is a death noun what a predicate brought about or reports ("resulted in the death of",
    "caused his death", "his death was confirmed"), not a grievance or a time ("a sit-in over
    the death of", "since the death of")?"""
    if noun.dep_ in ("dobj", "nsubj", "nsubjpass", "attr"):
        return True
    return noun.dep_ == "pobj" and noun.head.lower_ in ("in", "to") and noun.head.head.pos_ in ("VERB", "AUX")


def _renaming(patients: list, ctx: ExtractContext) -> set:
    """Members of a list that only name the people a count before them counts: "injuring two
    people, the shopkeeper and a customer" (the two are the 2); in "two people and a
    policeman" the policeman is one more."""
    if len(patients) < 2:
        return set()
    first, rest = patients[0], patients[1:]
    count = [c for c in first.children if c.dep_ == "nummod"]
    if not count or any(_has_count(n) or n.tag_ != "NN" for n in rest):
        return set()
    got = number_span(count[0].text, 0, len(count[0].text), ctx.resources.quantities)
    return set(rest) if got is not None and got[2] == len(rest) else set()


def _group(n, lex) -> str:
    """The victim group a noun names, as the number reader names it ("a police officer" ->
    police, "a soldier" -> soldiers), else its lemma: so one sentence's "four civilians and a
    soldier" are two groups of known sides, added up by the estimates."""
    words = [c.lower_ for c in n.children if c.dep_ == "compound" and c.i < n.i]
    for key in ((*words[-1:], n.lower_), (n.lower_,), (n.lemma_.lower(),)):
        if key in lex.victims:
            return lex.victims[key]
    return n.lemma_.lower()


def _death_of(noun) -> list:
    """The one whose death a noun names: "his death", "the death of Mohamed Falah"."""
    own = [c for c in noun.children if c.dep_ == "poss" and c.lower_ in _ONE_POSSESSIVE]
    if own:
        return own
    # a counted group is read as a count: "the death of two gendarmes and one soldier"
    return _conjuncts([g for c in noun.children if c.dep_ == "prep" and c.lower_ == "of"
                       for g in c.children if g.dep_ == "pobj"
                       and (g.tag_ in ("NN", "NNP") or _has_count(g))])


def to_death(v) -> bool:
    """ "beaten to death", "burn 2 people to death": a verb whose result is the death of its
    patient is a killing, whatever the verb."""
    return any(c.dep_ == "prep" and c.lower_ == "to" and any(
        g.dep_ == "pobj" and g.lemma_.lower() == "death" for g in c.children) for c in v.children)


__all__ = ["PersonWords", "build_collective_nouns", "build_figure_verbs", "build_person_words",
           "grammar_figures", "to_death"]
