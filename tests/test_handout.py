"""The classroom handout (issue 9) through the real entry point and the library: the worksheet's and the key's
extracted text, no answer on the student's sheet, the key's answers, levels, --statements, questions drawn
from findings, bad input, and nothing half-written.

Expected labels and sources below come from reading the seed (seeds/putin-trump-tomahawk.txt), statement
numbers as the handout prints them (from 1; 1 is the "Share this" line).
"""
from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from audit import HandoutOptions, audit_source, audit_text, handout_options, load_rules, render_handout
from audit.errors import UsageError
from audit.models import Label
from audit.present.annotate import STYLES
from audit.present.handout.questions import draw_questions
from audit.present.handout.select import eligible, select_statements
from audit.present.render import default_renderer, templates_dir

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "seeds" / "putin-trump-tomahawk.txt"
STUDENT_HEADINGS = ("1. The labels", "2. The article", "3. Source hunt", "4. Who speaks?",
                    "5. Questions about this article", "6. Reflection")
LABEL_NAMES = tuple(s.name for s in STYLES.values())
# read from the seed: statement number -> (label, source as the key names it)
READ = {3: ("secondhand report", "Wall Street Journal"), 9: ("leaked transcript", "The transcript"),
        12: ("named source", "Putin"), 17: ("named source", "Trump"),
        23: ("anonymous source", "a second diplomat still at the State Department"),
        26: ("named source", "Don Bacon"), 2: ("unattributed", "no source given")}
# read from the seed: who speaks (named or not), as the key's roster lists them
ROSTER = ("Wall Street Journal", "Bloomberg", "Witkoff", "the recorded call", "The transcript", "Putin", "Trump",
          "a former diplomat deeply involved with European affairs", "Daily Mail",
          "A second diplomat still at the State Department", "Don Bacon", "Brian Fitzpatrick", "White House")
CLEAN = ("Council approves new bridge\n\n"
         "The city council voted 7-2 on Tuesday to build a new bridge over the river, according to the "
         "council's published minutes.\n\n"
         "Mayor Ana Ruiz said the bridge would open in 2028.\n\n"
         "Councillor Tom Reed said the cost was too high and voted against it.\n")


def run_cli(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "audit", "handout", *args], cwd=cwd, capture_output=True,
                          text=True, env={**os.environ, "NO_COLOR": "1"}, check=False)


def pdf_text(pdf: Path) -> str:
    return subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout


def flat(text: str) -> str:
    return " ".join(text.split())


def between(text: str, start: str, end: str) -> str:
    return text[text.index(start):text.index(end, text.index(start))]


def hunt_rows(html: str) -> list[str]:
    return re.findall(r'<tr class="task">(.*?)</tr>', html, re.S)


@pytest.fixture(scope="module")
def seed(tmp_path_factory: pytest.TempPathFactory) -> tuple[subprocess.CompletedProcess[str], Path]:
    out = tmp_path_factory.mktemp("handout")
    return run_cli(str(SEED), "--html", "--out-dir", str(out), cwd=out), out


def _file(seed: tuple[subprocess.CompletedProcess[str], Path], part: str) -> Path:
    return seed[1] / f"putin-trump-tomahawk-{part}"


def test_one_command_writes_both_pdfs_and_html(seed: tuple[subprocess.CompletedProcess[str], Path]) -> None:
    proc, out = seed
    assert proc.returncode == 0, proc.stderr
    names = ("student.pdf", "key.pdf", "student.html", "key.html")
    assert proc.stdout.splitlines() == [f"wrote {out / f'putin-trump-tomahawk-{n}'}" for n in names]
    for part, pages in (("student.pdf", 4), ("key.pdf", 5)):
        info = subprocess.run(["pdfinfo", str(_file(seed, part))], capture_output=True, text=True,
                              check=True).stdout
        assert "Tagged:          yes" in info
        assert 1 <= int(re.search(r"Pages:\s+(\d+)", info).group(1)) <= pages, part  # type: ignore[union-attr]
    assert not list(out.glob(".*"))  # no temporary file left behind


