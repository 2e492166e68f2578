"""Outputs a hostile article or file name must not break (issue 14): JUnit stays XML, Markdown holds no raw tag,
the terminal gets no escape sequence, -o writes regular files only, SIGTERM leaves no temporary file, and
settings discovery stops at the repository's root."""
from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path

import pytest
from test_hostile_input import within_10_s

from audit.present.safe import visible, xml_text

ARTICLE = ("Officials said the \x1b[2J plan \x0b would \x07 pass, \x1b]0;owned\x07 a senior aide said.\n\n"
           "\x1b[2J\x1b[31mAnonymous officials\x1b[0m said the vote was rigged.\n")


def run(*args: str | Path, cwd: Path, home: Path | None = None) -> subprocess.CompletedProcess[str]:
    return within_10_s(lambda: subprocess.run([sys.executable, "-m", "audit", *map(str, args)], capture_output=True,
                                              text=True, cwd=cwd, timeout=60,
                                              env={**os.environ, "HOME": str(home or cwd)}))


@pytest.fixture
def work(tmp_path: Path) -> Path:
    (tmp_path / ".git").mkdir()
    return tmp_path


def test_visible_and_xml_text() -> None:
    assert visible("a\x1b[2Jb\x07\x7f\u202e") == "a\u241b[2Jb\u2407\u2421\\u202e"
    assert visible("tab\tand\nnew line") == "tab\tand\nnew line"
    assert xml_text("a\x1bb\x0bc\ttab\ufffe") == "a\u241bb\u240bc\ttab\\ufffe"


def test_junit_of_control_characters_parses_as_xml(work: Path) -> None:
    name = "esc\x1b[31m\x0b\x07.txt"
    (work / name).write_text(ARTICLE, encoding="utf-8")
    proc = run("check", "--format", "junit", name, cwd=work)
    assert proc.returncode in (0, 1), proc.stderr
    root = ET.fromstring(proc.stdout)  # raises on a character XML 1.0 forbids
    suite = root.find("testsuite")
    assert suite is not None and suite.get("name") == "esc\u241b[31m\u240b\u2407.txt"


def test_terminal_output_shows_control_characters_visibly(work: Path) -> None:
    name = "name\x1b[2J.txt"
    (work / name).write_text(ARTICLE, encoding="utf-8")
    proc = run("check", name, cwd=work)
    assert proc.returncode in (0, 1), proc.stderr
    assert "\x1b" not in proc.stdout and "\x07" not in proc.stdout
    assert "name\u241b[2J.txt:1:1:" in proc.stdout
    assert "most relied on: " in proc.stdout


def test_an_error_line_shows_control_characters_visibly(work: Path) -> None:
    proc = run("check", "gone\x1bc.txt", cwd=work)
    assert proc.returncode == 2
    assert proc.stderr.strip() == "sourcing-audit: gone\u241bc.txt: no such file"


def test_markdown_of_a_file_named_with_a_new_line_and_a_tag_holds_no_raw_tag(work: Path) -> None:
    name = "draft\n<img src=x onerror=alert(1)>.txt"
    (work / name).write_text(ARTICLE, encoding="utf-8")
    proc = run("check", "--format", "markdown", name, cwd=work)
    assert proc.returncode in (0, 1), proc.stderr
    assert "<img" not in proc.stdout and "&lt;img src=x onerror=alert(1)&gt;" in proc.stdout
    rows = [line for line in proc.stdout.splitlines() if line.startswith("| ") and "REVIEW" in line + "FAIL"]
    assert rows and all(line.count(" | ") >= 4 for line in rows)  # the name did not break its table row


