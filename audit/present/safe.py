"""Text from an article or a file name made safe for an output: a hostile article must not be able to break one.

- `visible`: control characters shown as visible symbols (ESC as ␛), so an article cannot clear a terminal,
  move its cursor or hide text (also the bidirectional overrides of "Trojan source" text);
- `xml_text`: the characters XML 1.0 forbids (every C0 control but tab, newline and carriage return, lone
  surrogates, U+FFFE and U+FFFF) shown the same way, so JUnit output stays well-formed.
The Markdown format escapes its own cells (audit.present.formats.markdown).
"""
from __future__ import annotations

import re

from audit.rules.cache import code_pattern

_CONTROL = code_pattern(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
_XML_FORBIDDEN = code_pattern(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def _symbol(m: re.Match[str]) -> str:
    c = ord(m.group())
    if c < 0x20:
        return chr(0x2400 + c)  # the Unicode control pictures: ␀ ␇ ␛ …
    if c == 0x7F:
        return "\u2421"  # ␡
    return f"\\u{c:04x}" if c > 0xFF else f"\\x{c:02x}"


def visible(text: str) -> str:
    """Control characters (tab and newline aside) as visible symbols, for a terminal or a log."""
    return _CONTROL.sub(_symbol, text)


def xml_text(text: str) -> str:
    """Text XML 1.0 can hold: its forbidden characters as visible symbols."""
    return _XML_FORBIDDEN.sub(_symbol, text)
