"""Broken and hostile input (issue 14), each case through the real entry point (`python -m audit`): exit 2, one
line on stderr naming the file and the problem, no traceback, and done well within the 10 s a hang would pass."""
from __future__ import annotations

import io
import os
import resource
import subprocess
import sys
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
OK_TEXT = "The mayor said the budget would pass on Tuesday.\n"
BOMB = "a: &a [x, x, x, x, x, x, x, x, x]\n" + "".join(
    f"{chr(98 + i)}: &{chr(98 + i)} [{', '.join(['*' + chr(97 + i)] * 9)}]\n" for i in range(8))


def within_10_s(call: Callable[[], subprocess.CompletedProcess[str]]) -> subprocess.CompletedProcess[str]:
    """The issue's bar, "done within 10 s", as 10 s of the child's CPU time (the wall clock on a shared machine
    counts other people's work); a child that blocks (a FIFO) is stopped by the wall-clock timeout of 60 s."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    proc = call()
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    assert cpu < 10, f"{cpu:.1f} s of CPU"
    return proc


def run(*args: str | Path, cwd: Path, stdin: int | None = None) -> subprocess.CompletedProcess[str]:
    return within_10_s(lambda: subprocess.run([sys.executable, "-m", "audit", *map(str, args)], capture_output=True,
                                              text=True, cwd=cwd, timeout=60, stdin=stdin,
                                              env={**os.environ, "HOME": str(cwd)}))


def one_line(proc: subprocess.CompletedProcess[str], *words: str) -> str:
    """The one error line, after checking the bar: exit 2, no traceback, and the words it must hold."""
    assert "Traceback" not in proc.stderr, proc.stderr
    assert proc.returncode == 2, (proc.returncode, proc.stderr)
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1, proc.stderr
    for word in words:
        assert word in lines[0], (word, lines[0])
    return lines[0]


@pytest.fixture
def work(tmp_path: Path) -> Path:
    """A folder with an article, and a .git folder so that settings discovery stops here."""
    (tmp_path / ".git").mkdir()
    (tmp_path / "ok.txt").write_text(OK_TEXT, encoding="utf-8")
    return tmp_path


RULES_CASES = {
    "complex-key-top": ("? [a, b]\n: 1\n", "1:3", "a key must be a name"),
    "complex-key-in-rule": ("rules:\n  - id: x\n    ? [a, b]\n    : 1\n", "3:7", "a key must be a name"),
    "lede-abc": ("lede_paragraphs: abc\n", "1:18", "lede_paragraphs: expected a whole number"),
    "lede-hex": ("lede_paragraphs: 0x10\n", "1:18", "lede_paragraphs: expected a whole number"),
    "lede-base-60": ("lede_paragraphs: 1:30\n", "1:18", "lede_paragraphs: expected a whole number"),
    "verdict-list": ("verdict: [1, 2]\n", "1:10", "verdict: expected a mapping"),
    "verdict-wrong-type": ("verdict:\n  fail: {min_statements: abc}\n", "2:26", "verdict.fail.min_statements"),
    "verdict-severities": ("verdict:\n  fail: {severities: 3}\n", "2:22", "verdict.fail.severities"),
    "param-abc": ("checks:\n  - id: duplicate-paragraph\n    override: true\n    kind: duplicate-paragraph\n"
                  "    message: m\n    why: w\n    params: {min_words: abc}\n    examples: {match: [x]}\n",
                  "7:25", "params.min_words: expected a whole number"),
    "param-400-digits": ("checks:\n  - id: share-anonymous\n    kind: share-above\n    message: m\n    why: w\n"
                         f"    params: {{labels: [anonymous-source], above: 1{'0' * 400}}}\n"
                         "    examples: {match: [x]}\n", "6:49", "params.above: expected a number from 0 to 1"),
    "alias-bomb": (BOMB, "yaml:", "alias bomb"),
    "deep-nesting": ("[" * 50000 + "]" * 50000 + "\n", "yaml:", "nested"),
    "doubling-named-patterns": (
        "patterns:\n  P0: a\n" + "".join(f"  P{i}: '{{P{i - 1}}}{{P{i - 1}}}'\n" for i in range(1, 31))
        + "rules:\n  - {id: dbl, kind: statement, label: unattributed, pattern: '{P30}', message: m, why: w,\n"
          "     examples: {match: [aa]}}\n", "yaml:", "expand to more than"),
    "backtracking-pattern": ("rules:\n  - {id: bt, kind: statement, label: unattributed, pattern: '(a+)+$',\n"
                             "     message: m, why: w, examples: {match: [aa]}}\n", "2:61", "backtracks"),
    "backtracking-named-pattern": ("patterns:\n  BAD: '(x+x+)+y'\n", "2:8", "backtracks"),
}


@pytest.mark.parametrize("case", sorted(RULES_CASES))
def test_a_broken_rules_file_is_one_located_line(work: Path, case: str) -> None:
    text, where, problem = RULES_CASES[case]
    (work / "bad.yaml").write_text(text, encoding="utf-8")
    for args in (("rules", "validate", "--rules", "bad.yaml"), ("check", "--rules", "bad.yaml", "ok.txt")):
        line = one_line(run(*args, cwd=work), "bad.yaml", problem)
        assert f"bad.yaml:{where}" in line or where == "yaml:", line


SETTINGS_CASES = {
    "glob-bad-range": ('per-path:\n  "[z-a].txt":\n    fail-on: never\n', "2:3", "not a valid glob"),
    "glob-stray-backslash": ('per-path:\n  "[a\\\\]":\n    fail-on: never\n', "2:3", "not a valid glob"),
    "gate-400-digits": (f"gates:\n  - {{id: g, metric: anonymous_share, max: 1{'0' * 400}}}\n", "2:43",
                        "max must be a number"),
    "deep-nesting": ("[" * 50000 + "]" * 50000 + "\n", "1:", "nested"),
    "alias-bomb": (BOMB, "5:4", "alias bomb"),
    "encoding-punycode": ("encoding: punycode\n", "1:11", "not an encoding for article text"),
    "complex-key": ("? [a, b]\n: 1\n", "1:3", "a key must be a name"),
    "rules-file-name-too-long": (f'rules: ["{"a" * 300}"]\n', "1:9", "no such rules file"),  # found by the property
}


@pytest.mark.parametrize("case", sorted(SETTINGS_CASES))
def test_a_broken_settings_file_is_one_located_line(work: Path, case: str) -> None:
    text, where, problem = SETTINGS_CASES[case]
    (work / ".sourcing-audit.yaml").write_text(text, encoding="utf-8")
    line = one_line(run("check", "ok.txt", cwd=work), ".sourcing-audit.yaml", problem)
    assert f".sourcing-audit.yaml:{where}" in line


@pytest.mark.parametrize("case", ["deep-nesting", "alias-bomb"])
def test_a_broken_suppression_sidecar_is_one_located_line(work: Path, case: str) -> None:
    text, _, problem = SETTINGS_CASES[case]
    (work / "ok.txt.sourcing-audit.yaml").write_text(text, encoding="utf-8")
    one_line(run("check", "ok.txt", cwd=work), "ok.txt.sourcing-audit.yaml", problem)


@pytest.mark.parametrize("case", ["deep-nesting", "400-digits"])
def test_a_broken_pyproject_is_one_line(work: Path, case: str) -> None:
    body = ("a = " + "[" * 50000 + "]" * 50000 if case == "deep-nesting" else
            f'gates = [{{id = "g", metric = "anonymous_share", max = 1{"0" * 400}}}]')
    (work / "pyproject.toml").write_text(f"[tool.sourcing-audit]\n{body}\n", encoding="utf-8")
    one_line(run("check", "ok.txt", cwd=work), "pyproject.toml", "nested" if case == "deep-nesting" else "max must")


def test_encoding_punycode_on_the_command_line(work: Path) -> None:
    one_line(run("check", "--encoding", "punycode", "ok.txt", cwd=work), "ok.txt", "cannot decode as punycode")


@pytest.mark.parametrize("device", ["/dev/zero", "/dev/null"])
def test_a_device_as_the_article_or_the_rules_file_is_refused(work: Path, device: str) -> None:
    one_line(run("check", device, cwd=work), device, "not a regular file")
    one_line(run("rules", "validate", "--rules", device, cwd=work), device, "not a regular file")


def test_a_fifo_as_the_article_is_refused_without_blocking(work: Path) -> None:
    os.mkfifo(work / "pipe.txt")
    one_line(run("check", "pipe.txt", cwd=work), "pipe.txt", "named pipe")


def test_standard_input_larger_than_the_limit_is_refused(work: Path) -> None:
    with open("/dev/zero", "rb") as zero:
        proc = run("check", "-", cwd=work, stdin=zero.fileno())
    one_line(proc, "<stdin>", "larger than 10.0 MB")


def test_the_article_limit_can_be_raised_for_a_long_article(work: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Over 10 MB is refused with the way out in the message; SOURCING_AUDIT_MAX_ARTICLE_MB raises the limit,
    and a value that is not a whole number of megabytes is one located error."""
    from audit.errors import InputError
    from audit.read.files import read_limited

    long_one = work / "long.txt"
    long_one.write_bytes(b"The mayor said the bridge would open in May.\n" * 250_000)  # 11.25 MB
    with pytest.raises(InputError, match="SOURCING_AUDIT_MAX_ARTICLE_MB"):
        read_limited(long_one)
    monkeypatch.setenv("SOURCING_AUDIT_MAX_ARTICLE_MB", "12")
    assert len(read_limited(long_one)) == 11_250_000
    monkeypatch.setenv("SOURCING_AUDIT_MAX_ARTICLE_MB", "12.5")
    with pytest.raises(InputError, match="whole number of megabytes"):
        read_limited(long_one)
    assert len(read_limited(long_one, 20 * 2**20)) == 11_250_000  # a limit given outright is not the article's


