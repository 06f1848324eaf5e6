"""Score claimant attribution against the project's gold (``tests/data/attribution/``).

Gold shape: ``{"kind": "attribution", "figures": [{"doc", "sentence", "figure": {"text",
"start", "end"}, "low", "high", "category", "claimant": {"start", "end", "text"} | null,
"antecedent": {...} | null, "issuer": bool, "construction"}]}``; offsets are characters of the
report text, ``end`` exclusive. Conventions are in ``tests/data/attribution/README.md``.

Each report goes alone through the whole pipeline (an in-memory engine, as ``rashomon
extract``). A gold figure is *found* when a predicted claim whose sentence holds the figure carries
a quantity with the same low and high (the quantity's own span and the category break ties). On
found figures the predicted ``claimant_span`` is compared with the gold span, as PARC-style
source scoring does (Pareti 2016; BBC Citron):

* exact: the same character span; overlap: at least one shared word token;
* precision over predicted claimant spans of found figures, recall over every gold span (a figure
  not found is a missed span: what a user gets);
* a prediction on the pronoun's antecedent counts as the pronoun (the claimant is the same);
* outlet voice accuracy: of found figures whose gold claimant is null (the outlet's or, in a
  press release, the issuer's own voice), the share with no predicted claimant.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path

from rashomon.evaluate.report import EvalReport, LabelScore
from rashomon.models import Claim, Quantity

_WORD = re.compile(r"\w+")


@dataclass
class Outcome:
    """How one gold figure fared: found or not, and its claimant span judged two ways."""

    construction: str
    found: bool
    gold_span: bool  # the gold has a claimant span
    predicted_span: bool  # the matched claim has one
    exact: bool = False
    overlap: bool = False
    null_ok: bool = False  # gold null and predicted null
    category_ok: bool = False
    note: str = ""


@dataclass
class _Counts:
    outcomes: list[Outcome] = field(default_factory=list)

    def prf(self, key: str, subset: list[Outcome] | None = None) -> tuple[float, float, float]:
        rows = self.outcomes if subset is None else subset
        tp = sum(getattr(o, key) for o in rows)
        n_pred = sum(o.found and o.predicted_span for o in rows)
        n_gold = sum(o.gold_span for o in rows)
        p = tp / n_pred if n_pred else 0.0
        r = tp / n_gold if n_gold else 0.0
        return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def _word_overlap(text: str, a: tuple[int, int], b: tuple[int, int]) -> bool:
    ta = {(m.start() + a[0], m.end() + a[0]) for m in _WORD.finditer(text[a[0]:a[1]])}
    tb = {(m.start() + b[0], m.end() + b[0]) for m in _WORD.finditer(text[b[0]:b[1]])}
    return any(s1 < e2 and s2 < e1 for s1, e1 in ta for s2, e2 in tb)


def match_figure(claims: list[Claim], gold: dict) -> tuple[Claim, Quantity] | None:
    """The predicted claim and quantity for a gold figure (same sentence, same numbers)."""
    fig = gold["figure"]
    hits = [(c, q) for c in claims if c.span.start <= fig["start"] < c.span.end
            for q in c.quantities if (q.low, q.high) == (gold["low"], gold["high"])]
    hits.sort(key=lambda cq: (not (cq[1].span.start < fig["end"] and fig["start"] < cq[1].span.end),
                              cq[1].category != gold["category"]))
    return hits[0] if hits else None


def judge(text: str, gold: dict, hit: tuple[Claim, Quantity] | None) -> Outcome:
    """One gold figure against its match (or ``None``): see the module docstring."""
    g = gold.get("claimant")
    out = Outcome(construction=gold.get("construction", "?"), found=hit is not None,
                  gold_span=g is not None, predicted_span=False)
    if hit is None:
        out.note = "figure not found"
        return out
    claim, quantity = hit
    out.category_ok = quantity.category == gold["category"]
    p = claim.claimant_span
    out.predicted_span = p is not None
    if g is None:
        out.null_ok = p is None
        out.note = "" if out.null_ok else f"outlet voice given a claimant: {claim.claimant!r}"
        return out
    if p is None:
        out.note = "no claimant predicted"
        return out
    pred = (p.start, p.end)
    golds = [(g["start"], g["end"])] + ([(gold["antecedent"]["start"], gold["antecedent"]["end"])]
                                        if gold.get("antecedent") else [])
    out.exact = pred in golds
    out.overlap = any(_word_overlap(text, pred, s) for s in golds)
    if not out.overlap:
        out.note = f"wrong claimant: {text[pred[0]:pred[1]]!r} for {g['text']!r}"
    elif not out.exact:
        out.note = f"span differs: {text[pred[0]:pred[1]]!r} for {g['text']!r}"
    return out


def score(outcomes: list[Outcome]) -> EvalReport:
    """Metrics and per-construction rows from judged figures (no pipeline involved)."""
    c = _Counts(outcomes)
    metrics: dict[str, float] = {"gold_figures": float(len(outcomes)),
                                 "gold_claimant_spans": float(sum(o.gold_span for o in outcomes))}
    found = [o for o in outcomes if o.found]
    metrics["figures_found"] = round(len(found) / len(outcomes), 4) if outcomes else 0.0
    for key in ("exact", "overlap"):
        p, r, f = c.prf(key)
        metrics.update({f"{key}_precision": round(p, 4), f"{key}_recall": round(r, 4),
                        f"{key}_f1": round(f, 4)})
    spans_found = [o for o in found if o.gold_span]  # what attribution alone gets, figures aside
    metrics["overlap_recall_found_figures"] = (round(sum(o.overlap for o in spans_found) / len(spans_found), 4)
                                               if spans_found else 0.0)
    nulls = [o for o in found if not o.gold_span]
    metrics["outlet_voice_accuracy"] = round(sum(o.null_ok for o in nulls) / len(nulls), 4) if nulls else 0.0
    metrics["category_accuracy"] = round(sum(o.category_ok for o in found) / len(found), 4) if found else 0.0
    return EvalReport(name="claimant attribution vs project gold", metrics=metrics,
                      rows=_rows(c), notes=[])


def _rows(c: _Counts) -> list[LabelScore]:
    """One row per construction: overlap P/R/F1; for outlet-voice constructions recall is the
    share of figures correctly left without a claimant."""
    rows = []
    for name in sorted({o.construction for o in c.outcomes}):
        sub = [o for o in c.outcomes if o.construction == name]
        if any(o.gold_span for o in sub):
            p, r, f = c.prf("overlap", sub)
        else:
            r = p = f = sum(o.null_ok for o in sub) / len(sub)
        rows.append(LabelScore(label=name, precision=round(p, 4), recall=round(r, 4), f1=round(f, 4),
                               support=len(sub), predicted=sum(o.predicted_span for o in sub)))
    return rows


def evaluate_attribution(gold_path: str | Path, corpus_path: str | Path, pack=None) -> EvalReport:
    from rashomon.evaluate.extraction import read_corpus
    from rashomon.ingest.engine import Engine
    from rashomon.packs import load_pack

    pack = pack or load_pack()
    gold = json.loads(Path(gold_path).read_text("utf-8"))
    corpus = read_corpus(corpus_path)
    by_doc: dict[str, list[dict]] = {}
    for g in gold["figures"]:
        by_doc.setdefault(g["doc"], []).append(g)
    outcomes, notes = [], []
    for doc_id, figures in sorted(by_doc.items()):
        doc = corpus[doc_id]
        with Engine.in_memory(pack) as engine:  # one report alone, as ``rashomon extract``
            claims = engine.extract(doc)
        for g in figures:
            o = judge(doc.text, g, match_figure(claims, g))
            outcomes.append(o)
            if o.note:
                notes.append(f"{doc_id} [{o.construction}] {g['figure']['text']!r}: {o.note}")
    report = score(outcomes)
    report.dataset = str(gold_path)
    report.notes = [f"{len(by_doc)} reports"] + notes
    return report
