"""Markdown to a view of the same length: the markup blanked to spaces from markdown-it-py's tokens, so
every offset, line and column points into the file as written (see audit.read.inputs)."""
from __future__ import annotations

from typing import Any

from audit.errors import InputError
from audit.rules.cache import code_pattern

_LINE_BREAK = code_pattern(r"\r\n|\r|\n")
_BLANKED_RULES = ("backticks", "image", "autolink", "html_inline")  # whole span is markup


class _Spans:
    """What the inline rules consumed in one inline token's content (offsets into that content)."""

    def __init__(self, tokens: list[Any]) -> None:
        self.tokens = tokens  # held so that its id stays unique while the parse runs
        self.links: list[tuple[int, int]] = []  # blanked first, then the labels shown again
        self.labels: list[tuple[int, int]] = []
        self.markup: list[tuple[int, int]] = []
        self.delimiters: list[tuple[Any, int, int]] = []
        self.replace: dict[int, str] = {}  # offset -> what the view shows there instead
        self.in_link = 0


def _spans(state: Any) -> _Spans:
    table = state.env.setdefault("_audit_spans", {})
    if id(state.tokens) not in table:
        table[id(state.tokens)] = _Spans(state.tokens)
    spans: _Spans = table[id(state.tokens)]
    return spans


def _recording(name: str, rule: Any) -> Any:
    def wrapped(state: Any, silent: bool) -> bool:
        start, count = state.pos, len(state.tokens)
        spans = _spans(state)
        spans.in_link += name == "link" and not silent
        try:
            ok = bool(rule(state, silent))
        finally:
            spans.in_link -= name == "link" and not silent
        if ok and not silent:
            _record(name, spans, state, start, state.tokens[count:])
        return ok

    return wrapped


def _record(name: str, spans: _Spans, state: Any, start: int, new: list[Any]) -> None:
    end = state.pos
    if name == "link":
        spans.links.append((start, end))
    elif name in _BLANKED_RULES:
        spans.markup.append((start, end))
    elif name == "emphasis":  # one text token per marker; markup if the pairing used it
        for i, token in enumerate(new[-(end - start):]):
            spans.delimiters.append((token, start + i, start + i + 1))
    elif name == "escape":
        spans.markup.append((start, start + 1))  # the backslash
    elif name == "entity" and new and len(new[-1].content) <= end - start:
        shown = new[-1].content
        spans.replace.update({start + i: ch for i, ch in enumerate(shown.ljust(end - start))})


def _recording_tokenize(tokenize: Any) -> Any:
    def wrapped(state: Any) -> None:
        spans = _spans(state)
        if spans.in_link:
            spans.labels.append((state.pos, state.posMax))
        tokenize(state)

    return wrapped


def _used_delimiters(state: Any) -> None:
    """After emphasis pairing: a marker token that became em/strong (or was emptied) is markup."""
    spans = _spans(state)
    for token, start, end in spans.delimiters:
        if token.type != "text" or token.content == "":
            spans.markup.append((start, end))
    spans.delimiters.clear()


def _parser() -> Any:
    from markdown_it import MarkdownIt
    from mdit_py_plugins.front_matter import front_matter_plugin

    md = MarkdownIt("commonmark").enable("table").use(front_matter_plugin)
    md.disable("text_join")  # it swaps each inline token's children list, which keys the recorded spans
    for rule in md.inline.ruler.__rules__:
        md.inline.ruler.at(rule.name, _recording(rule.name, rule.fn))
    md.inline.ruler2.before("fragments_join", "audit_delimiters", _used_delimiters)
    md.inline.tokenize = _recording_tokenize(md.inline.tokenize)  # type: ignore[method-assign]
    return md


def markdown_view(source: str, name: str = "<markdown>") -> str:
    """The prose of a Markdown file at the offsets where it stands, markup blanked (see the docstring)."""
    env: dict[str, Any] = {}
    tokens = _parser().parse(source, env)
    lines = _lines(source)
    view = [ch if ch in "\r\n" else " " for ch in source]
    cursors: dict[int, int] = {}  # line -> where the next cell of a table row is looked for
    for token in tokens:
        if token.type == "inline" and token.map:
            spans = env.get("_audit_spans", {}).get(id(token.children))
            _show(view, source, lines, cursors, token.content, token.map[0], spans)
    text = "".join(view)
    if not text.strip():
        raise InputError(f"{name}: no prose in the Markdown (only markup, code or front matter)")
    return text


def _lines(source: str) -> list[tuple[int, int, int]]:
    """(start, end, end of the line break) of each line, as markdown-it counts lines."""
    out, start = [], 0
    for m in _LINE_BREAK.finditer(source):
        out.append((start, m.start(), m.end()))
        start = m.end()
    out.append((start, len(source), len(source)))
    return out


def _show(view: list[str], source: str, lines: list[tuple[int, int, int]], cursors: dict[int, int],
          content: str, first_line: int, spans: _Spans | None) -> None:
    """Copy one inline token's content into the view where it stands in the file, less its markup."""
    where: list[int | None] = []  # content offset -> file offset (None: not found in the file)
    breaks: dict[int, tuple[int, int]] = {}  # content offset of a line break -> its span in the file
    for i, part in enumerate(content.split("\n")):
        n = first_line + i
        start, end, brk = lines[n] if n < len(lines) else (0, 0, 0)
        col = source.find(part, cursors.get(n, start), end) if n < len(lines) else -1
        if col < 0:
            where.extend([None] * (len(part) + 1))
            continue
        cursors[n] = col + len(part)
        where.extend(range(col, col + len(part)))
        breaks[len(where)] = (end, brk)
        where.append(None)
    spans = spans or _Spans([])
    shown = [True] * len(content)
    for runs, value in ((spans.links, False), (spans.labels, True), (spans.markup, False)):
        for a, b in runs:
            shown[a:b] = [value] * (b - a)
    for c, pos in enumerate(where[:len(content)]):
        if c in breaks:  # a line break inside one paragraph (or heading, or cell): the lines join
            end, brk = breaks[c]
            view[end:brk] = [" "] * (brk - end)
        elif pos is not None and shown[c]:
            view[pos] = spans.replace.get(c, content[c])


_CLOSING = set(",.;:!?)]}»”’")
_SPACE = code_pattern(r"\s+")


def shown_span(raw: str, view: str, start: int, end: int) -> str:
    """What a reader sees of [start, end) in a Markdown file, for display (offsets are untouched): a run of
    blanks that hides markup is one space where the file has white space (or a line break) in it ("after
    **two**" -> "after two"), and nothing where the markup touches the words or closing punctuation follows
    ("[statement](url \"S\")," -> "statement,"); white space folded."""
    shown, file = view[start:end], raw[start:end]
    if shown == file:  # no markup in the span
        return " ".join(shown.split())
    out: list[str] = []
    pos = 0
    for m in _SPACE.finditer(shown):
        out.append(shown[pos:m.start()])
        run = file[m.start():m.end()]
        closes = m.end() < len(shown) and shown[m.end()] in _CLOSING
        if run == m.group() or (_SPACE.search(run) is not None and not closes):
            out.append(" ")
        pos = m.end()
    out.append(shown[pos:])
    return " ".join("".join(out).split())