def test_student_sheet_holds_every_part(seed: tuple[subprocess.CompletedProcess[str], Path]) -> None:
    text = flat(pdf_text(_file(seed, "student.pdf")))
    for part in (*STUDENT_HEADINGS, "Name", "Class", "Date", "Learning objective", "CCSS.ELA-Literacy.RI.9-10.8",
                 "Grades 9-10", "45 minutes", "Who is behind the information?", "What is the evidence?",
                 "What do other sources say?", "Beginning", "Developing", "Mastering", *LABEL_NAMES):
        assert part in text, part
    positions = [text.index(h) for h in STUDENT_HEADINGS]
    assert positions == sorted(positions)
    # the article, paragraph and statement numbers with it
    assert "22 35 The Daily Mail asked the White House" in text
    assert "They did not immediately respond." in text


def test_student_sheet_holds_no_answer(seed: tuple[subprocess.CompletedProcess[str], Path]) -> None:
    text = flat(pdf_text(_file(seed, "student.pdf")))
    html = _file(seed, "student.html").read_text(encoding="utf-8")
    hunt = between(text, "3. Source hunt", "4. Who speaks?")
    excerpts = [flat(re.sub(r"<[^>]+>", "", m)) for m in re.findall(r'<td class="statement">(.*?)</td>', html)]
    assert len(excerpts) == 12
    answers_area = hunt
    for e in excerpts:  # the statements' own first words may name people: take them out, look at the rest
        answers_area = answers_area.replace(e.replace("&#39;", "'"), "")
    for name in (*LABEL_NAMES, *ROSTER):
        assert name not in answers_area, name
    speakers = between(text, "4. Who speaks?", "5. Questions")
    for name in ROSTER:
        assert name not in speakers, name
    for row in hunt_rows(html):
        assert re.findall(r'<td class="answer[^"]*">(.*?)</td>', row, re.S) == ["", ""]
    body = html.split("</style>")[1]  # the page, after report.css
    for answer in ("Model answer", "Why (and why", "Picked:", "Discuss", "confidence", "badge-", "mark-"):
        assert answer not in body, answer  # no answer, and no label class on any statement


def test_key_has_the_engine_label_and_source_of_every_task_statement(
        seed: tuple[subprocess.CompletedProcess[str], Path]) -> None:
    result = audit_source(SEED)
    html = _file(seed, "key.html").read_text(encoding="utf-8")
    rows = hunt_rows(html)
    picks = select_statements(result, 12)
    assert len(rows) == len(picks) == 12
    for row, pick in zip(rows, picks):
        ls = result.statements[pick.index]
        assert re.search(rf'<td class="num">{pick.index + 1}</td>', row)
        assert STYLES[ls.label].name in row
        assert "reason" in row and re.search(r'class="reason">\S', row)
    text = flat(pdf_text(_file(seed, "key.pdf")))
    roster = between(text, "4. Who speaks?", "5. Questions")
    for name in ROSTER:
        assert name in roster, name
    assert roster.count("no reason given") == 2  # the two diplomats; the article never says why
    for part in ("Model answer", "Discuss", "For the teacher: the article's sourcing", "Where the tool is least sure",
                 "a reasonable reader could label this"):
        assert part in text, part
    assert "subject-speech-verb" not in text  # reasons in plain words, never a rule id


def test_every_label_the_article_has_is_hunted_at_standard() -> None:
    result = audit_source(SEED)
    hunted = {result.statements[p.index].label for p in select_statements(result, 12)}
    assert hunted == {Label.NAMED, Label.ANONYMOUS, Label.SECONDHAND, Label.LEAKED, Label.UNATTRIBUTED}
    assert hunted == {ls.label for ls in eligible(result)}


def test_selection_is_deterministic_mixed_and_explained() -> None:
    result = audit_source(SEED)
    picks = select_statements(result, 12)
    assert picks == select_statements(audit_source(SEED), 12)
    assert {p.hard for p in picks} == {True, False}  # easy and hard statements both
    assert all(p.why for p in picks)
    assert [p.index for p in picks] == sorted(p.index for p in picks)  # in reading order
    assert 20 not in {result.statements[p.index].statement.paragraph for p in picks}  # the repeated paragraph


