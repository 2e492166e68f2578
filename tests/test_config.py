"""Settings discovery and layering, `config show` / `config init`, select/ignore/severity, per-path overrides,
gates, suppressions (comments and sidecar files), and settings-file errors, through the real CLI for exit codes."""
from __future__ import annotations

import dataclasses
import re
from pathlib import Path

import pytest

from audit.cli import build_parser, main
from audit.cli.options import options_from
from audit.models import DocumentResult
from audit.pipeline import audit_text
from audit.read.inputs import SourceText, load_source
from audit.rules.loader import rules_for
from audit.settings import apply, discover, model
from audit.settings.starter import starter as starter_text

# Warnings only (anonymous-bare, anonymous-no-reason, lede-weak); every claim rests on an anonymous source.
ANON = "Officials said the plan failed.\n"
# One error (quote-unattributed, in paragraph 2) and warnings; one named source.
QUOTE = ("The mayor said the council met on Friday to vote on the budget.\n\n"
         "The crowd grew. “We will never surrender to these people, not ever.” Then it rained.\n")


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def settings(path: Path | str, *flags: str) -> model.Settings:
    return discover.settings_for(str(path), options_from(build_parser().parse_args(["check", *flags, str(path)])))


def audit(path: Path, *flags: str) -> DocumentResult:
    """What `check` does for one input, returning the result instead of rendering it."""
    s = settings(path, *flags)
    rules = apply.rules_in_force(s, rules_for(s.rules))
    src = load_source(str(path), s.encoding)
    return apply.apply_settings(audit_text(src.text, src.name, rules, s.publisher, with_readability=False),
                                 src, s, rules)


def ids(doc: DocumentResult, suppressed: bool | None = None) -> set[str]:
    return {f.check_id for f in doc.findings if suppressed is None or f.suppressed is suppressed}


def check(capsys: pytest.CaptureFixture[str], *argv: str | Path) -> tuple[int, str, str]:
    code = main(["check", "--quiet", *map(str, argv)])
    out, err = capsys.readouterr()
    return code, out, err


# ---- discovery ----------------------------------------------------------------------------------------------

def test_discovery_order(tmp_path: Path) -> None:
    write(tmp_path / "pyproject.toml", '[project]\nname = "x"\n\n[tool.sourcing-audit]\nfail-on = "info"\n')
    write(tmp_path / "desk" / ".sourcing-audit.yaml", "fail-on: warning\n")
    write(tmp_path / "desk" / "pyproject.toml", '[tool.sourcing-audit]\nfail-on = "never"\n')
    write(tmp_path / "desk" / "plain" / "pyproject.toml", '[project]\nname = "no table"\n')
    other = write(tmp_path / "other.yaml", "fail-on: never\n")
    top = write(tmp_path / "top.txt", ANON)
    deep = write(tmp_path / "desk" / "plain" / "deeper" / "a.txt", ANON)

    assert settings(top).fail_on == "info"  # pyproject.toml [tool.sourcing-audit]
    # nearest folder wins; in one folder .sourcing-audit.yaml before pyproject.toml; a pyproject.toml without
    # the table is passed over
    s = settings(deep)
    assert (s.fail_on, s.config) == ("warning", str((tmp_path / "desk" / ".sourcing-audit.yaml").resolve()))
    assert settings(deep, "--config", str(other)).fail_on == "never"  # --config beats discovery
    assert settings(deep, "--config", str(other), "--fail-on", "info").fail_on == "info"  # flags beat the file


def test_defaults_without_a_settings_file(tmp_path: Path) -> None:
    s = settings(write(tmp_path / "a.txt", ANON))
    assert (s.config, s.fail_on, s.select, s.ignore, s.gates, s.encoding) == (None, "error", (), (), (), "utf-8")
    assert set(s.origin.values()) == {"default"}


