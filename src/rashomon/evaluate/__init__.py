"""Evaluation against gold data: CASE 2021 snippets, GLOCON samples, the project's own gold
files (extraction, linking, claimant attribution). ``evaluate_path`` picks the evaluator from what the gold is
(``docs/evaluation.md``)."""

from __future__ import annotations

import json
from pathlib import Path

from rashomon.errors import ConfigError
from rashomon.evaluate.report import EvalReport
from rashomon.packs import demo_folder, load_pack


def evaluate_path(gold: Path, corpus: Path | None, pack_name: str,
                  limit: int | None = None) -> EvalReport:
    """Pick the evaluator from what GOLD is (see docs/evaluation.md)."""
    pack = load_pack(pack_name)
    if gold.suffix == ".csv":
        from rashomon.evaluate.acled import evaluate_acled

        return evaluate_acled(gold, limit, pack=pack)
    if gold.is_dir() and (gold / "gold.json").is_file() and (gold / "corpus.jsonl").is_file():
        return _multi_outlet(gold, pack)
    if gold.is_dir() and (gold / "sentence").is_dir():
        from rashomon.evaluate.glocon import evaluate_glocon

        return evaluate_glocon(gold, pack=pack)
    if gold.suffix == ".tsv":
        from rashomon.evaluate.case import evaluate_case

        return evaluate_case(gold, pack=pack)
    if gold.suffix == ".json":
        data = json.loads(gold.read_text("utf-8"))
        corpus = corpus or _default_corpus(gold, data)
        if isinstance(data.get("incidents"), list) and "claims" in data:
            return _multi_outlet(gold.parent, pack)
        if data.get("kind") == "attribution":
            from rashomon.evaluate.attribution import evaluate_attribution

            return evaluate_attribution(gold, corpus, pack)
        if "incidents" in data:
            from rashomon.evaluate.linking import evaluate_linking
            from rashomon.ingest.engine import Engine

            with Engine.in_memory(pack) as engine:  # the corpus ingested as ``ingest`` would
                return linking_as_eval(evaluate_linking(corpus, gold, engine), gold)
        from rashomon.evaluate.extraction import evaluate_extraction

        return evaluate_extraction(gold, corpus, pack)
    raise ConfigError(f"Cannot tell what kind of gold file {gold} is.", code="E120",
                      hint="Give a CASE .tsv, an ACLED .csv, a GLOCON folder, or a rashomon gold .json.")


def _multi_outlet(folder: Path, pack) -> EvalReport:
    from rashomon.evaluate.multi_outlet import evaluate_multi_outlet
    from rashomon.ingest.engine import Engine

    with Engine.in_memory(pack) as engine:
        return evaluate_multi_outlet(folder, engine)


def linking_as_eval(rep, gold: Path) -> EvalReport:
    """The linking report in the common evaluation shape (metrics + notes)."""
    keys = ("precision", "recall", "f1", "labelled_claims", "gold_pairs", "system_pairs",
            "true_pairs", "gold_claims", "matched_claims", "claimant_accuracy", "numbers_accuracy",
            "events", "background_joined")
    metrics = {f"pairwise_{k}" if k in ("precision", "recall", "f1") else k: float(getattr(rep, k))
               for k in keys}
    metrics["incidents_kept_apart"] = float(sum(a.kept_apart for a in rep.apart))
    metrics["incident_pairs_to_keep_apart"] = float(len(rep.apart))
    notes = [f"{a.incident} merged with {a.other}" for a in rep.apart if not a.kept_apart]
    return EvalReport(name="linking vs project gold", dataset=str(gold), metrics=metrics, notes=notes)


def _default_corpus(gold: Path, data: dict) -> Path:
    if "incidents" in data or data.get("kind") == "attribution":
        return gold.parent / "corpus.jsonl"
    return demo_folder(load_pack()) / "reports.jsonl"
