"""The settings in force for one input, and the names and defaults of the settings."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from audit.judge.gates import Gate

FILENAME = ".sourcing-audit.yaml"
TABLE = "[tool.sourcing-audit]"
KEYS = ("rules", "select", "ignore", "severity", "fail-on", "publisher", "encoding", "gates", "per-path")
FAIL_ON = ("error", "warning", "info", "never")
DEFAULTS: dict[str, Any] = {"rules": (), "select": (), "ignore": (), "severity": {}, "fail-on": "error",
                             "publisher": None, "encoding": "utf-8", "gates": ()}


@dataclass(frozen=True)
class Settings:
    rules: tuple[str, ...] = ()
    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    severity: dict[str, str] = field(default_factory=dict)
    fail_on: str = "error"
    publisher: str | None = None
    encoding: str = "utf-8"
    gates: tuple[Gate, ...] = ()
    config: str | None = None  # the settings file in force
    origin: dict[str, str] = field(default_factory=dict)  # setting -> where it came from
    entries: dict[str, str] = field(default_factory=dict)  # "select:ID" -> where that id was written

    def wanted(self, check_id: str) -> bool:
        """A check or gate selected (or no select) and not ignored; ids match exactly or by prefix."""
        def hit(ids: tuple[str, ...]) -> bool:
            return any(check_id.startswith(i) for i in ids)

        return (not self.select or hit(self.select)) and not hit(self.ignore)
