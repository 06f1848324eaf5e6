"""Linking and attributed figures on a multi-outlet corpus (``../shared/data/dev/linking_dev``).

The gold (``gold.json``: ``incidents`` as a list with their ``reports``, ``claims``,
``background_figures``) says which reports tell one incident and every figure with the party that
states it. The corpus is ingested as ``rashomon ingest`` does, the events are read in the JSON the
CLI prints (``public.event_json``), and the figures are those of ``../shared/eval/score_linking.py``
so that both give the same numbers:

* pairwise linking precision / recall / F1 over report pairs (two reports are linked when some
  event holds claims from both);
* figures found (the gold number in the right report) and found with the right claimant family
  (the shared scorer's family patterns, below);
* denials recognised: a 0 from the denying party's family, or a claim of it marked as a denial.

and two the issue asks for that the shared scorer does not print:

* supersessions applied: for a gold figure that revises an earlier one, the event holding it keeps
  it current (not among the superseded claims) and supersedes every different, earlier figure of
  that category from the same claimant family;
* background leaks: background figures (about another incident) that sit, unflagged, in an event.
"""

from __future__ import annotations

import itertools
import json
import re
from pathlib import Path

from rashomon.evaluate.linking import read_corpus
from rashomon.evaluate.report import EvalReport
from rashomon.ingest.engine import Engine
from rashomon.public import event_json

# The shared scorer's claimant families, first match wins (armed groups before "army"); kept
# identical so that the figures here equal ../shared/eval/score_linking.py's.
FAMILIES = [
    ("bla", r"\bbla\b|baloch liberation|majeed|jeeyand|militant group|the group|spokes(man|person) .*baloch|separatist"),
    ("military", r"ispr|army|military|security (force|official|source)s?|frontier corps|\bfc\b|soldier|navy|naval"),
    ("police", r"police|ssp|dig\b|igp|ctd|counter.?terror"),
    ("medical", r"hospital|doctor|medical|health"),
    ("government", r"minister|government|official|commissioner|administration|railway|spokes"),
]


def family(claimant: str | None) -> str:
    s = (claimant or "").lower()
    return next((name for name, pat in FAMILIES if re.search(pat, s)), "other")


def same_figure(lo, hi, glo: int, ghi: int) -> bool:
    """The shared scorer's match: equal ends (+-1 for "over N"), or an open or narrow range
    holding the gold figure."""
    if lo is None:
        return False
    if abs(lo - glo) <= 1 and (hi is None or abs(hi - ghi) <= 1 or hi >= ghi):
        return True
    return hi is not None and lo <= glo and ghi <= hi and (hi - lo) <= 0.25 * ghi + 2


def _pairs(groups) -> set[tuple[str, str]]:
    out: set[tuple[str, str]] = set()
    for g in groups:
        out.update(itertools.combinations(sorted(set(g)), 2))
    return out


def _flagged(gold: dict, flag: str) -> list[dict]:
    return [g for g in gold["claims"] if g.get(flag)]


def _denials(gold: dict, url_of: dict, rows: list[dict]) -> tuple[int, int]:
    ok = 0
    for g in _flagged(gold, "denial"):
        u, fam = url_of[g["report"]], family(g["claimant"])
        zero = g["low"] == 0 and g["high"] == 0
        ok += any(r["source_url"] == u and family(r["claimant"]) == fam and (
            (zero and r["low"] == 0) or "deni" in str(r["hedge"] or "").lower()) for r in rows)
    return ok, len(_flagged(gold, "denial"))


