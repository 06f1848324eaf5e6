"""``rashomon eval``: score extraction and linking against gold data."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated, Optional

import typer

from rashomon.cli import app, console
from rashomon.cli.options import Pack
from rashomon.errors import ConfigError
from rashomon.evaluate.report import EvalReport
from rashomon.packs import load_pack


def evaluate_path(gold: Path, corpus: Path | None, pack_name: str) -> EvalReport:
    """Pick the evaluator from what GOLD is (see docs/evaluation.md)."""
    pack = load_pack(pack_name)
    if gold.is_dir() and (gold / "sentence").is_dir():
        from rashomon.evaluate.glocon import evaluate_glocon

        return evaluate_glocon(gold)
    if gold.suffix == ".tsv":
        from rashomon.evaluate.case import evaluate_case

        return evaluate_case(gold)
    if gold.suffix == ".json":
        data = json.loads(gold.read_text("utf-8"))
        corpus = corpus or _default_corpus(gold, data)
        if "incidents" in data:
            from rashomon.evaluate.linking import evaluate_linking
            from rashomon.extract.pipeline import extract_claims

            from rashomon.link import actor_parents, link_claims

            parents = actor_parents(pack)
            rep = evaluate_linking(corpus, gold, lambda d: extract_claims(d, pack),
                                   lambda ctxs: link_claims(ctxs, parents=parents))
            return linking_as_eval(rep, gold)
        from rashomon.evaluate.extraction import evaluate_extraction

        return evaluate_extraction(gold, corpus, pack)
    raise ConfigError(f"Cannot tell what kind of gold file {gold} is.", code="E120",
                      hint="Give a CASE .tsv, a GLOCON folder, or a rashomon gold .json.")


def linking_as_eval(rep, gold: Path) -> EvalReport:
    """The linking report in the common evaluation shape (metrics + notes)."""
    keys = ("precision", "recall", "f1", "labelled_claims", "gold_pairs", "system_pairs",
            "true_pairs", "gold_claims", "matched_claims", "claimant_accuracy", "numbers_accuracy",
            "events")
    metrics = {f"pairwise_{k}" if k in ("precision", "recall", "f1") else k: float(getattr(rep, k))
               for k in keys}
    metrics["incidents_kept_apart"] = float(sum(a.kept_apart for a in rep.apart))
    metrics["incident_pairs_to_keep_apart"] = float(len(rep.apart))
    notes = [f"{a.incident} merged with {a.other}" for a in rep.apart if not a.kept_apart]
    return EvalReport(name="linking vs project gold", dataset=str(gold), metrics=metrics, notes=notes)


def _default_corpus(gold: Path, data: dict) -> Path:
    if "incidents" in data:
        return gold.parent / "corpus.jsonl"
    return Path(__file__).resolve().parents[1] / "demo_corpus" / "reports.jsonl"


@app.command("eval")
def eval_(gold: Annotated[Path, typer.Argument(help="Gold file or folder.")],
          corpus: Annotated[Optional[Path], typer.Option(help="Corpus JSONL the gold refers to.")] = None,
          pack: Pack = "balochistan",
          format: Annotated[str, typer.Option("--format", "-f", help="table or json.")] = "table") -> None:
    """Score extraction or linking against gold data: CASE 2021 Task 2 snippets (.tsv),
    GLOCON samples (folder), or a rashomon gold file (.json: extraction or linking).

    Example: rashomon eval ../shared/data/dev/case2021_task2/dev.tsv
    """
    if not gold.exists():
        raise ConfigError(f"No such gold file or folder: {gold}.", code="E121")
    report = evaluate_path(gold, corpus, pack)
    if format == "json":
        sys.stdout.write(report.to_json() + "\n")
    else:
        console.print(report.to_table())
