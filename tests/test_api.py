"""The public library API (audit/__init__.py): what every front-end calls, with one AuditOptions value."""
from __future__ import annotations

import dataclasses
import datetime as dt
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

import audit
from audit import AuditOptions, audit_file, audit_source, audit_text, load_rules, render_report, settings_for
from audit.models import DocumentResult

REPO = Path(__file__).resolve().parents[1]
SEED = REPO / "seeds" / "putin-trump-tomahawk.txt"
ANON = "Officials said the plan failed.\n"


def test_every_public_name_resolves() -> None:
    for name in audit.__all__:
        assert getattr(audit, name) is not None, name
    with pytest.raises(AttributeError):
        audit.no_such_name  # noqa: B018


def test_import_audit_is_cheap_and_the_library_needs_no_argparse() -> None:
    script = textwrap.dedent(f"""
        import sys
        import audit
        heavy = [m for m in ("yaml", "audit.pipeline", "audit.cli", "jinja2", "weasyprint") if m in sys.modules]
        assert not heavy, heavy
        result = audit.audit_source({str(SEED)!r}, audit.AuditOptions(readability=False))
        assert result.statements
        assert "argparse" not in sys.modules and "audit.cli" not in sys.modules
    """)
    proc = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, cwd="/", timeout=120)
    assert proc.returncode == 0, proc.stderr


def test_audit_text_and_audit_file_agree() -> None:
    by_text = audit_text(SEED.read_text(encoding="utf-8"), str(SEED))
    by_file = audit_file(SEED)
    assert isinstance(by_text, DocumentResult)
    assert [(s.label, s.rule_ids) for s in by_text.statements] == [(s.label, s.rule_ids) for s in by_file.statements]


def test_audit_source_applies_the_options_as_check_does(tmp_path: Path) -> None:
    draft = tmp_path / "draft.txt"
    draft.write_text(ANON, encoding="utf-8")
    everything = audit_source(draft)
    assert any(f.check_id.startswith("anonymous-") for f in everything.findings)
    ignored = audit_source(draft, AuditOptions(ignore=("anonymous-",)))
    assert not any(f.check_id.startswith("anonymous-") for f in ignored.findings)
    assert [s.label for s in ignored.statements] == [s.label for s in everything.statements]


def test_settings_for_discovers_the_settings_file_and_layers_the_options(tmp_path: Path) -> None:
    (tmp_path / ".sourcing-audit.yaml").write_text("publisher: The Herald\nfail-on: warning\n", encoding="utf-8")
    draft = tmp_path / "drafts" / "a.txt"
    draft.parent.mkdir()
    draft.write_text(ANON, encoding="utf-8")
    found = settings_for(str(draft))
    assert (found.publisher, found.fail_on, found.config) == ("The Herald", "warning",
                                                              str(tmp_path / ".sourcing-audit.yaml"))
    over = settings_for(str(draft), AuditOptions(publisher="The Times"))
    assert (over.publisher, over.origin["publisher"]) == ("The Times", "--publisher")


def test_options_are_one_frozen_value() -> None:
    options = AuditOptions(rules=("extra.yaml",), publisher="The Herald")
    with pytest.raises(dataclasses.FrozenInstanceError):
        options.publisher = "x"  # type: ignore[misc]


def test_load_rules_and_render_report() -> None:
    rules = load_rules()
    assert rules.rules and rules.checks
    result = audit_text(SEED.read_text(encoding="utf-8"), str(SEED), rules)
    report = render_report(result, rules, dt.date(2026, 11, 25), html=True)
    assert report.pdf.startswith(b"%PDF")
    assert report.html is not None and "2026-11-25" in report.html