def _supersessions(gold: dict, url_of: dict, events: list[dict]) -> tuple[int, int]:
    ok = 0
    for g in _flagged(gold, "supersedes"):
        u, fam = url_of[g["report"]], family(g["claimant"])
        for e in events:
            rows = e.get("claims") or []
            mine = [r for r in rows if r["source_url"] == u and r["category"] == g["category"]
                    and same_figure(r["low"], r["high"], g["low"], g["high"])]
            if not mine:
                continue
            est = (e.get("estimates") or {}).get(g["category"]) or {}
            gone = set(est.get("superseded_claim_ids") or [])
            current = [r for r in mine if r["claim_id"] not in gone]
            when = mine[0]["published"] or ""
            # a part of a figure ("Among the dead was DSP Nawaz Gishkori") is no earlier figure
            older = [r for r in rows if r["category"] == g["category"] and family(r["claimant"]) == fam
                     and r["low"] is not None and not r.get("subset")
                     and not same_figure(r["low"], r["high"], g["low"], g["high"])
                     and (r["source_url"] == u or (r["published"] or "") < when)]
            ok += bool(current) and all(r["claim_id"] in gone for r in older)
            break
    return ok, len(_flagged(gold, "supersedes"))


def _background_leaks(gold: dict, url_of: dict, rows: list[dict]) -> tuple[int, int]:
    leaks = 0
    figures = gold.get("background_figures", [])
    for b in figures:
        u = url_of[b["report"]]
        leaks += any(r["source_url"] == u and not r["background"] and r["category"] == b["category"]
                     and same_figure(r["low"], r["high"], b["low"], b["high"])
                     and r["quote"] and r["quote"] in b["sentence"] + " " for r in rows)
    return leaks, len(figures)


def evaluate_multi_outlet(folder: Path, engine: Engine) -> EvalReport:
    """Ingest ``folder/corpus.jsonl`` through ``engine`` and score it against ``gold.json``."""
    gold = json.loads((folder / "gold.json").read_text("utf-8"))
    corpus = read_corpus(folder / "corpus.jsonl")
    url_of = {gid: doc.url for gid, doc in corpus}
    for result in engine.store_batch([(doc, engine.extract(doc)) for _gid, doc in corpus]):
        if isinstance(result, Exception):
            raise result
    docs = {doc.id: doc for _gid, doc in corpus}
    events = [event_json(e, docs) for e in engine.store.events()]
    rows = [r for e in events for r in e.get("claims") or []]
    pred = _pairs([r["source_url"] for r in e.get("claims") or [] if r.get("source_url")] for e in events)
    want = _pairs([url_of[r] for r in inc["reports"]] for inc in gold["incidents"])
    tp = len(pred & want)
    p, r = (tp / len(pred) if pred else 0.0), (tp / len(want) if want else 0.0)
    found = fam_ok = 0
    for g in gold["claims"]:
        match = [x for x in rows if x["source_url"] == url_of[g["report"]]
                 and same_figure(x["low"], x["high"], g["low"], g["high"])]
        found += bool(match)
        fam_ok += any(family(x["claimant"]) == family(g["claimant"]) for x in match)
    n = len(gold["claims"])
    den_ok, den_n = _denials(gold, url_of, rows)
    sup_ok, sup_n = _supersessions(gold, url_of, events)
    leaks, bg_n = _background_leaks(gold, url_of, rows)
    metrics = {
        "pairwise_precision": round(p, 3), "pairwise_recall": round(r, 3),
        "pairwise_f1": round(2 * p * r / (p + r), 3) if p + r else 0.0,
        "predicted_pairs": float(len(pred)), "gold_pairs": float(len(want)),
        "figures_found": round(found / n, 3) if n else 0.0,
        "figures_right_claimant_family": round(fam_ok / n, 3) if n else 0.0,
        "denials_recognised": round(den_ok / den_n, 3) if den_n else 0.0,
        "supersessions_applied": round(sup_ok / sup_n, 3) if sup_n else 0.0,
        "background_leaks": float(leaks), "background_figures": float(bg_n),
        "events": float(len(events)),
    }
    notes = [f"denials recognised {den_ok} of {den_n}", f"supersessions applied {sup_ok} of {sup_n}",
             f"background figures inside an event unflagged: {leaks} of {bg_n}"]
    return EvalReport(name="linking and attributed figures (multi-outlet corpus)", dataset=str(folder),
                      metrics=metrics, notes=notes)


__all__ = ["FAMILIES", "evaluate_multi_outlet", "family", "same_figure"]
