"""Figures of zero from the parse, and the Balochistan pack's casualty idiom (issue #13)."""

from __future__ import annotations

import pytest

from rashomon.extract.dates import find_date_mentions
from rashomon.extract.figures import grammar_figures
from rashomon.extract.pipeline import make_context
from rashomon.extract.quantities import find_quantities
from rashomon.extract.syntax import parse_sentences
from rashomon.extract.zero_figures import zero_figures
from rashomon.packs import load_pack


def _figures(text: str) -> set[tuple[str, int | None, str]]:
    ctx = make_context(text, load_pack("balochistan"))
    parse = parse_sentences(ctx)
    found = find_quantities(ctx, find_date_mentions(ctx)[1])
    found += grammar_figures(ctx, parse, found)
    found += zero_figures(ctx, parse, found)
    for q in found:
        assert ctx.text[q.span.start:q.span.end] == q.text  # every figure points to its words
    return {(q.category, q.low, q.text) for q in found}


@pytest.mark.parametrize("text, expected", [
    ("Nobody was killed or wounded in the shelling, the spokesman added.",
     {("killed", 0, "Nobody"), ("injured", 0, "Nobody")}),
    ("The blast shattered windows, but no one was hurt.",
     {("killed", 0, "no one"), ("injured", 0, "no one")}),
    ("The van carried eleven teachers, none of whom was harmed.",
     {("killed", 0, "none of whom"), ("injured", 0, "none of whom")}),
    ("There was no loss of life in the rocket attack on the camp.", {("killed", 0, "no loss of life")}),
    ("No arrests have been made so far.", {("arrested", 0, "No arrests")}),
    ("The other trucks in the column were unharmed.",
     {("killed", 0, "The other trucks"), ("injured", 0, "The other trucks")}),
    ("The ministry denied that any foreign engineer had died in the explosion.",
     {("killed", 0, "any foreign engineer")}),
])
def test_zero_figures_nobody_harmed_is_a_figure_of_zero(text, expected):
    assert expected <= _figures(text)


def test_zero_figures_subject_found_when_the_parser_misattaches_it():
    # the parser hangs "no guard" on "hell"; word order still gives the passive verb's subject
    found = _figures("The troops hit back hard; four terrorists were sent to hell and no soldier or villager was hurt.")
    assert ("killed", 0, "no soldier") in found and ("injured", 0, "no soldier") in found
    assert ("attackers_killed", 4, "four") in found


@pytest.mark.parametrize("text", [
    "Some of the wounded were not taken to hospital.",  # not a casualty predicate
    "The attackers killed the driver.",  # no "nobody", no negation
    "Police denied responsibility for the deaths of three marchers.",  # responsibility, not the figure
])
def test_zero_figures_need_a_nobody_or_a_negation(text):
    assert not {f for f in _figures(text) if f[1] == 0}


@pytest.mark.parametrize("text, expected", [
    ("Seven terrorists were sent to hell by the troops.", ("attackers_killed", 7, "Seven")),
    ("Nine jawans embraced shahadat during the clearance operation.", ("killed", 9, "Nine")),
    ("Three fidayeen gave their lives in the assault, the group said.", ("attackers_killed", 3, "Three")),
    ("The troops said eleven khwarij were neutralised.", ("attackers_killed", 11, "eleven")),
    ("The rockets hit a market, martyring six shopkeepers.", ("killed", 6, "six")),
])
def test_zero_figures_pack_idiom_gives_casualty_figures(text, expected):
    assert expected in _figures(text)


@pytest.mark.parametrize("text", [
    "The bus had 40 passengers on board when it was stopped at the checkpoint.",
    "About 2,000 workers are employed at the mine.",
    "Some 500 people gathered outside the press club.",
    "The army said it had carried out 60 operations in the province.",
])
def test_zero_figures_non_casualty_numbers_are_no_casualty_figures(text):
    assert not {f for f in _figures(text) if f[0] in ("killed", "injured", "attackers_killed")}


def test_zero_figures_running_total_after_a_long_subject():
    text = ("The number of people martyred in the bombing of the wedding party at the village "
            "school near the district headquarters stands at 21, officials said.")
    assert ("killed", 21, "21") in _figures(text)


def test_a_conjoined_clause_with_its_own_auxiliary_keeps_its_own_nobody():
    from rashomon.extract.pipeline import make_context
    from rashomon.extract.syntax import parse_sentences
    from rashomon.extract.zero_figures import zero_figures
    from rashomon.packs import load_pack

    ctx = make_context("The guards fired back; three attackers were sent to hell and no guard or "
                       "passer-by was hurt.", load_pack("balochistan"))
    found = zero_figures(ctx, parse_sentences(ctx), [])
    assert {q.category for q in found} >= {"killed", "injured"} and all(q.low == 0 for q in found)


