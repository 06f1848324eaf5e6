"""Estimates: low/best/high, supersession, open ranges, proportions, by-side split, conservative."""

from __future__ import annotations

from datetime import date

import pytest

from rashomon.assess.estimate import estimate_event
from rashomon.models import Claim, DocumentInfo, Event, Hedge, Quantity, Span

KINDS = {"Pakistan Army": "state force", "Baloch Liberation Army": "armed group",
         "hospital officials": "officials"}


def claim(doc: str, pos: int, claimant: str | None, *qty, hedge=Hedge.attributed) -> Claim:
    return Claim(document_id=doc, span=Span(start=pos, end=pos + 5), quote="x" * 5, claimant=claimant,
                 hedge=hedge, quantities=[Quantity(category=c, victims=v, low=lo, high=hi, text="n",
                                                   span=Span(start=pos, end=pos + 1)) for c, v, lo, hi in qty])


def event(*claims: Claim) -> Event:
    return Event(id="e_test", claims=list(claims))


DOCS = {f"d{i}": DocumentInfo(id=f"d{i}", published=date(2025, 3, 10 + i), outlet=f"Outlet {i}")
        for i in range(1, 6)}


def test_estimate_supersession_16_27_33():
    ev = event(claim("d3", 0, "Pakistan Army", ("attackers_killed", "militants", 33, 33)),
               claim("d1", 0, "Pakistan Army", ("attackers_killed", "militants", 16, 16)),
               claim("d2", 0, "Pakistan Army", ("attackers_killed", "militants", 27, 27)))
    est = estimate_event(ev, DOCS, KINDS)["attackers_killed"]
    assert (est.low, est.best, est.high) == (33, 33, 33)
    assert len(est.superseded_claim_ids) == 2 and len(est.claim_ids) == 1
    assert "Superseded" in est.derivation and "Pakistan Army 16" in est.derivation
    assert est.by_side == {"armed group": 33}


def test_estimate_low_best_high_conservative_and_open_range():
    ev = event(claim("d1", 0, "Pakistan Army", ("killed", "hostages", 26, 26)),
               claim("d2", 0, "Baloch Liberation Army", ("killed", "hostages", 201, None), hedge=Hedge.alleged),
               claim("d3", 0, None, ("killed", "people", 31, 31), hedge=Hedge.asserted))
    est = estimate_event(ev, DOCS, KINDS)["killed"]
    assert (est.low, est.best, est.high) == (26, 31, 201)
    assert est.conservative == 26
    assert "at least 201" in est.derivation and "Baloch Liberation Army" in est.derivation
    assert "independent source (Outlet 3)" in est.derivation


def test_estimate_median_without_independent_source():
    ev = event(claim("d1", 0, "Pakistan Army", ("killed", "soldiers", 5, 5)),
               claim("d2", 0, "Baloch Liberation Army", ("killed", "soldiers", 90, 90), hedge=Hedge.alleged),
               claim("d3", 0, "Police", ("killed", "soldiers", 7, 7)))
    est = estimate_event(ev, DOCS, KINDS)["killed"]
    assert est.best == 7 and "median" in est.derivation
    assert est.conservative == 5


def test_estimate_by_side_split_and_total():
    ev = event(claim("d1", 0, None, ("killed", "soldiers", 3, 3), ("killed", "civilians", 2, 2),
                     hedge=Hedge.asserted))
    est = estimate_event(ev, DOCS, KINDS)["killed"]
    assert est.best == 5 and est.by_side == {"state forces": 3, "civilians": 2}


def test_estimate_by_side_unknown_remainder():
    ev = event(claim("d1", 0, None, ("killed", "people", 26, 26), ("killed", "soldiers", 18, 18),
                     hedge=Hedge.asserted))
    est = estimate_event(ev, DOCS, KINDS)["killed"]
    assert est.best == 26 and est.by_side == {"state forces": 18, "unknown": 8}


