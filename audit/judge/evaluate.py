"""Accuracy against a gold file: the same matching and figures as ../shared/eval/score.py."""
from __future__ import annotations

import json
import os
from collections import Counter, defaultdict
from typing import Any

from audit.errors import InputError

LABELS = ("named-source", "anonymous-source", "secondhand-report", "leaked-transcript",
          "document", "unattributed", "none")
UNSOURCED = {"unattributed", "none", "(missing)"}


def load_gold(path: str) -> list[dict[str, Any]]:
    from audit.read.files import read_limited

    data = read_limited(path, 512 * 2**20, "gold file")  # the dev gold is 2 MB; PolNeAR's training set 40 MB
    try:
        gold = [json.loads(line) for line in data.decode("utf-8").splitlines() if line.strip()]
    except (ValueError, RecursionError) as exc:  # RecursionError: JSON nested thousands of levels deep
        raise InputError(f"{path}: not a gold JSONL file: {str(exc)[:200] or type(exc).__name__}") from None
    for n, art in enumerate(gold, 1):
        missing = [k for k in ("id", "text", "sentences") if not isinstance(art, dict) or k not in art]
        if missing:
            raise InputError(f"{path}: article {n} has no {', '.join(missing)} (see GUIDELINES.md for the format)")
        problem = _shape_problem(art)
        if problem:
            raise InputError(f"{path}: article {n}: {problem} (see GUIDELINES.md for the format)")
    return gold


def _shape_problem(art: dict[str, Any]) -> str | None:
    """What is wrong with one gold row's types, or None: id and text are text, sentences a list of
    {start, end, label, also} with whole-number offsets."""
    if not isinstance(art["id"], str) or not art["id"]:
        return "id: expected text"
    if not isinstance(art["text"], str):
        return "text: expected text"
    if not isinstance(art["sentences"], list):
        return "sentences: expected a list"
    for k, sent in enumerate(art["sentences"]):
        if not isinstance(sent, dict):
            return f"sentences[{k}]: expected a mapping {{start, end, label}}"
        if any(isinstance(sent.get(x), bool) or not isinstance(sent.get(x), int) for x in ("start", "end")):
            return f"sentences[{k}]: start and end must be whole numbers"
        if sent.get("label") is not None and not isinstance(sent["label"], str):
            return f"sentences[{k}].label: expected text"
        also = sent.get("also")
        if also is not None and (not isinstance(also, list) or not all(isinstance(x, str) for x in also)):
            return f"sentences[{k}].also: expected a list of labels"
    return None


def predictions(documents: list[dict[str, Any]]) -> dict[str, list[dict[str, Any]]]:
    """Statements by article id (file name without extension), as score.py keys them."""
    out = {}
    for doc in documents:
        key = os.path.splitext(os.path.basename(doc["path"]))[0]
        out[key] = sorted(doc["statements"], key=lambda s: (s["start"], s["end"]))
    return out


def _best_label(start: int, end: int, statements: list[dict[str, Any]]) -> str:
    best, best_overlap = "(missing)", 0
    for st in statements:
        if st["start"] >= end:
            break
        overlap = min(end, st["end"]) - max(start, st["start"])
        if overlap > best_overlap:
            best, best_overlap = st["label"], overlap
    return best