@pytest.mark.parametrize("kind", ["fifo", "device"])
def test_output_onto_a_fifo_or_a_device_is_refused(work: Path, kind: str) -> None:
    (work / "a.txt").write_text(ARTICLE, encoding="utf-8")
    target = work / "out.json"
    if kind == "fifo":
        os.mkfifo(target)
    else:
        target = Path("/dev/null")
    proc = run("check", "-o", f"json={target}", "a.txt", cwd=work)
    assert proc.returncode == 2 and "Traceback" not in proc.stderr
    assert proc.stderr.strip().splitlines() == [f"sourcing-audit: {target}: is not a regular file (a device, named "
                                                "pipe or socket); outputs are written to regular files only: leave "
                                                "out -o to write to standard output"]
    assert not target.is_file()  # still a FIFO or a device, not replaced


def test_output_through_a_symbolic_link_writes_its_target(work: Path) -> None:
    (work / "a.txt").write_text(ARTICLE, encoding="utf-8")
    (work / "real.json").write_text("old", encoding="utf-8")
    (work / "link.json").symlink_to("real.json")
    proc = run("check", "-o", "json=link.json", "a.txt", cwd=work)
    assert proc.returncode in (0, 1), proc.stderr
    assert (work / "link.json").is_symlink()
    assert '"documents"' in (work / "real.json").read_text(encoding="utf-8")


def test_sigterm_while_writing_leaves_no_temporary_file(work: Path) -> None:
    """SIGTERM arrives after the temporary file is made and before the rename (while the data is encoded)."""
    script = textwrap.dedent(f"""
        import os, signal, sys
        from audit.cli import _terminated
        from audit.present.files import write_atomic
        signal.signal(signal.SIGTERM, _terminated)
        class Slow(str):
            def encode(self, *a, **k):
                os.kill(os.getpid(), signal.SIGTERM)
                return str.encode(self, *a, **k)
        try:
            write_atomic({str(work / "out.pdf")!r}, Slow("data"))
        except BaseException as exc:
            sys.exit(type(exc).__name__)
    """)
    proc = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=60)
    assert proc.stderr.strip() == "_Terminated"
    assert sorted(p.name for p in work.iterdir()) == [".git"]


