"""Extraction speed against the parser alone and spaCy's bare tokenizer, same texts, same run.

    .venv/bin/python bench/extract.py [--repeat 20] [--stages]

Corpus: the bundled demo corpus, the linking test corpus and the seed article (if ../shared is
beside the checkout), repeated ``--repeat`` times with a counter appended so no cache helps.
Prints documents/s and tokens/s of (a) ``spacy.blank("en").tokenizer``, (p) the parser model
alone (``nlp.pipe`` of the same pipeline the ``syntax`` stage loads, over the same sentences
it parses) and (b) the full extraction pipeline (``rashomon.extract.pipeline.extract_claims``),
and the ratios b/p (target >= 0.75: the rules add at most a third on top of the parse) and b/a.
``--stages`` also prints the time per document of each registered stage (``pipeline.STAGES``),
best of three passes, to show where the time goes.
"""

from __future__ import annotations

import argparse
import json
import time
from pathlib import Path

import spacy

from rashomon.extract.mentions import Mentions
from rashomon.extract.pipeline import Pipeline, extract_claims
from rashomon.extract.registry import StageView
from rashomon.extract.sentences import split_sentences
from rashomon.extract.syntax import parser
from rashomon.models import Document
from rashomon.packs import load_pack

ROOT = Path(__file__).resolve().parents[1]


def corpus_texts() -> list[str]:
    texts = []
    for path in (ROOT / "src/rashomon/packs/balochistan/demo/reports.jsonl", ROOT / "tests/data/linking/corpus.jsonl"):
        texts += [json.loads(line)["text"] for line in path.read_text("utf-8").splitlines() if line.strip()]
    seed = ROOT.parent / "shared/data/seed/000_c1482cdd8b86017f.txt"
    if seed.exists():
        texts.append(seed.read_text("utf-8"))
    return texts


def timed(fn, items) -> float:
    t0 = time.perf_counter()
    for x in items:
        fn(x)
    return time.perf_counter() - t0


def stage_times(docs: list[Document], pack) -> dict[str, float]:
    """Seconds per document spent in each registered stage, best of three passes."""
    pipe = Pipeline(pack)
    best: dict[str, float] = {}
    for _ in range(3):
        spent = dict.fromkeys((spec.name for spec in pipe.stages), 0.0)
        for doc in docs:
            ctx, found = pipe.context(doc), Mentions()
            for spec in pipe.stages:
                t0 = time.perf_counter()
                spec.func(ctx, StageView(found, spec))
                spent[spec.name] += time.perf_counter() - t0
        best = {k: min(v / len(docs), best.get(k, float("inf"))) for k, v in spent.items()}
    return best


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--repeat", type=int, default=20)
    ap.add_argument("--stages", action="store_true", help="also print the time of each stage")
    args = ap.parse_args()
    base = corpus_texts()
    texts = [f"{t}\n\nReport {i}." for i in range(args.repeat) for t in base]
    nlp = spacy.blank("en")
    pack = load_pack()
    docs = [Document(id=Document.content_id(t), text=t) for t in texts]
    extract_claims(docs[0], pack)  # load gazetteer, lexicons and tokenizer once, outside the timing
    n_tokens = sum(len(nlp.tokenizer(t)) for t in texts)
    t_tok = timed(nlp.tokenizer, texts)
    sentences = [s.text for t in texts for s in split_sentences(t)[:400] if s.text.strip() and len(s.text) <= 1500]
    model = parser()
    t0 = time.perf_counter()
    for _ in model.pipe(sentences, batch_size=64):
        pass
    t_parse = time.perf_counter() - t0
    t_ext = timed(lambda d: extract_claims(d, pack), docs)
    n = len(texts)
    print(f"documents: {n}, tokens: {n_tokens}, characters: {sum(map(len, texts))}")
    print(f"spaCy blank tokenizer: {n / t_tok:10.1f} docs/s {n_tokens / t_tok:12.0f} tokens/s")
    print(f"parser alone ({model.meta['name']}): {n / t_parse:10.1f} docs/s {n_tokens / t_parse:12.0f} tokens/s")
    print(f"full extraction:       {n / t_ext:10.1f} docs/s {n_tokens / t_ext:12.0f} tokens/s")
    print(f"ratio extraction/parser: {t_parse / t_ext:.3f} (target >= 0.75)")
    print(f"ratio extraction/tokenizer: {t_tok / t_ext:.3f}")
    if args.stages:
        print(f"per stage (ms/doc, best of 3; tokenizer {1000 * t_tok / n:.3f}):")
        for name, secs in stage_times(docs, pack).items():
            print(f"  {name:16s} {1000 * secs:7.3f}")


if __name__ == "__main__":
    main()
