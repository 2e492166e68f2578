"""Suppressions: findings the desk accepted, each named by check id with a reason, in the draft or beside it.

In a Markdown or HTML draft, a comment (read from the file as written):

    <!-- sourcing-audit: disable CHECK[, CHECK] -- reason: WHY -->        the whole document, or up to:
    <!-- sourcing-audit: enable CHECK[, CHECK] -->                        the end of a disable range
    <!-- sourcing-audit: disable-next CHECK[, CHECK] -- reason: WHY -->   only the next paragraph

Only comments the Markdown or HTML parser reads as comments count (audit.read.comments): one in a code fence
or in inline code is code. A comment that opens with `sourcing-audit` but cannot be read says why.

For any input (the only way for plain text and Word), a sidecar file named after it, ARTICLE.txt.sourcing-audit.yaml:

    - {check: anonymous-no-reason, reason: anonymity approved by the standards desk}
    - {check: quote-unattributed, paragraph: 4, reason: the speaker is named in the caption}

A suppressed finding stays in the result, marked, with its reason. A suppression without a reason does not take
effect; it, one that matched no finding, and a comment that cannot be read are findings of their own.
"""
from __future__ import annotations

import bisect
import dataclasses
import html
import re
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from audit.errors import ConfigError
from audit.judge.directives import Directive, is_directive, parse_directive
from audit.models import DocumentResult, Finding
from audit.read.inputs import SIDECAR_SUFFIX
from audit.read.text import clip
from audit.rules.cache import code_pattern

if TYPE_CHECKING:
    from collections.abc import Callable

    from audit.read.comments import Comment
    from audit.read.inputs import SourceText

NO_REASON, UNUSED, INVALID = "suppression-no-reason", "suppression-unused", "suppression-invalid"
_BLOCK_END = code_pattern(r"</(?:p|h[1-6]|li|blockquote|div|td|th|pre|figcaption|dd|dt)\s*>|\n\s*\n", re.IGNORECASE)
_TAG = code_pattern(r"<!--.*?-->|<[^>]*>", re.DOTALL)
_SIDECAR_KEYS = ("check", "reason", "paragraph")


@dataclass(frozen=True)
class MetaCheck:
    """A check about the suppressions themselves; made here, not in rules.yaml (no text pattern can show it)."""

    id: str
    message: str
    why: str
    fix: str


META_CHECKS = {c.id: c for c in (
    MetaCheck(NO_REASON, "a suppression without a reason, so it does not take effect",
              "A suppression tells the next editor that the desk looked at a finding and accepted it. Without the "
              "reason nobody can tell a considered decision from a way to make a check go quiet, so the finding "
              "it names stays in force until the reason is written down.",
              "Add the reason: <!-- sourcing-audit: disable CHECK -- reason: WHY -->, or `reason:` in the sidecar."),
    MetaCheck(UNUSED, "a suppression that matched no finding",
              "A suppression left behind after the text changed hides nothing now, but would silently hide the "
              "next finding of the same check. An editor should delete it or correct the check id.",
              "Delete the suppression, or correct its check id or paragraph."),
    MetaCheck(INVALID, "a sourcing-audit comment that cannot be read",
              "A comment meant as a suppression that the tool cannot read suppresses nothing, while the writer "
              "believes the finding was dealt with.",
              "Write it as <!-- sourcing-audit: disable CHECK -- reason: WHY --> (or disable-next)."),
)}


@dataclass(frozen=True)
class Suppression:
    checks: tuple[str, ...]
    reason: str | None
    next_paragraph: bool  # disable-next, or a sidecar entry with a paragraph; False: the whole document
    paragraph: int | None  # the paragraph it covers (None with next_paragraph: there is none)
    where: str  # path:line:col where it is written
    start: int = 0  # its span in the text, where the text lines up with the file
    end: int = 0
    excerpt: str = ""
    last: int | None = None  # a `disable` ... `enable` range: the last paragraph it covers
    ranged: bool = False  # it covers paragraph .. last, not the whole document

    def covers(self, f: Finding) -> bool:
        if f.check_id not in self.checks:
            return False
        if self.ranged:
            return self.paragraph is not None and self.last is not None and f.paragraph is not None and \
                self.paragraph <= f.paragraph <= self.last
        return not self.next_paragraph or (self.paragraph is not None and f.paragraph == self.paragraph)