def _catches_sigterm(pid: int) -> bool:
    """Linux: the process has a handler for SIGTERM (bit 15 of SigCgt in /proc/PID/status)."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("SigCgt:"):
            return bool(int(line.split()[1], 16) >> (signal.SIGTERM - 1) & 1)
    return False


def test_sigterm_to_the_cli_exits_143(work: Path) -> None:
    (work / "a.txt").write_text(ARTICLE * 1500, encoding="utf-8")  # 3,000 paragraphs: several seconds to check
    proc = subprocess.Popen([sys.executable, "-m", "audit", "check", "-o", "json=out.json", "a.txt"], cwd=work,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    import time

    deadline = time.monotonic() + 60
    while not _catches_sigterm(proc.pid) and time.monotonic() < deadline:  # the handler is installed
        time.sleep(0.05)
    proc.send_signal(signal.SIGTERM)
    _, err = proc.communicate(timeout=60)
    assert proc.returncode == 143 and err.strip() == "sourcing-audit: terminated"
    assert [p.name for p in work.iterdir() if p.name.startswith(".out.json")] == []


def test_settings_discovery_stops_at_the_repository_root(work: Path) -> None:
    (work / ".sourcing-audit.yaml").write_text("fail-on: never\n", encoding="utf-8")  # above the repository
    repo = work / "repo"
    (repo / ".git").mkdir(parents=True)
    (repo / "a.txt").write_text("Anonymous officials said the vote was rigged, a source said.\n", encoding="utf-8")
    proc = run("config", "show", "a.txt", cwd=repo, home=work)
    assert "the defaults (no settings file found)" in proc.stdout, proc.stdout
    (repo / ".git").rmdir()  # no repository: the walk goes on up to the home folder
    proc = run("config", "show", "a.txt", cwd=repo, home=work)
    assert str(work / ".sourcing-audit.yaml") in proc.stdout.splitlines()[0]
    proc = run("config", "show", "a.txt", cwd=repo, home=repo)  # it stops at the home folder too
    assert "the defaults (no settings file found)" in proc.stdout, proc.stdout


def test_check_names_a_settings_file_outside_the_current_folder(work: Path) -> None:
    (work / ".sourcing-audit.yaml").write_text("fail-on: never\n", encoding="utf-8")
    (work / "sub").mkdir()
    (work / "a.txt").write_text("The mayor said the budget would pass.\n", encoding="utf-8")
    proc = run("check", "../a.txt", cwd=work / "sub")
    assert proc.returncode == 0
    assert proc.stderr.strip() == f"sourcing-audit: settings from {work / '.sourcing-audit.yaml'} (outside the " \
                                  "current folder)"
    proc = run("check", "a.txt", cwd=work)
    assert proc.stderr == ""


def test_report_cuts_a_40_kb_word_for_display_with_a_note(work: Path) -> None:
    (work / "w.txt").write_text("The mayor said " + "x" * 40_000 + ".\n", encoding="utf-8")
    proc = subprocess.run([sys.executable, "-m", "audit", "report", "-o", "w.pdf", "w.txt"], capture_output=True,
                          text=True, cwd=work, timeout=120)
    assert proc.returncode == 0, proc.stderr
    text = subprocess.run(["pdftotext", str(work / "w.pdf"), "-"], capture_output=True, text=True).stdout
    squeezed = "".join(text.split())  # the PDF breaks lines inside the long word
    assert "x" * 60 + "…[+39,941characters]" in squeezed  # 40,001 characters with the full stop, 60 shown
    assert "x" * 61 not in squeezed


def test_report_refuses_a_text_file_far_over_its_size_before_auditing_it(work: Path) -> None:
    (work / "big.txt").write_text("The mayor said it was fine.\n" * 30_000, encoding="utf-8")  # 840,000 bytes
    proc = run("report", "-o", "big.pdf", "big.txt", cwd=work)
    assert proc.returncode == 2 and "Traceback" not in proc.stderr
    assert proc.stderr.strip() == ("sourcing-audit: big.txt: 840,000 bytes, more than the 200,000 characters a report "
                                   "lays out; `sourcing-audit check` reads it, or split it into parts")
    assert not (work / "big.pdf").exists()


def test_render_report_refuses_an_article_over_its_size() -> None:
    import dataclasses

    from audit.errors import InputError
    from audit.pipeline import audit_text
    from audit.present.report import REPORT_MAX_CHARS, check_report_size

    doc = audit_text("The mayor said it was fine.\n", "a.txt", with_readability=False)
    check_report_size(dataclasses.replace(doc, text="x" * REPORT_MAX_CHARS))  # at the limit: fine
    with pytest.raises(InputError, match=r"^a\.txt: 200,001 characters, more than the 200,000 a report lays out"):
        check_report_size(dataclasses.replace(doc, text="x" * (REPORT_MAX_CHARS + 1)))


def test_for_display_cuts_long_words_and_long_statements() -> None:
    from audit.present.annotate import for_display

    assert for_display("a " + "y" * 61 + " b") == "a " + "y" * 60 + "…[+1 characters] b"
    assert for_display("z" * 60) == "z" * 60
    long = ("word " * 1000).strip()  # 4,999 characters
    assert for_display(long) == long[:3000] + " […cut for display: 1,999 more characters]"


def test_output_given_in_pieces_is_all_written_or_not_at_all(tmp_path: Path) -> None:
    """The JSON result is written as it is encoded (issue 13): a render that fails after some pieces leaves
    the old file as it was and no temporary file; one that finishes writes every piece, in order."""
    from audit.present.files import write_atomic

    target = tmp_path / "out.json"
    target.write_text("old", encoding="utf-8")

    def failing() -> Iterator[str]:
        yield '{"documents":['
        raise RuntimeError("a bug while encoding")

    with pytest.raises(RuntimeError):
        write_atomic(target, failing())
    assert target.read_text(encoding="utf-8") == "old"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.json"]
    write_atomic(target, iter(['{"a":', '"é"', "}\n"]))
    assert target.read_bytes() == '{"a":"é"}\n'.encode()
