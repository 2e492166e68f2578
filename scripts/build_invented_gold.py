"""Build tests/fixtures/invented-gold.jsonl from the hand-labelled articles in tests/fixtures/invented/*.txt.

Every article is invented prose (no text copied from anywhere). The labels were written by hand from
../shared/eval/GUIDELINES.md before the tool was run on the text; edit them in
tests/fixtures/invented/*.txt, never from the tool's output.

An article file: first line `id: ...`, second `source: ...`; then one statement per line,
`CODES | text`, where CODES is the label letter and, after `+`, the `also` letters
(N named-source, A anonymous-source, S secondhand-report, L leaked-transcript, D document, U unattributed,
X none, ? not scored). Statements on consecutive lines form one paragraph (joined by a space);
a blank line starts a new paragraph (two newlines in the text), and a statement whose CODES end in `^` starts
a new line of its own (one newline: a byline over a date line). `#` lines are comments.

    python scripts/build_invented_gold.py   # rewrites tests/fixtures/invented-gold.jsonl
"""
from __future__ import annotations

import json
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CODES = {"N": "named-source", "A": "anonymous-source", "S": "secondhand-report", "L": "leaked-transcript",
         "D": "document", "U": "unattributed", "X": "none", "?": None}


def build_article(path: Path) -> dict[str, object]:
    head: dict[str, str] = {}
    paragraphs: list[list[tuple[str, str]]] = [[]]
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("#"):
            continue
        if not line.strip():
            if paragraphs[-1]:
                paragraphs.append([])
        elif " | " in line:
            codes, body = line.split(" | ", 1)
            paragraphs[-1].append((codes.strip(), body.strip()))
        else:
            key, _, value = line.partition(":")
            head[key.strip()] = value.strip()
    text = ""
    sentences: list[dict[str, object]] = []
    for p_index, para in enumerate(p for p in paragraphs if p):
        if p_index:
            text += "\n\n"
        for s_index, (codes, sentence) in enumerate(para):
            if s_index:
                text += "\n" if codes.endswith("^") else " "
            label, _, also = codes.rstrip("^").partition("+")
            sentences.append({"index": len(sentences), "start": len(text), "end": len(text) + len(sentence),
                              "label": CODES[label], "also": [CODES[c] for c in also], "note": ""})
            text += sentence
    return {"id": head["id"], "source": head.get("source", "invented"), "publisher": head.get("publisher") or None,
            "text": text, "sentences": sentences}


def main() -> None:
    rows = [build_article(p) for p in sorted((ROOT / "tests" / "fixtures" / "invented").glob("*.txt"))]
    statements = sum(len(r["sentences"]) for r in rows if isinstance(r["sentences"], list))
    out = ROOT / "tests" / "fixtures" / "invented-gold.jsonl"
    out.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
    print(f"{out}: {len(rows)} articles, {statements} statements")


if __name__ == "__main__":
    main()