def read_suppressions(src: SourceText, doc: DocumentResult,
                      encoding: str = "utf-8") -> tuple[list[Suppression], list[Finding]]:
    """The suppressions for one input (comments, then the sidecar), and a finding for each unreadable comment."""
    raw = src.raw
    if raw is None and src.format == "html" and Path(src.name).is_file():  # the text is extracted: read the file
        raw = Path(src.name).read_bytes().decode(encoding, errors="replace")
    wanted = src.format in ("markdown", "html") and raw and "sourcing-audit" in raw.lower()  # else no parse
    sups, invalid = _from_comments(src.name, raw, src.format, doc) if wanted and raw else ([], [])
    if src.name not in ("-", "<stdin>") and "://" not in src.name:
        sidecar = Path(src.name + SIDECAR_SUFFIX)
        if sidecar.is_file():
            sups += _from_sidecar(sidecar, doc)
    return sups, invalid


def _from_comments(name: str, raw: str, fmt: str, doc: DocumentResult) -> tuple[list[Suppression], list[Finding]]:
    """Suppressions from the comments the file's parser finds (audit.read.comments), in file order."""
    aligned = len(raw) == len(doc.text)
    from audit.read.comments import find_comments  # here: html.parser, for the inputs that hold comments

    read: list[tuple[Comment, Directive]] = []
    invalid = []
    for c in find_comments(raw, fmt):
        if not is_directive(c.body):
            continue
        where = f"{name}:{c.line}:{c.column}"
        start, end = (c.start, c.end) if aligned else (0, 0)
        parsed = parse_directive(c.body)
        if isinstance(parsed, str):
            invalid.append(meta_finding(INVALID, f"at {where}: {parsed}", None, start, end, raw[c.start:c.end]))
        else:
            read.append((c, parsed))
    sups = []
    for n, (c, d) in enumerate(read):
        if d.verb == "enable":
            opened = {cid for _, od in read[:n] if od.verb == "disable" for cid in od.checks}
            if set(d.checks) - opened:
                lone = ", ".join(sorted(set(d.checks) - opened))
                invalid.append(meta_finding(INVALID, f"at {name}:{c.line}:{c.column}: 'enable {lone}' with no "
                                            "'disable' of it before", None, *((c.start, c.end) if aligned
                                                                               else (0, 0)),
                                            raw[c.start:c.end]))
            continue
        where = f"{name}:{c.line}:{c.column}"
        start, end = (c.start, c.end) if aligned else (0, 0)
        para = _next_paragraph(raw, c.end, doc, aligned)
        by_end: dict[int | None, list[str]] = {}
        for cid in d.checks:  # `disable` up to an `enable` of the same check, else the whole document
            stop = next((e for e, ed in read[n + 1:] if ed.verb == "enable" and cid in ed.checks), None) \
                if d.verb == "disable" else None
            by_end.setdefault(stop.end if stop else None, []).append(cid)
        for stop_at, ids in by_end.items():
            last = _last_paragraph(raw, stop_at, doc, aligned) if stop_at is not None else None
            sups.append(Suppression(tuple(ids), d.reason, d.verb == "disable-next", para, where, start, end,
                                    clip(raw[c.start:c.end], 200), last, stop_at is not None))
    return sups, invalid


def _last_paragraph(raw: str, pos: int, doc: DocumentResult, aligned: bool) -> int:
    """The last paragraph before the comment that ends at `pos` (an `enable`): the one before the next."""
    after = _next_paragraph(raw, pos, doc, aligned)
    return (after - 1) if after is not None else len(doc.paragraphs)


def _next_paragraph(raw: str, pos: int, doc: DocumentResult, aligned: bool,
                    starts: list[int] | None = None) -> int | None:
    """The paragraph after a comment: by offset where text and file line up, else by the next block's words."""
    if aligned:  # the first paragraph starting at or after pos (paragraphs are in order)
        i = bisect.bisect_left(starts if starts is not None else [p.start for p in doc.paragraphs], pos)
        return doc.paragraphs[i].index if i < len(doc.paragraphs) else None
    block = raw[pos:]
    stop = _BLOCK_END.search(block)
    words = " ".join(html.unescape(_TAG.sub(" ", block[:stop.end() if stop else None])).split())
    if not words:
        return None
    for p in doc.paragraphs:
        text = " ".join(doc.text[p.start:p.end].split())
        if text.startswith(words[:80]) or words.startswith(text[:80]):
            return p.index
    return None