def test_a_file_name_too_long(work: Path) -> None:
    name = "a" * 300 + ".txt"
    one_line(run("check", name, cwd=work), name, "File name too long")


@pytest.mark.parametrize("row", [
    '{"id": 1, "text": "x", "sentences": []}',
    '{"id": "a", "text": "x", "sentences": [{"start": "0", "end": 1}]}',
    '{"id": "a", "text": ["x"], "sentences": []}',
    '{"id": "a", "text": "x", "sentences": {"start": 0}}',
    '[1, 2]',
    "[" * 100000,
])
def test_an_eval_gold_row_of_the_wrong_shape(work: Path, row: str) -> None:
    (work / "gold.jsonl").write_text(row + "\n", encoding="utf-8")
    one_line(run("eval", "gold.jsonl", cwd=work), "gold.jsonl", "article 1" if row.startswith("{") else "gold")


def test_a_closed_standard_output(work: Path) -> None:
    proc = within_10_s(lambda: subprocess.run(f"{sys.executable} -m audit check ok.txt >&-", shell=True,
                                              stderr=subprocess.PIPE, text=True, cwd=work, timeout=60))
    one_line(proc, "standard output is closed")


def test_a_full_standard_output(work: Path) -> None:
    with open("/dev/full", "w") as full:
        proc = within_10_s(lambda: subprocess.run([sys.executable, "-m", "audit", "check", "ok.txt"], stdout=full,
                                                  stderr=subprocess.PIPE, text=True, cwd=work, timeout=60))
    one_line(proc, "cannot write to standard output", "No space left")


