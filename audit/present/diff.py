"""`sourcing-audit diff OLD NEW`: how the sourcing of a draft changed between two versions.

Both versions are audited, and their statements aligned by text (difflib over the statement texts). A
statement kept word for word, or edited (similar enough to be the same sentence), whose label changed is
reported with both labels; the others are added or removed. Sources are compared by name, and the
per-label shares and the uncheckable share are given before and after. The values here are the diff
command's own and stop at its output, so they live beside it rather than in models.py.
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import asdict, dataclass
from difflib import SequenceMatcher
from typing import Any

from audit.models import UNCHECKABLE, DocumentResult, Label, LabelledStatement

#: How alike two statements in a replaced run must be (difflib ratio) to count as one edited statement.
SAME_SENTENCE = 0.6


@dataclass(frozen=True)
class Change:
    old_label: str
    new_label: str
    old_text: str
    new_text: str
    old_index: int
    new_index: int


@dataclass(frozen=True)
class Lone:
    """A statement only one version has."""

    label: str
    text: str
    index: int


@dataclass(frozen=True)
class Share:
    label: str
    before: float
    after: float
    before_statements: int
    after_statements: int


@dataclass(frozen=True)
class DiffResult:
    old: str
    new: str
    changed: tuple[Change, ...]
    added: tuple[Lone, ...]
    removed: tuple[Lone, ...]
    sources_added: tuple[str, ...]
    sources_dropped: tuple[str, ...]
    shares: tuple[Share, ...]  # each label either version uses, then "uncheckable"
    statements: tuple[int, int]  # claims before and after


def diff_results(old: DocumentResult, new: DocumentResult) -> DiffResult:
    a, b = old.statements, new.statements
    changed: list[Change] = []
    added: list[Lone] = []
    removed: list[Lone] = []
    matcher = SequenceMatcher(None, [s.statement.text for s in a], [s.statement.text for s in b], autojunk=False)
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        pairs = list(zip(range(i1, i2), range(j1, j2))) if op == "equal" else _pair_edits(a, b, i1, i2, j1, j2)
        for i, j in pairs:
            if a[i].label is not b[j].label:
                changed.append(_change(a[i], b[j]))
        paired_old, paired_new = {i for i, _ in pairs}, {j for _, j in pairs}
        removed += [_lone(a[i]) for i in range(i1, i2) if i not in paired_old]
        added += [_lone(b[j]) for j in range(j1, j2) if j not in paired_new]
    before, after = _names(old), _names(new)
    return DiffResult(old.path, new.path, tuple(changed), tuple(added), tuple(removed),
                      tuple(n for k, n in after.items() if k not in before),
                      tuple(n for k, n in before.items() if k not in after),
                      _shares(old, new), (old.scores.overall.statements, new.scores.overall.statements))


def _pair_edits(a: tuple[LabelledStatement, ...], b: tuple[LabelledStatement, ...],
                i1: int, i2: int, j1: int, j2: int) -> list[tuple[int, int]]:
    """In a replaced run, pair each old statement with the most alike later new one, in order."""
    pairs: list[tuple[int, int]] = []
    start = j1
    for i in range(i1, i2):
        best, best_ratio = None, SAME_SENTENCE
        for j in range(start, j2):
            ratio = SequenceMatcher(None, a[i].statement.text, b[j].statement.text).ratio()
            if ratio >= best_ratio:
                best, best_ratio = j, ratio
        if best is not None:
            pairs.append((i, best))
            start = best + 1
    return pairs


def _change(old: LabelledStatement, new: LabelledStatement) -> Change:
    return Change(old.label.value, new.label.value, old.statement.text, new.statement.text, old.index, new.index)


def _lone(s: LabelledStatement) -> Lone:
    return Lone(s.label.value, s.statement.text, s.index)


def _names(doc: DocumentResult) -> dict[str, str]:
    """Source names by a case- and space-insensitive key, in roster order."""
    return {" ".join(src.name.casefold().split()): src.name for src in doc.sources}


def _shares(old: DocumentResult, new: DocumentResult) -> tuple[Share, ...]:
    def figures(doc: DocumentResult) -> dict[str, tuple[float, int]]:
        o = doc.scores.overall
        out = {f.label.value: (f.statement_share, f.statements) for f in o.labels}
        out["uncheckable"] = (o.uncheckable_share, o.uncheckable)
        return out

    a, b = figures(old), figures(new)
    def used(k: str) -> bool:
        return a.get(k, (0.0, 0))[1] > 0 or b.get(k, (0.0, 0))[1] > 0

    keys = [label.value for label in Label if used(label.value)] + ["uncheckable"]
    return tuple(Share(k, a.get(k, (0.0, 0))[0], b.get(k, (0.0, 0))[0], a.get(k, (0.0, 0))[1],
                       b.get(k, (0.0, 0))[1]) for k in keys)


def diff_dict(d: DiffResult) -> dict[str, Any]:
    out = asdict(d)
    out["statements"] = {"before": d.statements[0], "after": d.statements[1]}
    out["uncheckable_labels"] = [label.value for label in UNCHECKABLE]
    for s in out["shares"]:
        s["before"], s["after"] = round(s["before"], 4), round(s["after"], 4)
    return out


def render_text(d: DiffResult, paint: Callable[[str, str], str] | None = None) -> str:
    paint = paint or (lambda text, code: text)
    lines = [f"{paint(d.old, '1')} -> {paint(d.new, '1')}: {d.statements[0]} -> {d.statements[1]} claims"]
    if d.changed:
        lines += ["", f"label changed ({len(d.changed)}):"]
        for c in d.changed:
            lines.append(f"  {paint(c.old_label, '31')} -> {paint(c.new_label, '32')}: {_quote(c.new_text)}")
            if c.old_text != c.new_text:
                lines.append(f"    was: {_quote(c.old_text)}")
    for title, items, mark, colour in (("added", d.added, "+", "32"), ("removed", d.removed, "-", "31")):
        if items:
            lines += ["", f"{title} ({len(items)}):"]
            lines += [f"  {paint(mark, colour)} {s.label}: {_quote(s.text)}" for s in items]
    if d.sources_added or d.sources_dropped:
        lines.append("")
        if d.sources_added:
            lines.append("sources added: " + ", ".join(d.sources_added))
        if d.sources_dropped:
            lines.append("sources dropped: " + ", ".join(d.sources_dropped))
    if not (d.changed or d.added or d.removed or d.sources_added or d.sources_dropped):
        lines += ["", "no statement changed its label; no statement or source added or dropped"]
    lines += ["", f"{'share of claims':<20} {'before':>7} {'after':>7} {'change':>7}"]
    for s in d.shares:
        lines.append(f"{s.label:<20} {s.before:>7.0%} {s.after:>7.0%} {_points(s):>7}")
    return "\n".join(lines) + "\n"


def render_markdown(d: DiffResult) -> str:
    from audit.present.formats.markdown import cell, code

    out = [f"## Sourcing changes: {code(d.old)} → {code(d.new)}", "",
           f"{d.statements[0]} claims before, {d.statements[1]} after.", ""]
    if d.changed:
        out += ["| before | after | statement |", "|---|---|---|"]
        out += [f"| {c.old_label} | **{c.new_label}** | {cell(c.new_text)} |" for c in d.changed]
        out.append("")
    if d.added or d.removed:
        out += ["| | label | statement |", "|---|---|---|"]
        out += [f"| added | {s.label} | {cell(s.text)} |" for s in d.added]
        out += [f"| removed | {s.label} | {cell(s.text)} |" for s in d.removed]
        out.append("")
    if d.sources_added:
        out += ["Sources added: " + ", ".join(cell(n) for n in d.sources_added), ""]
    if d.sources_dropped:
        out += ["Sources dropped: " + ", ".join(cell(n) for n in d.sources_dropped), ""]
    out += ["| share of claims | before | after | change |", "|---|---:|---:|---:|"]
    out += [f"| {s.label} | {s.before:.0%} | {s.after:.0%} | {_points(s)} |" for s in d.shares]
    return "\n".join(out) + "\n"


def _quote(text: str, width: int = 160) -> str:
    text = " ".join(text.split())
    return f"“{text if len(text) <= width else text[:width - 1].rstrip() + '…'}”"


def _points(s: Share) -> str:
    """The change in percentage points, rounded as the shares are shown."""
    delta = round(s.after * 100) - round(s.before * 100)
    return f"{delta:+d} pt" if delta else "0"
