"""Inputs to text: paths (files, folders, globs, stdin) and each format (text, Markdown, HTML, Word)."""
from __future__ import annotations

import html
import json
import re
import subprocess
import sys
from pathlib import Path

import docx
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from audit.errors import InputError
from audit.pipeline import audit_text
from audit.read.inputs import expand_paths, load_source
from audit.read.markdown import markdown_view

REPO = Path(__file__).resolve().parents[1]
SEED = REPO / "seeds" / "putin-trump-tomahawk.txt"
DRAFT = REPO / "tests" / "fixtures" / "draft.md"


def run(*args: str | Path, stdin: bytes | None = None) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run([sys.executable, "-m", "audit", *map(str, args)], input=stdin, capture_output=True,
                          check=False, cwd=REPO, timeout=120)


def labels(path: Path) -> list[tuple[str, str]]:
    src = load_source(str(path))
    return [(ls.statement.text, ls.label.value) for ls in audit_text(src.text, src.name).statements]


def seed_paragraphs() -> list[str]:
    return [line for line in SEED.read_text(encoding="utf-8").split("\n") if line.strip()]


def write_docx(path: Path, paragraphs: list[str]) -> Path:
    document = docx.Document()
    for p in paragraphs:
        document.add_paragraph(p)
    document.save(str(path))
    return path


def write_html(path: Path, paragraphs: list[str]) -> Path:
    body = "\n".join(f"<p>{html.escape(p)}</p>" for p in paragraphs)
    path.write_text("<html><head><title>Tomahawks</title><script>var tracker = 'MENU-SCRIPT';</script>"
                    "<nav>menu</nav></head><body><nav><a href='/'>Home</a> <a href='/world'>World</a></nav>"
                    f"<article>{body}</article><footer>Copyright footer text</footer></body></html>",
                    encoding="utf-8")
    return path


def touch(path: Path, text: str = "Officials said the plan changed.\n") -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


# --- expand_paths ------------------------------------------------------------------------------------

def test_folder_is_walked_recursively_sorted_without_hidden_or_other_files(tmp_path: Path) -> None:
    for name in ("b.md", "a.txt", "sub/c.html", "sub/d.docx", "sub/e.htm", "z.markdown", ".hidden/x.txt",
                 ".secret.txt", "notes.pdf", "image.png"):
        touch(tmp_path / name)
    got = [Path(p).relative_to(tmp_path).as_posix() for p in expand_paths([str(tmp_path)])]
    assert got == ["a.txt", "b.md", "sub/c.html", "sub/d.docx", "sub/e.htm", "z.markdown"]


def test_globs_expand_recursively_and_keep_argument_order(tmp_path: Path) -> None:
    touch(tmp_path / "one.txt")
    touch(tmp_path / "deep" / "two.md")
    touch(tmp_path / "deep" / "deeper" / "three.md")
    got = expand_paths([str(tmp_path / "**" / "*.md"), str(tmp_path / "one.txt")])
    assert [Path(p).relative_to(tmp_path).as_posix() for p in got] == [
        "deep/deeper/three.md", "deep/two.md", "one.txt"]


def test_duplicates_are_removed_keeping_the_first(tmp_path: Path) -> None:
    a = touch(tmp_path / "a.txt")
    b = touch(tmp_path / "b.txt")
    got = expand_paths([str(b), str(tmp_path), str(tmp_path / "." / "a.txt"), str(tmp_path / "*.txt")])
    assert got == [str(b), str(a)]


def test_missing_path_and_stdin_are_kept_as_given(tmp_path: Path) -> None:
    missing = str(tmp_path / "nowhere.txt")
    assert expand_paths(["-", missing]) == ["-", missing]


@pytest.mark.parametrize("pattern", ["*.nothing", "empty-folder"], ids=["glob", "folder"])
def test_folder_or_glob_matching_nothing_is_an_error(tmp_path: Path, pattern: str) -> None:
    (tmp_path / "empty-folder").mkdir()
    touch(tmp_path / "empty-folder" / "notes.pdf")
    with pytest.raises(InputError, match=r"no article file|matches no article"):
        expand_paths([str(tmp_path / pattern)])


# --- plain text --------------------------------------------------------------------------------------

@pytest.mark.parametrize("name", ["article.txt", "article.story"], ids=["txt", "unknown-extension"])
def test_plain_text_is_read_unchanged(tmp_path: Path, name: str) -> None:
    text = "Officials said the plan changed.\r\nIt was *not* Markdown.\n"
    path = tmp_path / name
    path.write_bytes(text.encode("cp1252"))
    src = load_source(str(path), encoding="cp1252")
    assert (src.name, src.text, src.format, src.raw) == (str(path), text, "text", text)