@pytest.mark.parametrize("text, expected", [
    # a conjunct owned by a pronoun is one more person beside the counted ones
    ("Five Chinese nationals and their Pakistani driver were killed when a bomber struck their convoy.",
     {("killed", 5, "Five"), ("killed", 1, "their Pakistani driver")}),
    # the parser labels this passive subject nsubj; the auxiliary says it is the patient
    ("A civilian passing by was also injured in the firing.", {("injured", 1, "A civilian")}),
    ("Its commander was wounded in the attack.", {("injured", 1, "Its commander")}),
    # a singular noun for a group is not one person: the count stays unknown
    ("His family was killed when the shell hit the house.", set()),
    ("A patrol was ambushed and a convoy was attacked near Kech.", set()),
])
def test_figures_one_person_from_the_parse_and_no_count_for_a_group(text, expected):
    assert _figures(text) == expected


def _parts(text: str) -> set[tuple[str, int | None, str, bool]]:
    ctx = make_context(text, load_pack("balochistan"))
    parse = parse_sentences(ctx)
    found = find_quantities(ctx, find_date_mentions(ctx)[1])
    found += grammar_figures(ctx, parse, found)
    return {(q.category, q.low, q.text, q.subset) for q in found}


@pytest.mark.parametrize("text, expected", [
    ("Four soldiers, including an officer, embraced martyrdom while repulsing the assault.",
     {("killed", 4, "Four", False), ("killed", 1, "an officer", True)}),
    ("Five soldiers, among them a junior commissioned officer, were martyred.",
     {("killed", 5, "Five", False), ("killed", 1, "a junior commissioned officer", True)}),
    ("The militants killed at least 100 personnel, among them an officer, when they stormed the camp.",
     {("killed", 100, "at least 100", False), ("killed", 1, "an officer", True)}),
    ("The number of people martyred in the attack stands at 18, five of them soldiers and 13 civilians.",
     {("killed", 18, "18", False), ("killed", 5, "five", True), ("killed", 13, "13", True)}),
    ("At least 11 people, including five women and four children, were killed.",
     {("killed", 11, "At least 11", False), ("killed", 5, "five", True), ("killed", 4, "four", True)}),
    # a part with a category word of its own is its own figure
    ("The bus carried 40 passengers, 26 of whom were killed.",
     {("passengers", 40, "40", False), ("killed", 26, "26", False)}),
    # two victim groups side by side are no parts of each other
    ("Militants killed 6 soldiers and 3 civilians.", {("killed", 6, "6", False), ("killed", 3, "3", False)}),
])
def test_figures_parts_of_a_figure_are_subsets_of_it(text, expected):
    assert _parts(text) == expected


@pytest.mark.parametrize("text, expected", [
    # the count and its verb too far apart for the word windows: the parse ties them
    ("Police said 14 men, among them Shaukat Ali, Asif Leghari, Miraj Leghari and Abdullah Saleh, "
     "had been detained.", {("arrested", 14, "14")}),
    ("Police arrested a suspect near the bazaar.", {("arrested", 1, "a suspect")}),
    # a figure the windows found is not counted twice
    ("Militants killed 6 soldiers and 3 civilians.", {("killed", 6, "6"), ("killed", 3, "3")}),
])
def test_figures_a_counted_patient_of_a_harm_verb_is_a_figure(text, expected):
    assert _figures(text) == expected


@pytest.mark.parametrize("text, expected", [
    # a definite or bare singular noun naming a person, as the patient of a killing verb
    ("The former governor was killed when the device went off.", {("killed", 1, "The former governor")}),
    ("The driver was shot dead and the truck was set alight.", {("killed", 1, "The driver")}),
    ("Elderly farmer killed and two boys missing after raid on hamlet.",
     {("killed", 1, "Elderly farmer"), ("abducted", 2, "two")}),
    # a pronoun patient, the subject of "die", and the one whose death a noun names
    ("Gunmen stopped the car of a district judge and executed him.", {("killed", 1, "him")}),
    ("A herder died after a mob attacked him near the market.", {("killed", 1, "A herder")}),
    ("The clash at the checkpoint ended in the death of Karim Baksh.", {("killed", 1, "Karim Baksh")}),
    # a noun that names no person gives no figure
    ("The committee killed the bill after a long debate.", set()),
])
def test_figures_one_named_person_without_a_number(text, expected):
    assert _figures(text) == expected