def _docx(parts: dict[str, bytes]) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in parts.items():
            zf.writestr(name, data)
    return buf.getvalue()


def test_a_docx_zip_bomb_is_refused_before_it_is_unpacked(work: Path) -> None:
    (work / "bomb.docx").write_bytes(_docx({"word/document.xml": b"\0" * (200 * 2**20)}))
    assert (work / "bomb.docx").stat().st_size < 1_000_000
    one_line(run("check", "bomb.docx", cwd=work), "bomb.docx", "unpacks to 200 MB")


def test_a_docx_with_too_many_parts_is_refused(work: Path) -> None:
    (work / "many.docx").write_bytes(_docx({f"p/{n}.xml": b"" for n in range(2500)}))
    one_line(run("check", "many.docx", cwd=work), "many.docx", "2,500 parts")


def test_a_nul_after_the_first_8_kb_is_binary(work: Path) -> None:
    (work / "late.txt").write_bytes(OK_TEXT.encode() * 400 + b"\0 more text\n")
    one_line(run("check", "late.txt", cwd=work), "late.txt", "binary")


def test_a_user_pattern_past_the_budget_names_the_rule(work: Path) -> None:
    """A pattern that passes the probes but backtracks on this article stops that article only."""
    (work / "slow.yaml").write_text(
        "rules:\n  - {id: slow, kind: statement, label: unattributed, pattern: '(?:b|bb)+c',\n"
        "     message: m, why: w, examples: {match: [bc]}}\n", encoding="utf-8")
    (work / "slow.txt").write_text("b" * 60 + "\n", encoding="utf-8")
    proc = run("check", "--rules", "slow.yaml", "slow.txt", cwd=work)
    one_line(proc, "slow.txt", "rule 'slow'", "budget")


def test_a_docx_with_a_part_marked_encrypted_is_one_line(work: Path) -> None:
    """Found by the fuzz run: one flipped bit marks a zip part encrypted (zipfile raises RuntimeError)."""
    import docx

    buf = io.BytesIO()
    docx.Document().save(buf)
    data = bytearray(buf.getvalue())
    at = data.find(b"PK\x03\x04")  # the first local file header; its flags are 6 bytes in
    data[at + 6] |= 1
    cd = data.rfind(b"PK\x01\x02", 0, len(data))  # and its central directory entries: flags 8 bytes in
    while cd != -1:
        data[cd + 8] |= 1
        cd = data.rfind(b"PK\x01\x02", 0, cd)
    (work / "locked.docx").write_bytes(bytes(data))
    one_line(run("check", "locked.docx", cwd=work), "locked.docx", "not a readable Word document")


def test_a_probe_past_its_time_once_is_tried_again_with_more() -> None:
    # wall time on a busy machine can stretch a linear pattern past the first limit: one retry with more time
    # decides; a pattern slow both times is refused
    from audit.rules import budget

    class Slow:
        def __init__(self, fails: int) -> None:
            self.fails, self.limits = fails, []

        def search(self, text: str, timeout: float) -> None:
            self.limits.append(timeout)
            if len(self.limits) <= self.fails:
                raise TimeoutError

    once = Slow(1)
    assert budget._within(once, "a" * 10)
    assert once.limits == [budget.PROBE_SECONDS, budget.PROBE_SECONDS * budget.PROBE_RETRY]
    assert not budget._within(Slow(2), "a" * 10)