@pytest.mark.parametrize("level, rows", [("intro", 8), ("standard", 12), ("advanced", None)],
                         ids=["intro", "standard", "advanced"])
def test_levels_change_the_number_of_hunt_rows(tmp_path: Path, level: str, rows: int | None) -> None:
    proc = run_cli(str(SEED), "--level", level, "--html", "--out-dir", str(tmp_path), cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    student = (tmp_path / "putin-trump-tomahawk-student.html").read_text(encoding="utf-8")
    # every claim outside the repeated paragraph 20: 36 statements, less 4 not claims, less 3 repeated
    assert len(hunt_rows(student)) == (rows or 29)
    assert ('class="tick"' in student) is (level == "intro")
    assert ("How could you check it?" in student) is (level == "advanced")


def test_statements_flag_picks_those(tmp_path: Path) -> None:
    chosen = "3,9,12,17,23,26,2"
    proc = run_cli(str(SEED), "--statements", chosen, "--html", "--out-dir", str(tmp_path), cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    student = (tmp_path / "putin-trump-tomahawk-student.html").read_text(encoding="utf-8")
    numbers = [int(re.search(r'<td class="num">(\d+)</td>', r).group(1))  # type: ignore[union-attr]
               for r in hunt_rows(student)]
    assert numbers == [3, 9, 12, 17, 23, 26, 2]  # in the teacher's order
    key_rows = hunt_rows((tmp_path / "putin-trump-tomahawk-key.html").read_text(encoding="utf-8"))
    for n, row in zip(numbers, key_rows):
        label, source = READ[n]
        assert label in row and source in row, (n, row)


def test_questions_name_a_paragraph_with_a_finding_of_their_kind() -> None:
    result, rules = audit_source(SEED), load_rules()
    questions = draw_questions(result, rules)
    # read from the seed: the lede rests on one outlet (2), another outlet's report (3), a leaked call (6),
    # an unnamed diplomat's opinion (15), paragraph 20 repeats 12, and the White House was asked (22)
    assert [(q.paragraph, q.kind) for q in questions] == [(2, "lede"), (3, "secondhand"), (6, "leak"),
                                                          (15, "opinion"), (20, "duplicate"), (22, "reply")]
    paragraphs = {p.index for p in result.paragraphs}
    for q in questions:
        assert q.paragraph in paragraphs
        assert any(f.paragraph == q.paragraph and f.check_id == q.check_id for f in result.findings)
    assert "paragraph 12" in questions[4].prompt


def test_clean_article_gets_no_anonymous_source_question() -> None:
    result, rules = audit_text(CLEAN, "clean.txt"), load_rules()
    assert Label.ANONYMOUS not in {ls.label for ls in result.statements}
    kinds = {q.kind for q in draw_questions(result, rules)}
    assert "opinion" not in kinds
    handout = render_handout(result, rules, HandoutOptions(), html=True)
    assert handout.student_html is not None and "not named" not in handout.student_html.split("5. Questions")[1]
    hunted = {result.statements[p.index].label for p in select_statements(result, 12)}
    assert hunted == {ls.label for ls in eligible(result)}


def test_an_unnamed_source_giving_opinion_gets_its_question() -> None:
    text = CLEAN + "\nA senior official said the mayor was reckless and incompetent.\n"
    questions = draw_questions(audit_text(text, "opinion.txt"), load_rules())
    assert [(q.paragraph, q.kind) for q in questions if q.kind == "opinion"] == [(5, "opinion")]


def test_library_render_is_deterministic_and_escapes_the_article() -> None:
    text = ("A draft.\n\nOfficials said <script>alert(1)</script> was harmless.\n\n"
            'A leaked memo shows <img src="file:///etc/passwd"> in the header.\n')
    result, rules = audit_text(text, "hostile.txt"), load_rules()
    options = handout_options("intro", "11-12", "30", None, "letter", "<b>title</b>")
    fetcher = default_renderer().fetcher
    before = len(fetcher.requested)
    one, two = (render_handout(result, rules, options, html=True) for _ in range(2))
    assert one == two
    # the templates' own stylesheets are parsed from strings: nothing is fetched but report-pdf.css's wave.svg
    assert set(fetcher.requested[before:]) <= {(templates_dir() / "wave.svg").as_uri()}
    assert one.key_html is not None and one.student_html is not None
    for page in (one.key_html, one.student_html):
        assert "&lt;script&gt;" in page and "<script" not in page and "<b>title" not in page and "<img" not in page
    assert "CCSS.ELA-Literacy.RI.11-12.7" in one.student_html
    assert one.student_pdf.startswith(b"%PDF-") and one.key_pdf.startswith(b"%PDF-")


@pytest.mark.parametrize("args, message", [
    (("missing.txt",), "sourcing-audit: missing.txt: no such file"),
    ((str(SEED), "--statements", "0,x"), "sourcing-audit: --statements '0,x': expected statement numbers"),
    ((str(SEED), "--statements", "0,2"), "sourcing-audit: --statements '0,2': statements are numbered from 1"),
    ((str(SEED), "--statements", "2,99"), "sourcing-audit: --statements: no statement 99; this article has "
                                          "statements 1 to 36"),
    ((str(SEED), "--level", "expert"), "sourcing-audit: --level 'expert': expected one of intro, standard, advanced"),
    ((str(SEED), "--minutes", "soon"), "sourcing-audit: --minutes 'soon': expected a whole number of minutes"),
    ((str(SEED), "--paper", "a3"), "sourcing-audit: --paper 'a3': expected one of a4, letter"),
], ids=["missing-file", "bad-statements", "statement-zero", "statement-beyond", "unknown-level", "bad-minutes",
        "bad-paper"])
def test_bad_input_exits_2_with_one_line_and_writes_nothing(tmp_path: Path, args: tuple[str, ...],
                                                           message: str) -> None:
    proc = run_cli(*args, cwd=tmp_path)
    assert proc.returncode == 2
    lines = proc.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith(message), proc.stderr
    assert "Traceback" not in proc.stderr and proc.stdout == ""
    assert list(tmp_path.iterdir()) == []


def test_a_failed_write_leaves_nothing_half_written(tmp_path: Path) -> None:
    (tmp_path / "reports" / "putin-trump-tomahawk-key.pdf").mkdir(parents=True)  # the key cannot be written
    proc = run_cli(str(SEED), cwd=tmp_path)
    assert proc.returncode == 2
    assert proc.stderr.splitlines() == ["sourcing-audit: reports/putin-trump-tomahawk-key.pdf: not a file name "
                                        "to write to"]
    assert sorted(p.name for p in (tmp_path / "reports").iterdir()) == ["putin-trump-tomahawk-key.pdf"]


def test_letter_paper_and_help(tmp_path: Path) -> None:
    proc = run_cli(str(SEED), "--paper", "letter", cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    info = subprocess.run(["pdfinfo", str(tmp_path / "reports" / "putin-trump-tomahawk-student.pdf")],
                          capture_output=True, text=True, check=True).stdout
    assert re.search(r"Page size:\s+612 x 792 pts \(letter\)", info)
    helptext = run_cli("--help", cwd=tmp_path).stdout
    for flag in ("--level", "--grade", "--minutes", "--statements", "--html", "--paper", "-student.pdf"):
        assert flag in helptext, flag


def test_options_are_checked_before_anything_runs() -> None:
    assert handout_options(statements=" 2, 3,7 ,2") == HandoutOptions(statements=(2, 3, 7))
    with pytest.raises(UsageError, match="--grade"):
        handout_options(grade=" ")


def test_header_names_the_file_not_the_teachers_folders() -> None:
    handout = render_handout(audit_source(SEED), load_rules(), HandoutOptions(), html=True)
    assert handout.student_html is not None
    assert "putin-trump-tomahawk.txt" in handout.student_html
    assert str(SEED.parent) not in handout.student_html
