"""`sourcing-audit diff OLD NEW`: how the sourcing of a draft changed between two versions.

STUB (issue 4).
"""
from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

from audit.errors import UsageError

if TYPE_CHECKING:
    from audit.cli import Printer
    from audit.rules import RuleSet


def diff_command(args: argparse.Namespace, rules: RuleSet, printer: Printer) -> int:
    raise UsageError("`diff` is not available yet")