def test_missing_file_is_one_clear_line(tmp_path: Path) -> None:
    with pytest.raises(InputError, match=r"nowhere\.md: no such file"):
        load_source(str(tmp_path / "nowhere.md"))


# --- HTML and Word: the same labels as the plain text ------------------------------------------------

def test_html_gives_the_seed_labels_without_scripts_or_navigation(tmp_path: Path) -> None:
    path = write_html(tmp_path / "seed.html", seed_paragraphs())
    src = load_source(str(path))
    assert (src.format, src.raw) == ("html", None)
    for boilerplate in ("MENU-SCRIPT", "menu", "Home", "Copyright footer"):
        assert boilerplate not in src.text
    assert src.text.split("\n") == seed_paragraphs()
    assert labels(path) == labels(SEED)


def test_docx_gives_the_seed_labels(tmp_path: Path) -> None:
    path = write_docx(tmp_path / "seed.docx", seed_paragraphs())
    src = load_source(str(path))
    assert (src.format, src.raw) == ("docx", None)
    assert labels(path) == labels(SEED)


def test_html_without_article_text_is_an_error(tmp_path: Path) -> None:
    path = tmp_path / "empty.html"
    path.write_text("<html><head><script>var x = 1;</script></head><body></body></html>", encoding="utf-8")
    with pytest.raises(InputError, match="no article text"):
        load_source(str(path))


@pytest.mark.parametrize("data", [b"this is not a zip file at all", b"PK\x03\x04broken zip"],
                         ids=["text-named-docx", "broken-zip"])
def test_unreadable_docx_is_one_clear_line(tmp_path: Path, data: bytes) -> None:
    path = tmp_path / "draft.docx"
    path.write_bytes(data)
    with pytest.raises(InputError, match=r"draft\.docx: not a readable Word document") as err:
        load_source(str(path))
    assert "\n" not in str(err.value)
    proc = run("check", path)
    assert proc.returncode == 2
    assert b"Traceback" not in proc.stderr
    assert proc.stderr.decode().strip().splitlines() == [f"sourcing-audit: {err.value}"]


# --- Markdown: same length, offsets into the file ----------------------------------------------------

def test_markdown_view_has_the_file_length_and_its_line_breaks() -> None:
    raw = DRAFT.read_text(encoding="utf-8")
    src = load_source(str(DRAFT))
    assert (src.format, src.raw) == ("markdown", raw)
    assert len(src.text) == len(raw)
    for markup in ("#", "*", "](", "https://", "![", "|", "`", "<!--", "---", "title:", "Editor's note", ">"):
        assert markup not in src.text, markup
    # soft breaks inside a paragraph become spaces; every other line break stays
    assert src.text.count("\n") < raw.count("\n")
    assert all(v == r for v, r in zip(src.text, raw) if v == "\n")


def test_markdown_statements_point_into_the_file_as_written() -> None:
    raw = DRAFT.read_text(encoding="utf-8")
    src = load_source(str(DRAFT))
    doc = audit_text(src.text, src.name)
    file_lines = raw.split("\n")
    for ls in doc.statements:
        s = ls.statement
        assert s.text == src.text[s.start:s.end]
        for word in re.finditer(r"\S+", s.text):  # each visible word stands at that place in the file
            assert raw[s.start + word.start():s.start + word.end()] == word.group()
        line = raw.count("\n", 0, s.start)
        first_word = s.text.split()[0]
        assert file_lines[line][s.start - (raw.rfind("\n", 0, s.start) + 1):].startswith(first_word)


def test_markdown_headings_stand_alone_and_wrapped_paragraphs_stay_whole() -> None:
    src = load_source(str(DRAFT))
    texts = [" ".join(ls.statement.text.split()) for ls in audit_text(src.text, src.name).statements]
    assert texts[0] == "Council delays the harbour bridge vote"
    assert "What happens next" in texts
    assert ("The city council postponed its vote on the harbour bridge on Tuesday, the mayor's office said "
            "in a statement , after two members asked for a new cost estimate.") in texts
    assert ("A person familiar with the talks, who was not authorised to speak publicly, said the vote could "
            "slip to next month .") in texts
    assert "Bridge deck 40 million" in texts


def test_markdown_labels_follow_the_prose() -> None:
    src = load_source(str(DRAFT))
    by_text = {" ".join(ls.statement.text.split())[:40]: ls.label.value
               for ls in audit_text(src.text, src.name).statements}
    assert by_text["A person familiar with the talks, who wa"] == "anonymous-source"
    # GUIDELINES: a report in another outlet ("a CNN report said") is secondhand, not a public document
    assert by_text["According to a report in the Harbour Gaz"] == "secondhand-report"


