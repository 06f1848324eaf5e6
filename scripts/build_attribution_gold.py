"""Build tests/data/attribution/{corpus.jsonl,gold.json} from the marked-up source.txt.

The source is the form the annotator writes: reports with their claimant mentions and figures
marked inline, so offsets are computed, never typed by hand (see tests/data/attribution/README.md).

  === ID | OUTLET | PUBLISHED | TITLE      starts a report; its paragraphs follow, one a line
  [c1:Deputy Commissioner Ali Khan]       a claimant mention named c1
  {three|killed|3|3|c1|title_name}        a figure: words, category, low, high ("-": open), claimant,
                                          construction
                                          claimant: a mention id, "-" (outlet voice), "issuer"
                                          (a press release's own voice) or "c2>c1" (pronoun c2,
                                          antecedent c1)

Run: python scripts/build_attribution_gold.py
"""

from __future__ import annotations

import json
import re
from pathlib import Path

HERE = Path(__file__).resolve().parents[1] / "tests" / "data" / "attribution"
_MARK = re.compile(r"\[(c[0-9a-z]+):([^\]]+)\]|\{([^|{}]+)\|([a-z_]+)\|(\d+)\|(\d+|-)\|([^|{}]+)\|([a-z_]+)\}")
_SENT = re.compile(r"(?<=[.!?])[\"”’]?\s+(?=[\"“A-Z0-9])")


def _parse(body: str) -> tuple[str, dict, list]:
    out, mentions, figures, pos = [], {}, [], 0
    for m in _MARK.finditer(body):
        out.append(body[pos:m.start()])
        at = sum(len(s) for s in out)
        if m.group(1):
            mentions[m.group(1)] = {"start": at, "end": at + len(m.group(2)), "text": m.group(2)}
            out.append(m.group(2))
        else:
            words, cat, low, high, ref, cons = m.group(3, 4, 5, 6, 7, 8)
            figures.append({"figure": {"text": words, "start": at, "end": at + len(words)},
                            "low": int(low), "high": None if high == "-" else int(high), "category": cat, "ref": ref,
                            "construction": cons})
            out.append(words)
        pos = m.end()
    out.append(body[pos:])
    return "".join(out), mentions, figures


def _sentence(text: str, at: int) -> str:
    start = 0
    for para in text.split("\n\n"):
        if start <= at < start + len(para):
            cuts = [0] + [m.end() for m in _SENT.finditer(para)] + [len(para)]
            for a, b in zip(cuts, cuts[1:]):
                if start + a <= at < start + b:
                    return para[a:b].strip()
        start += len(para) + 2
    raise ValueError(at)


def build() -> tuple[list[dict], list[dict]]:
    corpus, gold = [], []
    for chunk in re.split(r"^=== ", (HERE / "source.txt").read_text("utf-8"), flags=re.M)[1:]:
        head, *lines = chunk.splitlines()
        doc_id, outlet, published, title = (s.strip() for s in head.split("|", 3))
        text, mentions, figures = _parse("\n\n".join(s.strip() for s in lines if s.strip()))
        corpus.append({"id": doc_id, "url": f"https://example-news.test/{doc_id}", "outlet": outlet,
                       "published": published, "title": title, "text": text})
        for f in figures:
            ref = f.pop("ref")
            span, ante = ref.split(">") if ">" in ref else (ref, None)
            f.update(doc=doc_id, sentence=_sentence(text, f["figure"]["start"]),
                     claimant=mentions[span] if span not in ("-", "issuer") else None,
                     antecedent=mentions[ante] if ante else None, issuer=span == "issuer")
            assert text[f["figure"]["start"]:f["figure"]["end"]] == f["figure"]["text"]
            gold.append(f)
    return corpus, gold


if __name__ == "__main__":
    corpus, gold = build()
    with open(HERE / "corpus.jsonl", "w", encoding="utf-8") as fh:
        for rec in corpus:
            fh.write(json.dumps(rec, ensure_ascii=False) + "\n")
    doc = {"kind": "attribution", "note": "written for rashomon; see README.md", "figures": gold}
    (HERE / "gold.json").write_text(json.dumps(doc, indent=1, ensure_ascii=False) + "\n", "utf-8")
    print(f"{len(corpus)} reports, {len(gold)} figures")