def _from_sidecar(path: Path, doc: DocumentResult) -> list[Suppression]:
    from audit.read.located import read_yaml

    loc = read_yaml(path)
    entries = loc.value if loc.value is not None else []
    problems: list[str] = []
    if not isinstance(entries, list):
        raise ConfigError([f"{loc.at(())}: a suppression file is a list of {{check, reason, paragraph}}"])
    sups = []
    for n, e in enumerate(entries):
        problems += _sidecar_problems(loc, n, e)
        if problems:
            continue
        reason = str(e["reason"]).strip() if e.get("reason") is not None else None
        para = e.get("paragraph")
        excerpt = "{" + ", ".join(f"{k}: {e[k]}" for k in _SIDECAR_KEYS if k in e) + "}"
        sups.append(Suppression((e["check"],), reason or None, para is not None,
                                para if para is not None and para <= len(doc.paragraphs) else None,
                                loc.at((n,)), excerpt=clip(excerpt, 200)))
    if problems:
        raise ConfigError(problems)
    return sups


def _sidecar_problems(loc: Any, n: int, e: Any) -> list[str]:
    if not isinstance(e, dict):
        return [f"{loc.at((n,))}: [{n}]: expected a mapping {{check: CHECK, reason: WHY, paragraph: N}}"]
    out = [f"{loc.at((n, k), key=True)}: [{n}]: unknown key {k!r} (expected one of: {', '.join(_SIDECAR_KEYS)})"
           for k in e if k not in _SIDECAR_KEYS]
    if not isinstance(e.get("check"), str) or not e["check"].strip():
        out.append(f"{loc.at((n, 'check'))}: [{n}].check: expected a check id")
    if "reason" in e and e["reason"] is not None and not isinstance(e["reason"], str):
        out.append(f"{loc.at((n, 'reason'))}: [{n}].reason: expected text")
    para = e.get("paragraph")
    if para is not None and (isinstance(para, bool) or not isinstance(para, int) or para < 1):
        out.append(f"{loc.at((n, 'paragraph'))}: [{n}].paragraph: expected a paragraph number (1 or more)")
    return out


def apply_suppressions(findings: list[Finding], sups: list[Suppression], known: set[str],
                       switched_off: Callable[[str], bool]) -> tuple[list[Finding], list[Finding]]:
    """Mark each finding a suppression with a reason covers; report suppressions without a reason or unused."""
    used: set[tuple[int, str]] = set()
    out = []
    index: dict[tuple[str, int | None], list[int]] = {}  # (check, paragraph or None: whole document) -> suppressions
    ranged: dict[str, list[int]] = {}  # check -> `disable` ... `enable` ranges (few: looked at one by one)
    for n, s in enumerate(sups):
        for cid in s.checks if s.reason else ():
            if s.ranged:
                ranged.setdefault(cid, []).append(n)
            elif not s.next_paragraph or s.paragraph is not None:
                index.setdefault((cid, s.paragraph if s.next_paragraph else None), []).append(n)
    for f in findings:  # each finding looks up its suppressions, not every suppression
        hits = sorted(index.get((f.check_id, None), []) + (index.get((f.check_id, f.paragraph), [])
                                                           if f.paragraph is not None else [])
                      + [n for n in ranged.get(f.check_id, ()) if sups[n].covers(f)])
        used.update((n, f.check_id) for n in hits)
        out.append(dataclasses.replace(f, suppressed=True, suppression_reason=sups[hits[0]].reason) if hits else f)
    meta = []
    for n, s in enumerate(sups):
        if not s.reason:
            meta.append(meta_finding(NO_REASON, f"{', '.join(s.checks)} at {s.where}", s.paragraph, s.start,
                                     s.end, s.excerpt))
            continue
        for cid in s.checks:
            if (n, cid) not in used:
                meta.append(meta_finding(UNUSED, _unused_detail(s, cid, known, switched_off), s.paragraph,
                                         s.start, s.end, s.excerpt))
    return out, meta


def _unused_detail(s: Suppression, cid: str, known: set[str], switched_off: Callable[[str], bool]) -> str:
    if cid not in known:
        return f"{cid!r} at {s.where} is not a check (see `sourcing-audit rules list`)"
    if switched_off(cid):
        return f"{cid} at {s.where}: the settings switch this check off here"
    if s.next_paragraph and s.paragraph is None:
        return f"{cid} at {s.where}: there is no such paragraph after it"
    where = f" in paragraph {s.paragraph}" if s.next_paragraph else ""
    return f"{cid} at {s.where}: no finding of this check{where}"


def meta_finding(check_id: str, detail: str, paragraph: int | None, start: int, end: int, excerpt: str) -> Finding:
    c = META_CHECKS[check_id]
    return Finding(c.id, "warning", f"{c.message} ({detail})", c.why, c.fix, None, paragraph, start, end,
                   clip(excerpt, 200))
