"""AuditError and its subclasses: user mistakes, each with a one-line message (exit 2, no traceback)."""
from __future__ import annotations


class AuditError(Exception):
    """A mistake in what the user gave us: a file, a flag, a rules file. Shown as one line."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message

    def __str__(self) -> str:
        return self.message


class InputError(AuditError):
    """An article that cannot be read: missing, empty, binary, or not in the expected encoding."""


class RulesError(AuditError):
    """A rules file with problems; `problems` holds one `path:line:col: message` line each."""

    def __init__(self, problems: list[str]) -> None:
        self.problems = tuple(problems)
        super().__init__("\n".join(self.problems))


class UsageError(AuditError):
    """A bad combination of flags or arguments."""


class ConfigError(UsageError):
    """A settings file or suppression file with problems; `problems` holds one located line each
    (`path:line:col: message` for YAML, `path: message` for TOML)."""

    def __init__(self, problems: list[str]) -> None:
        self.problems = tuple(problems)
        super().__init__("\n".join(self.problems))