def _prf(tp: int, fp: int, fn: int) -> tuple[float, float, float]:
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def score(gold: list[dict[str, Any]], pred: dict[str, list[dict[str, Any]]]) -> dict[str, Any]:
    pairs = []
    missing = []
    for art in gold:
        statements = pred.get(art["id"])
        if statements is None:
            missing.append(art["id"])
            statements = []
        for sent in art["sentences"]:
            if sent.get("label") is None:
                continue
            guess = _best_label(sent["start"], sent["end"], statements)
            truth = guess if guess in set(sent.get("also") or ()) else sent["label"]
            pairs.append((truth, guess, art["id"], sent))
    tp: Counter[str] = Counter()
    fp: Counter[str] = Counter()
    fn: Counter[str] = Counter()
    for t, g, *_ in pairs:
        if t == g:
            tp[t] += 1
        else:
            fp[g] += 1
            fn[t] += 1
    per_class = {}
    for lab in LABELS:
        p, r, f = _prf(tp[lab], fp[lab], fn[lab])
        per_class[lab] = {"precision": p, "recall": r, "f1": f, "support": tp[lab] + fn[lab]}
    present = [lab for lab in LABELS if tp[lab] + fn[lab] > 0 and lab != "none"]
    s_tp = sum(1 for t, g, *_ in pairs if t not in UNSOURCED and g not in UNSOURCED)
    s_fp = sum(1 for t, g, *_ in pairs if t in UNSOURCED and g not in UNSOURCED)
    s_fn = sum(1 for t, g, *_ in pairs if t not in UNSOURCED and g in UNSOURCED)
    sp, sr, sf = _prf(s_tp, s_fp, s_fn)
    confusion: dict[str, Counter[str]] = defaultdict(Counter)
    for t, g, *_ in pairs:
        confusion[t][g] += 1
    n = len(pairs)
    return {
        "sentences": n,
        "accuracy": sum(t == g for t, g, *_ in pairs) / n if n else 0.0,
        "macro_f1": sum(per_class[lab]["f1"] for lab in present) / len(present) if present else 0.0,
        "macro_over": present,
        "sourced": {"precision": sp, "recall": sr, "f1": sf},
        "per_class": per_class,
        "confusion": {t: dict(c) for t, c in confusion.items()},
        "missing_documents": missing,
        "errors": [{"id": a, "start": s["start"], "end": s["end"], "gold": s["label"], "also": s.get("also") or [],
                    "pred": g} for t, g, a, s in pairs if t != g],
    }


def render(result: dict[str, Any]) -> str:
    """The figures exactly as score.py prints them."""
    lines = [f"{'label':<20}{'prec':>7}{'recall':>8}{'f1':>7}{'support':>9}"]
    for lab, m in result["per_class"].items():
        if m["support"] or m["precision"]:
            lines.append(f"{lab:<20}{m['precision']:7.3f}{m['recall']:8.3f}{m['f1']:7.3f}{m['support']:9d}")
    s = result["sourced"]
    lines.append(f"sourced vs not: precision {s['precision']:.3f} recall {s['recall']:.3f} f1 {s['f1']:.3f}")
    if result["missing_documents"]:
        lines.append(f"documents with no prediction: {len(result['missing_documents'])}")
    lines.append(f"accuracy {result['accuracy']:.3f}  macro-f1 {result['macro_f1']:.3f}  "
                 f"sourced-f1 {s['f1']:.3f}  over {result['sentences']} sentences")
    return "\n".join(lines)


def render_confusion(result: dict[str, Any]) -> str:
    labels = [lab for lab in (*LABELS, "(missing)")
              if lab in result["confusion"] or any(lab in row for row in result["confusion"].values())]
    short = {lab: lab.split("-")[0][:6] for lab in labels}
    lines = ["confusion (rows gold, columns predicted):", " " * 20 + "".join(f"{short[c]:>8}" for c in labels)]
    for t in labels:
        row = result["confusion"].get(t, {})
        lines.append(f"{t:<20}" + "".join(f"{row.get(c, 0):>8}" for c in labels))
    return "\n".join(lines)


def render_errors(result: dict[str, Any], texts: dict[str, str], limit: int) -> str:
    lines = [f"errors ({len(result['errors'])}, first {min(limit, len(result['errors']))}):"]
    for e in result["errors"][:limit]:
        snippet = " ".join(texts.get(e["id"], "")[e["start"]:e["end"]].split())[:110]
        also = f" (also {', '.join(e['also'])})" if e["also"] else ""
        lines.append(f"  {e['id'][:32]}:{e['start']} gold {e['gold']}{also}, got {e['pred']}: {snippet}")
    return "\n".join(lines)