def test_estimate_proportion_without_number_is_explained():
    ev = event(claim("d1", 0, "Pakistan Army", ("rescued", "passengers", None, None)))
    est = estimate_event(ev, DOCS, KINDS)["rescued"]
    assert est.best is None and est.claim_ids and "not counted" in est.derivation


def test_estimate_denied_figures_not_counted():
    ev = event(claim("d1", 0, "Pakistan Army", ("killed", "soldiers", 90, 90), hedge=Hedge.denied),
               claim("d2", 0, None, ("killed", "soldiers", 4, 4), hedge=Hedge.asserted))
    est = estimate_event(ev, DOCS, KINDS)["killed"]
    assert (est.low, est.high) == (4, 4)


@pytest.mark.parametrize("low,high,best", [(24, 99, 61), (12, 12, 12), (201, None, 201)])
def test_estimate_ranges_point_value(low, high, best):
    ev = event(claim("d1", 0, None, ("killed", "soldiers", low, high), hedge=Hedge.asserted))
    assert estimate_event(ev, DOCS, KINDS)["killed"].best == best


@pytest.mark.parametrize("claimants, basis", [
    (["Baloch Liberation Army"], "militant claim only"),
    (["Pakistan Army", "hospital officials"], "official figure only"),
    (["Pakistan Army", "Baloch Liberation Army"], "parties only"),
    (["Baloch Liberation Army", None], None),  # the outlet's own figure is independent
    (["Pakistan Army", "Lady Reading Hospital spokesman Ali Khan"], None),  # an office as written
])
def test_estimate_says_when_its_figures_rest_on_one_side_only(claimants, basis):
    ev = event(*[claim(f"d{i + 1}", 0, who, ("killed", "soldiers", 10 + i, 10 + i)) for i, who in enumerate(claimants)])
    est = estimate_event(ev, DOCS, KINDS)["killed"]
    assert est.basis == basis
    assert (f"Basis: {basis}" in est.derivation) == (basis is not None)


def test_estimate_denial_of_any_death_gives_a_low_of_zero():
    ev = event(claim("d1", 0, "Baloch Liberation Army", ("killed", "soldiers", 40, 40), hedge=Hedge.alleged),
               claim("d2", 0, "Pakistan Army", ("killed", None, 0, 0), hedge=Hedge.denied))
    est = estimate_event(ev, DOCS, KINDS)["killed"]
    assert est.low == 0 and est.high == 40


def _with_subsets(c: Claim, *subset_indexes: int) -> Claim:
    qs = [q.model_copy(update={"subset": i in subset_indexes}) for i, q in enumerate(c.quantities)]
    return c.model_copy(update={"quantities": qs})


def test_estimate_a_subset_is_inside_its_whole_not_added_to_it():
    # "Four soldiers, including an officer, were martyred": 4, not 5
    ev = event(_with_subsets(claim("d1", 0, None, ("killed", "soldiers", 4, 4), ("killed", "officer", 1, 1),
                                   hedge=Hedge.asserted), 1))
    est = estimate_event(ev, DOCS, KINDS)["killed"]
    assert (est.low, est.best, est.high) == (4, 4, 4) and est.by_side == {"state forces": 4}


def test_estimate_subsets_of_an_unspecified_whole_split_it_by_side():
    # "stands at 18, five of them soldiers and 13 civilians"
    ev = event(_with_subsets(claim("d1", 0, None, ("killed", None, 18, 18), ("killed", "soldiers", 5, 5),
                                   ("killed", "civilians", 13, 13), hedge=Hedge.asserted), 1, 2))
    est = estimate_event(ev, DOCS, KINDS)["killed"]
    assert est.best == 18 and est.by_side == {"state forces": 5, "civilians": 13}


def test_estimate_a_subset_without_its_whole_still_counts():
    # the whole was in another report: the part is all this claim says
    ev = event(_with_subsets(claim("d1", 0, None, ("killed", "officer", 1, 1), hedge=Hedge.asserted), 0))
    assert estimate_event(ev, DOCS, KINDS)["killed"].best == 1