@pytest.mark.parametrize("text, expected", [
    # every member of a list shares the participle that follows it
    ("Five rebels and one soldier killed in the fighting.", {("attackers_killed", 5, "Five"), ("killed", 1, "one")}),
    ("Two guards, one cook, and three gunmen killed in the raid.",
     {("killed", 2, "Two"), ("killed", 1, "one cook"), ("attackers_killed", 3, "three")}),
    # an apposition that renames is one person, not two
    ("Nasir Ali, a shopkeeper, was killed in the market.", {("killed", 1, "Nasir Ali")}),
])
def test_figures_every_member_of_a_listed_patient_counts(text, expected):
    assert _figures(text) == expected


def test_figures_people_a_count_already_counts_are_subsets_of_it():
    ctx = make_context("Men on a motorbike threw a grenade at a tailor's shop in the bazaar, injuring two "
                       "people, the tailor and a customer, police said.", load_pack("balochistan"))
    parse = parse_sentences(ctx)
    found = find_quantities(ctx, find_date_mentions(ctx)[1])
    found += grammar_figures(ctx, parse, found)
    assert {(q.text, q.subset) for q in found} == {("two", False), ("the tailor", True), ("a customer", True)}


@pytest.mark.parametrize("text", [
    # a death that led to the event, or that it is about, is not the event's figure
    "The sit-in started after a student died in police custody.",
    "Students marched over the death of a shopkeeper in Turbat.",
])
def test_figures_a_death_told_as_the_cause_is_no_figure(text):
    assert _figures(text) == set()


def test_figures_one_named_among_the_dead_is_a_part_of_the_figure():
    ctx = make_context("Six people were killed. Among the dead was a schoolteacher, Ghulam Nabi.", load_pack("balochistan"))
    parse = parse_sentences(ctx)
    found = find_quantities(ctx, find_date_mentions(ctx)[1])
    found += grammar_figures(ctx, parse, found)
    assert {(q.category, q.low, q.subset) for q in found} == {("killed", 6, False), ("killed", 1, True)}


@pytest.mark.parametrize("text, expected", [
    # bodies found are the dead: the people "of" the body noun, else the body noun itself
    ("The bodies of three shepherds were found in a dry riverbed near Kohlu on Sunday.",
     {("killed", 3, "three")}),
    ("Bullet-riddled body found in Mastung.", {("killed", 1, "Bullet-riddled body")}),
    ("Levies recovered two bodies from a well in Washuk.", {("killed", 2, "two")}),
    # a reduced relative headline: the finding verb hangs on the people
    ("Bodies of five labourers found in Kharan.", {("killed", 5, "five")}),
    # a finding verb without a body noun says nothing about the dead
    ("Police found explosives and two rifles in the compound.", set()),
    # "the body" alone points back to a death told before: no new figure
    ("A passer-by found the body on Thursday morning and called the police.", set()),
])
def test_figures_bodies_found_count_the_dead(text, expected):
    assert _figures(text) == expected


@pytest.mark.parametrize("text, expected", [
    # "he" as the passive subject is one person harmed; as an agent he is nobody's figure
    ("Once the guards had left, he was dragged out and killed by a mob.", {("killed", 1, "he")}),
    ("He said that the blast was heard across the town.", set()),
    # "another" is one more person
    ("Gunmen killed another trader in the bazaar on Tuesday.", {("killed", 1, "another trader")}),
    # "shot dead" with its object after it: the parser makes "dead" a modifier of the object
    ("Unknown attackers shot dead two members of a peace committee in Turbat.",
     {("killed", 2, "two")}),
    # a counted group after "the death of" is a count, with its conjuncts
    ("The clash led to the death of two policemen and one driver.",
     {("killed", 2, "two"), ("killed", 1, "one driver")}),
])
def test_figures_one_person_words_and_counted_deaths(text, expected):
    assert _figures(text) == expected


@pytest.mark.parametrize("text, expected", [
    # a verb and its object that together say the subject died (core and the pack's idiom)
    ("Naik Asghar Ali embraced shahadat during the search operation.", {("killed", 1, "Naik Asghar Ali")}),
    ("Three soldiers embraced martyrdom when the post came under fire.", {("killed", 3, "Three")}),
    ("The driver lost his life when the van overturned.", {("killed", 1, "The driver")}),
    # the verb alone is no death
    ("The elders embraced the proposal for a jirga.", set()),
])
def test_figures_a_verb_and_object_idiom_says_its_subject_died(text, expected):
    assert _figures(text) == expected


def test_figures_a_passive_subject_the_parser_hangs_on_the_auxiliary_is_the_patient():
    # the parser makes "civilian" the subject of "was", not of "injured"
    assert _figures("A civilian passing by was also injured and has been shifted to hospital.") == {
        ("injured", 1, "A civilian")}
