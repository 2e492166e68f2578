"""Suppression comments as the Markdown and HTML parsers read them, through the real entry point: a comment in
a code fence or inline code is code, `disable` ... `enable` is a range, and a comment that cannot be read
says why."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

from audit.read.comments import find_comments

REPO = Path(__file__).resolve().parents[1]
ANON = "Officials said the plan failed."  # anonymous-bare, anonymous-no-reason


def run(*args: str | Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "audit", *map(str, args)], capture_output=True, text=True,
                          cwd=REPO, timeout=120)


def _doc(path: Path) -> dict[str, Any]:
    proc = run("check", "--format", "json", path)
    assert proc.returncode in (0, 1), proc.stderr
    (doc,) = json.loads(proc.stdout)["documents"]
    return doc


def _suppressed(doc: dict[str, Any], check: str) -> dict[int, bool]:
    """Paragraph -> whether the check's finding there is suppressed."""
    return {f["paragraph"]: f["suppressed"] for f in doc["findings"] if f["check_id"] == check}


def test_a_suppression_in_a_code_fence_or_inline_code_is_not_honoured(tmp_path: Path) -> None:
    path = tmp_path / "a.md"
    path.write_text(f"{ANON}\n\n"
                    "```html\n<!-- sourcing-audit: disable anonymous-bare -- reason: in a fence -->\n```\n\n"
                    "Write `<!-- sourcing-audit: disable anonymous-bare -- reason: inline code -->` to suppress.\n",
                    encoding="utf-8")
    doc = _doc(path)
    assert _suppressed(doc, "anonymous-bare") == {1: False}
    assert not [f for f in doc["findings"] if f["check_id"].startswith("suppression-")]  # not even unused
    path.write_text(path.read_text(encoding="utf-8") +
                    "\n<!-- sourcing-audit: disable anonymous-bare -- reason: a real comment -->\n", encoding="utf-8")
    assert _suppressed(_doc(path), "anonymous-bare") == {1: True}


def test_disable_and_enable_make_a_range(tmp_path: Path) -> None:
    path = tmp_path / "a.md"
    path.write_text(f"{ANON}\n\n"
                    "<!-- sourcing-audit: disable anonymous-bare, anonymous-no-reason -- reason: desk approved -->\n"
                    "A former aide said the vote was rigged.\n\nTwo officials said the bridge was late.\n\n"
                    "<!-- sourcing-audit: enable anonymous-bare -->\n"
                    "Sources said the mayor lied.\n", encoding="utf-8")
    doc = _doc(path)
    assert _suppressed(doc, "anonymous-bare") == {1: False, 2: True, 3: True, 4: False}
    assert _suppressed(doc, "anonymous-no-reason") == {1: True, 2: True, 3: True, 4: True}  # no enable: all of it


def test_a_malformed_comment_says_why(tmp_path: Path) -> None:
    path = tmp_path / "a.md"
    path.write_text(f"{ANON}\n\n<!-- sourcing-audit: disabel anonymous-bare -- reason: typo -->\n\n"
                    "<!-- sourcing-audit: disable anonymous bare -->\n\n"
                    "<!-- sourcing-audit: enable quote-unattributed -->\n", encoding="utf-8")
    proc = run("check", path)
    assert f"{path}:3:1: warning suppression-invalid a sourcing-audit comment that cannot be read (at {path}:3:1: " \
           "unknown word 'disabel' after 'sourcing-audit:' (expected disable, disable-next or enable))" in proc.stdout
    assert f"(at {path}:5:1: 'anonymous bare': separate check ids with commas" in proc.stdout
    assert f"(at {path}:7:1: 'enable quote-unattributed' with no 'disable' of it before)" in proc.stdout


def test_html_comments_from_the_tokenizer(tmp_path: Path) -> None:
    path = tmp_path / "a.html"
    body = " ".join([ANON] * 3)
    path.write_text("<html><body><article>"
                    "<script>var x = '<!-- sourcing-audit: disable anonymous-bare -- reason: in a script -->';</script>"
                    f"<p>{body}</p><p>The council met on Tuesday to discuss the bridge and its cost overruns.</p>"
                    "</article></body></html>\n", encoding="utf-8")
    assert set(_suppressed(_doc(path), "anonymous-bare").values()) == {False}
    path.write_text(path.read_text(encoding="utf-8").replace(
        "<article>", "<article><!-- sourcing-audit: disable anonymous-bare -- reason: approved -->"), encoding="utf-8")
    assert set(_suppressed(_doc(path), "anonymous-bare").values()) == {True}


def test_comment_positions_point_into_the_file() -> None:
    md = "Text <!-- one --> more.\n\n```\n<!-- fenced -->\n```\n\n> <!-- quoted -->\n"
    assert [(c.body, c.line, c.column, md[c.start:c.end]) for c in find_comments(md, "markdown")] == [
        (" one ", 1, 6, "<!-- one -->"), (" quoted ", 7, 3, "<!-- quoted -->")]
    page = "<p>a</p>\n<style>/* <!-- no --> */</style>\n  <!--\nyes\n-->"
    assert [(c.body, c.line, c.column) for c in find_comments(page, "html")] == [("\nyes\n", 3, 3)]
    assert find_comments("<!-- x -->", "text") == ()