def test_estimate_groups_listed_in_one_sentence_add_up_whatever_their_side():
    # "Three guards, one cook and two drivers were killed": 6, though no side is known for them
    ev = event(claim("d1", 0, None, ("killed", "guard", 3, 3), ("killed", "cook", 1, 1),
                     ("killed", "driver", 2, 2), hedge=Hedge.asserted))
    assert estimate_event(ev, DOCS, KINDS)["killed"].best == 6


def test_estimate_groups_of_unknown_side_in_two_sentences_are_not_added():
    # "Three men were killed." ... "The three guards ...": the same people, perhaps
    ev = event(claim("d1", 0, None, ("killed", "guard", 3, 3), hedge=Hedge.asserted),
               claim("d1", 50, None, ("killed", "cook", 3, 3), hedge=Hedge.asserted))
    assert estimate_event(ev, DOCS, KINDS)["killed"].best == 3


def test_estimate_a_generic_count_is_not_added_to_the_groups_beside_it():
    # "12 people, among them soldiers": people name no group of their own
    ev = event(claim("d1", 0, None, ("killed", "people", 12, 12), ("killed", "guard", 3, 3), hedge=Hedge.asserted))
    assert estimate_event(ev, DOCS, KINDS)["killed"].best == 12


def test_estimate_killed_counts_the_dead_of_every_side():
    # ACLED's fatalities and UCDP's best count the attackers too: 4 soldiers + 17 attackers
    ev = event(claim("d1", 0, "Pakistan Army", ("killed", "soldiers", 4, 4), ("attackers_killed", "militants", 17, 17)))
    est = estimate_event(ev, DOCS, KINDS)
    assert (est["killed"].low, est["killed"].best, est["killed"].high) == (21, 21, 21)
    assert est["killed"].by_side == {"state forces": 4, "armed group": 17}
    assert est["attackers_killed"].best == 17  # the part stays listed
    assert "attackers" in est["killed"].derivation and est["killed"].conservative == 21


def test_estimate_killed_with_only_attackers_dead_is_their_count():
    ev = event(claim("d1", 0, None, ("attackers_killed", "militants", 5, 9), hedge=Hedge.asserted))
    est = estimate_event(ev, DOCS, KINDS)["killed"]
    assert (est.low, est.high, est.by_side) == (5, 9, {"armed group": est.best})


def test_estimate_a_smaller_figure_later_in_the_same_report_is_a_detail_not_a_revision():
    # "kill 9 people. Eight are killed instantly while one dies in hospital later."
    ev = event(claim("d1", 0, None, ("killed", None, 9, 9), hedge=Hedge.asserted),
               claim("d1", 40, None, ("killed", None, 8, 8), ("killed", None, 1, 1), hedge=Hedge.asserted))
    est = estimate_event(ev, DOCS, KINDS)["killed"]
    assert (est.low, est.best, est.high) == (9, 9, 9) and est.superseded_claim_ids == []


def test_estimate_a_toll_that_rises_in_the_same_report_supersedes_the_first():
    ev = event(claim("d1", 0, None, ("killed", None, 8, 8), hedge=Hedge.asserted),
               claim("d1", 40, None, ("killed", None, 14, 14), hedge=Hedge.asserted))
    est = estimate_event(ev, DOCS, KINDS)["killed"]
    assert (est.low, est.best) == (14, 14) and len(est.superseded_claim_ids) == 1


def test_estimate_killed_of_unknown_victims_counts_the_attackers_once_in_its_split():
    # "12 people and 5 attackers were killed": the people's side is unknown
    ev = event(claim("d1", 0, None, ("killed", None, 12, 12), ("attackers_killed", "militants", 5, 5),
                     hedge=Hedge.asserted))
    est = estimate_event(ev, DOCS, KINDS)["killed"]
    assert est.best == 17 and est.by_side == {"unknown": 12, "armed group": 5}