@pytest.mark.parametrize("source, shown", [
    ("Rates rose 3&nbsp;% &amp; more.\n", "Rates rose 3\u00a0     % &     more.\n"),
    ("A \\*starred\\* word.\n", "A  *starred * word.\n"),
    ("Line one ends here  \nline two.\n", "Line one ends here   line two.\n"),
    ("Said <span>she</span> did.\n", "Said       she        did.\n"),
    ("See [the *report*][r].\n\n[r]: https://example.org\n", "See  the  report     .\n\n                        \n"),
    ("Title\r\n=====\r\n\r\nBody text.\r\n", "Title\r\n     \r\n\r\nBody text.\r\n"),
], ids=["entities", "escapes", "hard-break", "inline-html", "reference-link", "crlf-setext"])
def test_markdown_markup_is_blanked_in_place(source: str, shown: str) -> None:
    assert markdown_view(source) == shown


def test_markdown_without_prose_is_an_error() -> None:
    with pytest.raises(InputError, match="no prose"):
        markdown_view("```\ncode only\n```\n", "code.md")


# --- standard input and several inputs through the CLI -----------------------------------------------

def _documents(proc: subprocess.CompletedProcess[bytes]) -> dict:
    return json.loads(proc.stdout)


def test_stdin_markdown_through_the_cli_matches_the_file() -> None:
    piped = run("check", "-", "--stdin-filename", "draft.md", "--format", "json", stdin=DRAFT.read_bytes())
    direct = run("check", DRAFT, "--format", "json")
    assert piped.returncode == direct.returncode and piped.returncode in (0, 1), piped.stderr
    got, want = _documents(piped)["documents"], _documents(direct)["documents"]
    assert [d["path"] for d in got] == ["draft.md"]
    strip = [dict(s) for s in want[0]["statements"]]
    assert got[0]["statements"] == strip


def test_stdin_uses_the_encoding_and_defaults_to_plain_text() -> None:
    text = "Le ministre a déclaré que le plan avait changé.\n"
    proc = run("check", "-", "--encoding", "cp1252", "--format", "json", stdin=text.encode("cp1252"))
    doc = _documents(proc)["documents"][0]
    assert doc["path"] == "<stdin>"
    assert doc["statements"][0]["text"] == text.strip()


def test_stdin_docx_through_the_cli(tmp_path: Path) -> None:
    path = write_docx(tmp_path / "seed.docx", seed_paragraphs())
    proc = run("check", "-", "--stdin-filename", "seed.docx", "--format", "json", stdin=path.read_bytes())
    got = [(s["text"], s["label"]) for s in _documents(proc)["documents"][0]["statements"]]
    assert got == labels(SEED)


def test_one_unreadable_file_among_several(tmp_path: Path) -> None:
    good = touch(tmp_path / "a-good.txt", SEED.read_text(encoding="utf-8"))
    bad = tmp_path / "b-bad.txt"
    bad.write_bytes(b"\x00\x01binary")
    md = tmp_path / "c-draft.md"
    md.write_bytes(DRAFT.read_bytes())
    missing = tmp_path / "d-missing.txt"
    proc = run("check", tmp_path, missing, "--format", "json")
    assert proc.returncode == 2
    out = _documents(proc)
    assert [d["path"] for d in out["documents"]] == [str(good), str(md)]
    assert [e["path"] for e in out["errors"]] == [str(bad), str(missing)]
    lines = proc.stderr.decode().strip().splitlines()
    assert len(lines) == 2 and all(line.startswith("sourcing-audit: ") for line in lines)
    assert "Traceback" not in proc.stderr.decode()


def test_markdown_line_break_inside_inline_code_still_joins_the_paragraph() -> None:
    view = markdown_view("The file `draft\nfinal.md` was sent\nto the desk.\n")
    assert view == "The file " + " " * len("`draft\nfinal.md`") + " was sent to the desk.\n"


MARKDOWN_PIECES = st.sampled_from([
    "# ", "## ", "> ", "- ", "1. ", "*", "**", "_", "`", "```\n", "[", "](", ")", "![", "<b>", "</b>", "<!--", "-->",
    "\\", "|", "---\n", "|---|\n", "\n", "\r\n", "\r", "\n\n", "  ", "\t",
    "Officials", " said", " the", " plan", ".", ",", "“", "”", "é",
])


@settings(deadline=None, max_examples=300)
@given(st.lists(MARKDOWN_PIECES, max_size=60).map("".join))
def test_markdown_view_keeps_length_and_only_shows_file_text(source: str) -> None:
    try:
        view = markdown_view(source)
    except InputError:
        return  # nothing but markup
    assert len(view) == len(source)
    for v, r in zip(view, source):
        assert v in (r, " "), (v, r)  # the file's own character, or markup blanked (entities: tested above)