def test_standard_input_discovers_from_the_current_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    write(tmp_path / ".sourcing-audit.yaml", "fail-on: info\n")
    monkeypatch.chdir(tmp_path)
    assert settings("-").fail_on == "info"


def test_rule_files_are_relative_to_the_settings_file(tmp_path: Path) -> None:
    write(tmp_path / "packs" / "house.yaml", "lexicons:\n  speech_verbs: [harrumphed]\n")
    write(tmp_path / ".sourcing-audit.yaml", "rules: [packs/house.yaml]\n")
    s = settings(write(tmp_path / "drafts" / "a.txt", ANON))
    assert s.rules == (str(tmp_path.resolve() / "packs" / "house.yaml"),)


# ---- config show / config init ------------------------------------------------------------------------------

def test_config_show_prints_each_setting_and_its_origin(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    cfg = write(tmp_path / ".sourcing-audit.yaml",
                "fail-on: warning\n"
                "severity: {lede-weak: error}\n"
                "gates:\n"
                "  - {id: anonymous-share, metric: anonymous_share, max: 0.4}\n"
                "per-path:\n"
                "  opinion/**: {ignore: [anonymous-]}\n").resolve()
    article = write(tmp_path / "opinion" / "a.txt", ANON)
    assert main(["config", "show", str(article)]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0] == f"# settings for {article}, from {cfg}"
    assert f"fail-on: warning  # {cfg}:1:10" in lines
    assert f"severity: {{lede-weak: error}}  # {cfg}:2:11" in lines
    assert f"ignore: [anonymous-]  # {cfg}:6:24 (per-path 'opinion/**')" in lines
    assert "select: []  # default" in lines
    assert "publisher: null  # default" in lines
    assert f"gates:  # {cfg}:4:3" in lines
    assert "  - {id: anonymous-share, metric: anonymous_share, max: 0.4}" in lines


def test_config_show_from_pyproject(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    cfg = write(tmp_path / "pyproject.toml", '[tool.sourcing-audit]\nselect = ["anonymous-"]\n').resolve()
    assert main(["config", "show", str(tmp_path)]) == 0
    assert f"select: [anonymous-]  # {cfg} [tool.sourcing-audit]" in capsys.readouterr().out.splitlines()


def test_config_init_writes_a_starter_and_refuses_to_overwrite(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                               capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.chdir(tmp_path)
    assert main(["config", "init"]) == 0
    target = tmp_path / ".sourcing-audit.yaml"
    starter = target.read_text(encoding="utf-8")
    assert starter == starter_text()
    assert "anonymous_share" in starter and "per-path" in starter  # the metrics and overrides are documented
    s = settings(write(tmp_path / "a.txt", ANON))
    assert (s.config, s.fail_on, s.select, s.ignore, s.severity, s.gates) == (str(target), "error", (), (), {}, ())

    target.write_text("fail-on: never\n", encoding="utf-8")
    capsys.readouterr()
    assert main(["config", "init"]) == 2
    assert "already exists" in capsys.readouterr().err
    assert target.read_text(encoding="utf-8") == "fail-on: never\n"
    assert main(["config", "init", "--force"]) == 0
    assert target.read_text(encoding="utf-8") == starter


def test_the_starters_commented_examples_are_valid(tmp_path: Path) -> None:
    """Uncommenting the examples gives a file that loads: the starter's advice is not stale."""
    example = re.compile(r"# ((?:[a-z-]+:.*)|(?:  (?:- |\").*))\Z")
    lines: list[str] = []
    for line in starter_text().splitlines():
        m = example.match(line)
        if m and (m.group(1).startswith(" ") or m.group(1).split(":")[0] in model.KEYS):
            if not m.group(1).startswith(" "):  # the example replaces the active setting of the same key
                lines = [x for x in lines if not x.startswith(m.group(1).split(":")[0] + ":")]
            lines.append(m.group(1))
        elif not line.startswith("#"):
            lines.append(line)
    write(tmp_path / ".sourcing-audit.yaml", "\n".join(lines) + "\n")
    s = settings(write(tmp_path / "opinion" / "a.txt", ANON))
    assert s.publisher == "The Herald"
    assert [g.id for g in s.gates] == ["anonymous-share", "lede-attributed"]
    assert s.ignore == ("right-of-reply", "anonymous-heavy", "anonymous-")  # per-path adds to ignore
    assert s.severity == {"anonymous-bare": "error", "lede-weak": "info"}
    apply.check_ids(s, rules_for(s.rules))


# ---- select, ignore, severity, per-path ---------------------------------------------------------------------

def test_select_ignore_and_severity(tmp_path: Path) -> None:
    article = write(tmp_path / "a.txt", ANON)
    assert ids(audit(article)) == {"anonymous-bare", "anonymous-no-reason", "lede-weak"}
    assert ids(audit(article, "--select", "anonymous-")) == {"anonymous-bare", "anonymous-no-reason"}
    assert ids(audit(article, "--ignore", "anonymous-bare,lede-")) == {"anonymous-no-reason"}
    write(tmp_path / ".sourcing-audit.yaml", "severity: {lede-weak: error}\nignore: [anonymous-bare]\n")
    doc = audit(article, "--ignore", "anonymous-no-reason")  # a flag's ignore adds to the file's
    assert [(f.check_id, f.severity) for f in doc.findings] == [("lede-weak", "error")]
    assert doc.verdict.name == "FAIL"  # the verdict is redone with the settings' findings


def test_severity_from_the_file_sets_the_exit_code(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    article = write(tmp_path / "a.txt", ANON)
    assert check(capsys, article)[0] == 0
    write(tmp_path / ".sourcing-audit.yaml", "severity: {anonymous-bare: error}\n")
    assert check(capsys, article)[0] == 1
    assert check(capsys, article, "--fail-on", "never")[0] == 0


def test_ignore_switches_off_a_labelling_rule(tmp_path: Path) -> None:
    article = write(tmp_path / "a.txt", ANON)
    s = settings(article, "--ignore", "source-anonymous-plural")
    rules = apply.rules_in_force(s, rules_for(()))
    assert "source-anonymous-plural" not in {r.id for r in rules.rules}
    assert "source-anonymous-plural" in {r.id for r in rules_for(()).rules}
    assert audit(article).statements[0].label.value == "anonymous-source"
    assert audit(article, "--ignore", "source-anonymous-plural").statements[0].label.value != "anonymous-source"


def test_per_path_override(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write(tmp_path / ".sourcing-audit.yaml",
          "fail-on: warning\n"
          "per-path:\n"
          "  opinion/**: {ignore: [anonymous-, lede-]}\n"
          "  '*.draft.txt': {fail-on: never}\n")
    news = write(tmp_path / "news" / "a.txt", ANON)
    opinion = write(tmp_path / "opinion" / "2026" / "b.txt", ANON)
    draft = write(tmp_path / "news" / "c.draft.txt", ANON)
    assert ids(audit(news)) == {"anonymous-bare", "anonymous-no-reason", "lede-weak"}
    assert ids(audit(opinion)) == set()
    assert settings(draft).fail_on == "never"  # a pattern without a slash matches the name in any folder
    assert check(capsys, news)[0] == 1
    assert check(capsys, opinion)[0] == 0
    assert check(capsys, draft)[0] == 0


# ---- gates --------------------------------------------------------------------------------------------------

def test_a_failed_gate_from_pyproject_exits_1(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    article = write(tmp_path / "drafts" / "a.txt", ANON)
    assert check(capsys, article)[0] == 0  # warnings only
    write(tmp_path / "pyproject.toml", '[tool.sourcing-audit]\n'
                                       'gates = [{id = "anonymous-share", metric = "anonymous_share", max = 0.4}]\n')
    assert check(capsys, article)[0] == 1
    assert check(capsys, article, "--exit-zero")[0] == 0
    assert check(capsys, article, "--ignore", "anonymous-share")[0] == 0  # ignore also takes gate ids
    (gate,) = audit(article).gates
    assert (gate.id, gate.passed, gate.value, gate.threshold) == ("anonymous-share", False, 1.0, 0.4)
    assert "above the max of 40%" in gate.message


def test_gate_metrics_and_bounds(tmp_path: Path) -> None:
    write(tmp_path / ".sourcing-audit.yaml",
          "gates:\n"
          "  - {id: lede-attributed, metric: lede_unattributed, max: 0}\n"
          "  - {id: sources, metric: distinct_sources, min: 2}\n"
          "  - {id: anon, metric: anonymous_share, max: 0.1, min-statements: 5}\n")
    got = {g.id: (g.passed, g.value) for g in audit(write(tmp_path / "a.txt", QUOTE)).gates}
    assert got == {"lede-attributed": (False, 3.0), "sources": (False, 1.0), "anon": (True, 0.0)}
    got = {g.id: g.passed for g in audit(write(tmp_path / "b.txt", ANON)).gates}
    assert got == {"lede-attributed": True, "sources": False, "anon": True}  # anon: too few claims to judge


# ---- suppressions -------------------------------------------------------------------------------------------

def test_a_suppression_with_a_reason_keeps_the_finding_marked(tmp_path: Path,
                                                               capsys: pytest.CaptureFixture[str]) -> None:
    article = write(tmp_path / "a.txt", QUOTE)
    assert check(capsys, article)[0] == 1  # quote-unattributed is an error
    write(tmp_path / "a.txt.sourcing-audit.yaml",
          "- {check: quote-unattributed, paragraph: 2, reason: the speaker is named in the caption}\n")
    assert check(capsys, article)[0] == 0
    doc = audit(article)
    (f,) = [f for f in doc.findings if f.check_id == "quote-unattributed"]
    assert (f.suppressed, f.suppression_reason) == (True, "the speaker is named in the caption")
    assert not ids(doc) & {"suppression-unused", "suppression-no-reason"}
    assert doc.scores == audit_text(QUOTE, str(article)).scores  # still counted


def test_suppressions_without_a_reason_or_unused_are_reported(tmp_path: Path,
                                                              capsys: pytest.CaptureFixture[str]) -> None:
    article = write(tmp_path / "a.txt", QUOTE)
    sidecar = write(tmp_path / "a.txt.sourcing-audit.yaml",
                    "- check: quote-unattributed\n"
                    "- {check: anonymous-bare, reason: approved}\n"
                    "- {check: quote-unattributed, paragraph: 1, reason: wrong paragraph}\n"
                    "- {check: no-such-check, reason: typo}\n")
    doc = audit(article)
    assert ids(doc, suppressed=True) == set()  # without a reason nothing is suppressed
    meta = [(f.check_id, f.severity, f.message) for f in doc.findings if f.check_id.startswith("suppression-")]
    assert [m[:2] for m in meta] == [("suppression-no-reason", "warning")] + [("suppression-unused", "warning")] * 3
    assert f"{sidecar}:1:3" in meta[0][2]
    assert f"anonymous-bare at {sidecar}:2:3" in meta[1][2]
    assert "paragraph 1" in meta[2][2]
    assert "'no-such-check'" in meta[3][2] and "not a check" in meta[3][2]
    assert check(capsys, article)[0] == 1  # the error still fails: the suppression had no reason
    assert check(capsys, article, "--ignore", "quote-")[0] == 0
    assert ids(audit(article, "--ignore", "suppression-")) == ids(audit(article)) - {
        "suppression-no-reason", "suppression-unused"}


MARKDOWN = """\
<!-- sourcing-audit: disable anonymous-no-reason -- reason: anonymity approved by the standards desk -->
Officials said the plan failed.

<!-- sourcing-audit: disable-next quote-unattributed -- reason: the speaker is named in the caption -->
The crowd grew. “We will never surrender to these people, not ever.” Then it rained.

The band played. “We will never surrender to these people, not ever again.” Then it stopped.
<!-- sourcing-audit: disable anonymous-bare -->
<!-- sourcing-audit: disable leak-unverified -- reason: stale -->
<!-- sourcing-audit: please ignore this -->
"""


def _markdown_source(raw: str, name: str) -> SourceText:
    """The Markdown input as inputs.py gives it: the same length as the file, comments blanked."""
    text = re.sub(r"<!--.*?-->", lambda m: " " * len(m.group(0)), raw, flags=re.DOTALL)
    return SourceText(name, text, "markdown", raw)


def test_comment_suppressions_in_markdown(tmp_path: Path) -> None:
    path = tmp_path / "a.md"
    src = _markdown_source(MARKDOWN, str(path))
    s = settings(path)
    doc = apply.apply_settings(audit_text(src.text, src.name, rules_for(()), with_readability=False), src, s,
                                rules_for(()))
    assert doc.source_format == "markdown"
    by = {(f.check_id, f.paragraph): f for f in doc.findings}
    assert by[("anonymous-no-reason", 1)].suppressed  # the whole document
    assert by[("anonymous-no-reason", 1)].suppression_reason == "anonymity approved by the standards desk"
    assert by[("quote-unattributed", 2)].suppressed  # disable-next: only the next paragraph
    assert not by[("quote-unattributed", 3)].suppressed
    assert not by[("anonymous-bare", 1)].suppressed  # no reason: not applied
    meta = sorted((f.check_id, f.start) for f in doc.findings if f.check_id.startswith("suppression-"))
    assert [m[0] for m in meta] == ["suppression-invalid", "suppression-no-reason", "suppression-unused"]
    assert all(MARKDOWN[m[1]:].startswith("<!-- sourcing-audit:") for m in meta)  # they point at the comments


def test_suppressions_apply_only_to_markdown_and_html_comments(tmp_path: Path) -> None:
    path = write(tmp_path / "a.txt", "<!-- sourcing-audit: disable quote-unattributed -- reason: x -->\n" + QUOTE)
    assert ids(audit(path), suppressed=True) == set()


# ---- bad settings -------------------------------------------------------------------------------------------

def _one_problem(code: int, err: str) -> str:
    assert code == 2
    assert "Traceback" not in err
    return err.strip()


def test_bad_yaml_settings_exit_2_with_locations(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    cfg = write(tmp_path / ".sourcing-audit.yaml",
                "fail-on: sometimes\n"
                "fail_on: error\n"
                "gates:\n"
                "  - {id: anonymous-share, metric: anon_share, max: 0.4}\n"
                "per-path:\n"
                "  opinion/**: {colour: red}\n").resolve()
    code, _, err = check(capsys, write(tmp_path / "a.txt", ANON))
    assert _one_problem(code, err).splitlines() == [
        f"sourcing-audit: {cfg}:1:10: fail-on: 'sometimes' is not one of error, warning, info, never",
        f"{cfg}:2:1: fail_on: unknown setting 'fail_on'; did you mean 'fail-on'?",
        (f"{cfg}:4:35: gates[0].metric: unknown metric 'anon_share' (expected one of: "
         "anonymous_share, secondhand_share, unattributed_share, uncheckable_share, top_source_share, "
         "lede_unattributed, lede_uncheckable, distinct_sources)"),
        (f"{cfg}:6:16: per-path.opinion/**.colour: unknown setting 'colour' (expected one of: rules, select, "
         "ignore, severity, fail-on, publisher, encoding, gates)"),
    ]


def test_yaml_syntax_error_and_unknown_ids(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    article = write(tmp_path / "a.txt", ANON)
    cfg = write(tmp_path / ".sourcing-audit.yaml", "select: [anonymous-\n").resolve()
    assert _one_problem(*check(capsys, article)[::2]).startswith(f"sourcing-audit: {cfg}:2:1: YAML syntax error")
    cfg.write_text("select: [anonymous-, nonsense]\nseverity: {lede-wek: error}\n", encoding="utf-8")
    assert _one_problem(*check(capsys, article)[::2]).splitlines() == [
        (f"sourcing-audit: {cfg}:1:22: select: 'nonsense' matches no check, gate or rule "
         "(see `sourcing-audit rules list`)"),
        f"{cfg}:2:12: severity: 'lede-wek' is not a check id",
    ]
    cfg.unlink()
    assert _one_problem(*check(capsys, article, "--ignore", "nonsense")[::2]) == \
        "sourcing-audit: --ignore: ignore: 'nonsense' matches no check, gate or rule (see `sourcing-audit rules list`)"


def test_bad_toml_settings_exit_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    cfg = write(tmp_path / "pyproject.toml", '[tool.sourcing-audit]\nfail-on = "sometimes"\ncolour = 1\n').resolve()
    assert _one_problem(*check(capsys, write(tmp_path / "a.txt", ANON))[::2]).splitlines() == [
        (f"sourcing-audit: {cfg}: [tool.sourcing-audit] fail-on: 'sometimes' is not one of error, warning, info, "
         "never"),
        (f"{cfg}: [tool.sourcing-audit] colour: unknown setting 'colour' (expected one of: rules, select, ignore, "
         "severity, fail-on, publisher, encoding, gates, per-path)"),
    ]
    cfg.write_text("[tool.sourcing-audit\n", encoding="utf-8")
    assert f"{cfg}: TOML syntax error" in _one_problem(*check(capsys, tmp_path / "a.txt")[::2])


def test_missing_config_file_and_bad_sidecar(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    article = write(tmp_path / "a.txt", QUOTE)
    missing = tmp_path / "nope.yaml"
    assert _one_problem(*check(capsys, article, "--config", missing)[::2]) == \
        f"sourcing-audit: {missing}: no such settings file"
    sidecar = write(tmp_path / "a.txt.sourcing-audit.yaml", "- {check: quote-unattributed, paragraf: 2}\n")
    assert _one_problem(*check(capsys, article)[::2]) == (
        f"sourcing-audit: {sidecar}:1:31: [0]: unknown key 'paragraf' (expected one of: check, reason, paragraph)")


def test_settings_dataclass_is_frozen() -> None:
    with pytest.raises(dataclasses.FrozenInstanceError):
        model.Settings().fail_on = "never"  # type: ignore[misc]


def test_a_gate_metric_that_is_a_list_is_one_problem() -> None:
    # found by the corpus fuzz run: a list or a mapping as `metric` raised TypeError (unhashable) in the lookup
    from audit.judge.gates import parse_gate

    gate, problems = parse_gate({"id": "g", "metric": ["a", "b"], "max": 0.5})
    assert gate is None
    assert problems == [("metric", "unknown metric ['a', 'b'] (expected one of: "
                                    "anonymous_share, secondhand_share, unattributed_share, uncheckable_share, "
                                    "top_source_share, lede_unattributed, lede_uncheckable, distinct_sources)")]


def test_a_blank_key_is_shown_quoted(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    # a key made of a tab (found by the settings fuzz test) was printed as blank space after the location
    cfg = write(tmp_path / ".sourcing-audit.yaml", '"\\t": 1\n').resolve()
    code, _, err = check(capsys, write(tmp_path / "a.txt", ANON))
    assert _one_problem(code, err).splitlines() == [
        f"sourcing-audit: {cfg}:1:1: '\\t': unknown setting '\\t' (expected one of: rules, select, ignore, severity, "
        "fail-on, publisher, encoding, gates, per-path)"]
