"""Typing a sentence by its count of the dead or hurt, when no phrase could type it, or when
only a non-violent reading did ("killed 203 terrorists and arrested 51"): the parse decides
whether the count is what the sentence's main predicate says befell people (``find_triggers``
in ``types`` calls :func:`by_casualty` after the phrase matcher)."""

from __future__ import annotations

from rashomon.extract.base import ExtractContext
from rashomon.extract.figures import to_death
from rashomon.extract.grammar import predicate_reading
from rashomon.extract.trigger_lexicon import Tokens, stem
from rashomon.extract.trigger_record import Hit, Trigger, make_trigger
from rashomon.models import Quantity, Span

_EMPTY: frozenset[str] = frozenset()


# how a count stands to the word that says its people died: "three" in "three injured", "1" in
# "Lugi, 1 killed" (an apposition), "soldier" in "two soldiers were killed"
_FIGURE_LINKS = ("nummod", "quantmod", "compound", "amod", "det", "appos", "conj", "meta")
# ("meta": the parser's label for a bare count before a participle, "2 killed.")
_FIGURE_ROLES = ("nsubj", "nsubjpass", "dobj")


def by_casualty(ctx: ExtractContext, toks: Tokens, parse, quantities: list[Quantity],
                 weak: dict[int, tuple[list[Hit], dict]], decided: set[int],
                 soft: set[int] = frozenset()) -> list[Trigger]:
    """Sentences no phrase could type whose parse makes a count of the dead or hurt the
    subject or object of a death or injury word ("One killed and three injured in an attack",
    "left three dead"): they tell an incident. The strongest violent reading of its clauses
    types it ("rebels ambushed a convoy, 2 killed"), else its victims do, as ``settings.by_predicate`` says (armed or state
    victims: an armed clash; anyone else: violence against civilians)."""
    lex = ctx.resources.triggers
    rule, typing = lex.settings.get("by_casualty", {}), lex.settings.get("by_predicate", {})
    if not rule or not typing:
        return []
    cats = set(rule.get("categories", ()))
    # sink readings a killing outranks: "a traditional ruler is murdered" is violence, whatever
    # the crime words say; an accident's ("killed in a fire") stays an accident
    over = set(rule.get("outranks", ()))
    acts = {w for w, c in ctx.resources.figure_verbs.items() if c in cats}  # someone killed them
    words = acts | set(rule.get("words", ()))  # "died", "dead": violent only beside a violent word
    persons = ctx.resources.person_words
    armed = lex.classes.get("state", _EMPTY) | lex.classes.get("armed", _EMPTY)
    threshold = lex.settings.get("threshold", 1.0)
    out = []
    for q in quantities:
        sent = next((s for s in ctx.sentences if s.start <= q.span.start < s.end), None)
        if sent is None or sent.index in decided or q.category not in cats or not q.low or q.subset:
            continue
        p = parse.get(sent.index)
        token = p.token_at(q.span.start, q.span.end) if p is not None else None
        found = _finding_verb(token, persons) if q.category == "killed" else None
        word = found or (_casualty_word(token, words) if token is not None else None)
        hits, clause = weak.get(sent.index, ([], {}))
        violence = any(h.entry.violent for h in hits)
        # a toll that rises is a count of the killed, as "killed" is ("the toll ... rose to 79");
        # bodies found tell that someone killed them, as ACLED codes them
        act = word is not None and (found is not None or word.lemma_.lower() in acts or to_death(word) or any(
            c.dep_ == "nsubj" and c.lemma_.lower() == "toll" for c in word.children))
        if word is None or not violence and (not act or any(
                not lex.is_acled(h.entry.sub_type) and h.entry.sub_type not in over for h in hits)):
            continue  # "five miners died when the shaft collapsed", "were killed in a fire"
        start = p.start + word.idx
        reading = predicate_reading(p, start, start + len(word.text), ctx.resources.grammar)
        if reading is None or reading.negated or reading.irrealis or reading.role != "main" or any(
                a.dep_ == "relcl" for a in (word, *word.ancestors)):  # "attacks in which 12 were killed"
            continue
        if sent.index in soft and any(a.dep_ in _INSIDE_ARGUMENT for a in (word, *word.ancestors)):
            continue  # "arrested five men wanted for killing two", "four men killed ... had been in custody"
        decided.add(sent.index)
        # a reading of the clause, not a word inside a noun ("a member of a vigilante militia")
        violent = [h for h in hits if h.entry.violent and lex.is_acled(h.entry.sub_type)
                   and (clause.get(h.first) or ("main",))[0] in ("main", "subordinate")]
        if violent:
            hit = max(violent, key=lambda h: h.score)
            out.append(make_trigger(ctx.text, toks, hit, threshold, sent.index, lex, clause.get(hit.first)))
            continue
        sub = typing["armed"] if stem((q.victims or "").lower(), lex.lemmas) in armed else typing["otherwise"]
        out.append(Trigger(event_type=lex.types[sub]["event_type"], sub_event_type=sub, text=word.text,
                           span=Span(start=start, end=start + len(word.text)), sentence_index=sent.index,
                           score=threshold, violent=True, clause=reading.role, past=reading.past))
    return out


# a death word inside an argument of another predicate, not a predicate of its own clause
_INSIDE_ARGUMENT = frozenset({"acl", "relcl", "advcl", "pcomp", "prep", "pobj"})


def _finding_verb(t, persons):
    """The finding verb whose patient is the body the figure counts ("the bodies of three men
    were found", "Dead body found in a ravine"), or None."""
    if t is None:
        return None
    while t.dep_ in _FIGURE_LINKS and t.head.i != t.i:
        t = t.head
    people = t
    if t.dep_ == "pobj" and t.head.lower_ == "of" and t.head.head.lemma_.lower() in persons.bodies:
        t = t.head.head  # "the bodies of three men": the body noun stands for its people
    if t.lemma_.lower() not in persons.bodies:
        return None
    # "Bodies of four soldiers found in Kidal": a reduced relative on the body or its people
    acl = next((c for n in (t, people) for c in n.children
                if c.dep_ == "acl" and c.lemma_.lower() in persons.finding), None)
    if acl is not None:
        return acl
    return t.head if t.dep_ in _FIGURE_ROLES and t.head.lemma_.lower() in persons.finding else None


def _casualty_word(t, words: set[str]):
    """The death or injury word a figure's token is the subject or object of, or None."""
    while t is not None and t.dep_ in _FIGURE_LINKS and t.head.i != t.i:
        t = t.head
    if t is None:
        return None
    if t.lemma_.lower() in words:
        return t  # "left five dead": the figure counts the dead
    if t.dep_ in _FIGURE_ROLES and to_death(t.head):
        return t.head  # "burn 2 people to death"
    if t.dep_ == "pobj" and t.head.lemma_.lower() in ("to", "at") and any(
            c.dep_ == "nsubj" and c.lemma_.lower() == "toll" for c in t.head.head.children):
        return t.head.head  # "the death toll from the attack has risen to 79": the toll's verb
    # "Three policemen killed in the night": a reduced relative tells what befell them
    acl = next((c for c in t.children if c.dep_ == "acl" and c.lemma_.lower() in words), None)
    if acl is not None or t.dep_ not in _FIGURE_ROLES:
        return acl
    v = t.head
    if v.lemma_.lower() in words:
        return v
    # "left three dead": the state the figure is left in
    return next((c for c in v.children if c.dep_ in ("oprd", "acomp") and c.lemma_.lower() in words), None)
