"""The words of a suppression comment, `sourcing-audit: VERB CHECK[, CHECK] [-- reason: WHY]`, read strictly so
that a comment the tool cannot read says why (the writer believes it suppresses something)."""
from __future__ import annotations

import re
from dataclasses import dataclass

from audit.rules.cache import code_pattern

VERBS = ("disable", "disable-next", "enable")
_HEAD = code_pattern(r"\s*sourcing-audit\b", re.IGNORECASE)
_ID = code_pattern(r"[a-z0-9][a-z0-9-]*\Z")
_REASON = code_pattern(r"\s*(?:--\s*(?:reason\s*:)?|reason\s*:)(?P<reason>.*)\Z", re.DOTALL | re.IGNORECASE)


@dataclass(frozen=True)
class Directive:
    verb: str  # disable | disable-next | enable
    checks: tuple[str, ...]
    reason: str | None


def is_directive(body: str) -> bool:
    """A comment meant for this tool: it opens with `sourcing-audit` (then it must be readable)."""
    return _HEAD.match(body) is not None


def parse_directive(body: str) -> Directive | str:
    """The directive in a comment's body (after `<!--`, before `-->`), or why it cannot be read."""
    head = _HEAD.match(body)
    assert head is not None
    rest = body[head.end():].lstrip()
    if not rest.startswith(":"):
        return "expected a colon after 'sourcing-audit' (sourcing-audit: disable CHECK -- reason: WHY)"
    rest = rest[1:].strip()
    verb, _, rest = rest.partition(" ")
    if not verb:
        return "nothing after 'sourcing-audit:' (expected disable, disable-next or enable, then check ids)"
    if verb not in VERBS:
        return f"unknown word {verb!r} after 'sourcing-audit:' (expected disable, disable-next or enable)"
    split = min((m.start() for m in re.finditer(r"--|\breason\s*:", rest, re.IGNORECASE)), default=len(rest))
    ids_text, tail = rest[:split], rest[split:]
    reason_at = _REASON.match(tail) if tail else None
    if tail and reason_at is None:
        return f"cannot read the reason {tail.strip()!r} (write -- reason: WHY)"
    ids = [i.strip() for i in ids_text.split(",")]
    if not any(ids):
        return f"{verb!r} needs at least one check id (sourcing-audit: {verb} CHECK)"
    spaced = [i for i in ids if len(i.split()) > 1]
    if spaced:
        return f"{spaced[0]!r}: separate check ids with commas, and give the reason after '--'"
    bad = [i for i in ids if not _ID.match(i)]
    if bad:
        return f"{bad[0]!r} is not a check id (ids are lower-case words joined by hyphens, separated by commas)"
    reason = reason_at.group("reason").strip() if reason_at else ""
    return Directive(verb, tuple(dict.fromkeys(ids)), reason or None)
