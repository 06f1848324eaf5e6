"""Precision check on GLOCON Gold samples (Hürriyetoğlu et al. 2021, Data Intelligence 3(2)).

Contract: ``evaluate_glocon(folder) -> EvalReport``. ``folder`` holds ``sentence/Sabinet.json``
and ``document/Sabinet_R.json`` (JSON lines; ``label`` 0 = no protest event, 1 or 2 = protest
event / protest-relevant document). Reported:

* ``pipeline_sentence_*``: what a user gets: each sentence alone through the whole pipeline
  (``ingest.engine.extract_events``, as ``rashomon extract``); a false positive is a non-event
  sentence that yields a violent or protest event (``Strategic developments`` aside);
* ``*_fp_rate``, ``*_protest_recall``, ``*_event_recall``: a diagnostic of the trigger stage
  alone (:func:`find_triggers`), which sees more candidates than the pipeline keeps.
"""

from __future__ import annotations

import json
from pathlib import Path

from rashomon.evaluate.report import EvalReport
from rashomon.extract.pipeline import make_context
from rashomon.extract.types import Trigger, find_triggers
from rashomon.ingest.engine import extract_events
from rashomon.models import DocumentCreate
from rashomon.packs import KnowledgePack, load_pack

_PROTEST_TYPES = {"Protests", "Riots"}


def triggers_for(text: str) -> list[Trigger]:
    """Triggers of one free text, with the core pack and no publication date."""
    ctx = make_context(text, load_pack("core"))
    return find_triggers(ctx)


def read_jsonl(path: Path, field: str) -> list[tuple[str, int]]:
    rows = []
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            if line.strip():
                record = json.loads(line)
                rows.append((record[field], int(record["label"])))
    return rows


def _rates(rows: list[tuple[str, int]], prefix: str) -> dict[str, float]:
    negatives = positives = fp = protest_hits = event_hits = 0
    for text, label in rows:
        found = triggers_for(text)
        alarming = any(t.violent or t.event_type in _PROTEST_TYPES for t in found)
        if label == 0:
            negatives += 1
            fp += alarming
        else:
            positives += 1
            protest_hits += any(t.event_type in _PROTEST_TYPES for t in found)
            event_hits += bool(found)
    share = lambda a, b: round(a / b, 4) if b else 0.0  # noqa: E731
    return {f"{prefix}_fp_rate": share(fp, negatives),
            f"{prefix}_protest_recall": share(protest_hits, positives),
            f"{prefix}_event_recall": share(event_hits, positives),
            f"{prefix}_negatives": float(negatives), f"{prefix}_positives": float(positives)}


def pipeline_rates(rows: list[tuple[str, int]], pack: KnowledgePack | None = None) -> dict[str, float]:
    """The whole pipeline on each sentence alone: share of non-event sentences that yield a
    violent or protest event (false positives), and of event sentences that do (recall)."""
    pack = pack or load_pack()
    hits = {0: [0, 0], 1: [0, 0]}
    for text, label in rows:
        found = any(e.event_type and e.event_type != "Strategic developments"
                    for e in extract_events(DocumentCreate(text=text), pack))
        key = 1 if label else 0  # any non-zero label marks an event
        hits[key][0] += found
        hits[key][1] += 1
    rate = lambda k: round(hits[k][0] / hits[k][1], 4) if hits[k][1] else 0.0  # noqa: E731
    return {"pipeline_sentence_fp_rate": rate(0), "pipeline_sentence_event_recall": rate(1)}


def evaluate_glocon(folder: str | Path, documents: bool = True,
                    pack: KnowledgePack | None = None) -> EvalReport:
    """The whole pipeline's false-positive rate and recall on sentences, plus the trigger
    stage's rates on sentences and documents."""
    folder = Path(folder)
    sentences = read_jsonl(folder / "sentence" / "Sabinet.json", "sentence")
    metrics = pipeline_rates(sentences, pack) | _rates(sentences, "sentence")
    if documents:
        metrics |= _rates(read_jsonl(folder / "document" / "Sabinet_R.json", "text"), "document")
    return EvalReport(name="GLOCON Gold samples: false positives and protest recall",
                      dataset=folder.name, metrics=metrics,
                      notes=["Hürriyetoğlu et al. 2021 (GLOCON Gold); label 0 = no protest event"])


__all__ = ["evaluate_glocon", "read_jsonl", "triggers_for"]
