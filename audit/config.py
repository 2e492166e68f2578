"""Settings: discovery (--config, .sourcing-audit.yaml, pyproject.toml), and applying them to a result.

STUB (issue 4): command-line flags and defaults only.
"""
from __future__ import annotations

import argparse
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from audit.errors import UsageError

if TYPE_CHECKING:
    from audit.cli import Printer
    from audit.inputs import SourceText
    from audit.models import DocumentResult
    from audit.rules import RuleSet


@dataclass(frozen=True)
class Settings:
    rules: tuple[str, ...] = ()
    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    severity: dict[str, str] = field(default_factory=dict)
    fail_on: str = "error"
    publisher: str | None = None
    encoding: str = "utf-8"
    origin: dict[str, str] = field(default_factory=dict)  # setting -> where it came from


def _ids(value: str | None) -> tuple[str, ...]:
    return tuple(v.strip() for v in (value or "").split(",") if v.strip())


def settings_for(path: str, args: argparse.Namespace) -> Settings:
    return Settings(rules=tuple(args.rules), select=_ids(getattr(args, "select", None)),
                    ignore=_ids(getattr(args, "ignore", None)), fail_on=args.fail_on or "error",
                    publisher=args.publisher, encoding=args.encoding or "utf-8")


def _wanted(check_id: str, settings: Settings) -> bool:
    def hit(ids: tuple[str, ...]) -> bool:
        return any(check_id == i or check_id.startswith(i) for i in ids)

    return (not settings.select or hit(settings.select)) and not hit(settings.ignore)


def apply_settings(doc: DocumentResult, src: SourceText, settings: Settings, rules: RuleSet) -> DocumentResult:
    import dataclasses

    findings = tuple(f for f in doc.findings if _wanted(f.check_id, settings))
    return dataclasses.replace(doc, findings=findings, source_format=src.format)


def config_command(args: argparse.Namespace, printer: Printer) -> int:
    raise UsageError("`config` is not available yet")
