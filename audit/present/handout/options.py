"""HandoutOptions: what a teacher asks of the handout (level, grade band, time, statements, paper), checked once.

A front-end builds it with `handout_options` from its own input (the CLI from its flags); every mistake is a
UsageError with one line for the user, raised before anything is read or written.
"""
from __future__ import annotations

from dataclasses import dataclass

from audit.errors import UsageError
from audit.rules.cache import code_pattern

LEVELS = ("intro", "standard", "advanced")
#: hunt rows per level; None: every statement of the article
HUNT_ROWS: dict[str, int | None] = {"intro": 8, "standard": 12, "advanced": None}
PAPERS = ("a4", "letter")
GRADE_MAX = 20
MINUTES_RANGE = (10, 240)
_STATEMENTS = code_pattern(r"\s*\d+\s*(?:,\s*\d+\s*)*")


@dataclass(frozen=True)
class HandoutOptions:
    level: str = "standard"  # intro | standard | advanced
    grade: str = "9-10"  # the grade band printed in the header; picks the standards it serves
    minutes: int = 45  # the time printed in the header
    statements: tuple[int, ...] = ()  # the teacher's hunt statements, numbered from 1 as printed; () to choose
    paper: str = "a4"  # a4 | letter
    title: str | None = None  # the article's title (default: its first line that is a claim)


def handout_options(level: str = "standard", grade: str = "9-10", minutes: str | int = 45,
                    statements: str | None = None, paper: str = "a4", title: str | None = None) -> HandoutOptions:
    """Check a front-end's raw values and return them typed; a bad value raises UsageError naming the flag."""
    if level not in LEVELS:
        raise UsageError(f"--level {level!r}: expected one of {', '.join(LEVELS)}")
    if paper not in PAPERS:
        raise UsageError(f"--paper {paper!r}: expected one of {', '.join(PAPERS)}")
    grade = " ".join(str(grade).split())
    if not grade or len(grade) > GRADE_MAX:
        raise UsageError(f"--grade {grade!r}: expected a short grade band such as 9-10")
    return HandoutOptions(level, grade, parse_minutes(minutes), parse_statements(statements), paper, title)


def parse_minutes(value: str | int) -> int:
    lo, hi = MINUTES_RANGE
    try:
        minutes = int(value)
    except ValueError:
        minutes = -1
    if not lo <= minutes <= hi:
        raise UsageError(f"--minutes {value!r}: expected a whole number of minutes from {lo} to {hi}")
    return minutes


def parse_statements(text: str | None) -> tuple[int, ...]:
    """'2,3,7' -> (2, 3, 7): statement numbers as the handout prints them (from 1), in the order given."""
    if text is None:
        return ()
    if not _STATEMENTS.fullmatch(text):
        raise UsageError(f"--statements {text!r}: expected statement numbers separated by commas, such as 2,3,7")
    numbers = tuple(dict.fromkeys(int(x) for x in text.split(",")))
    if 0 in numbers:
        raise UsageError(f"--statements {text!r}: statements are numbered from 1, as the handout prints them")
    return numbers


def check_statements(numbers: tuple[int, ...], count: int) -> None:
    """Every number the teacher gave names a statement of this article (1..count)."""
    beyond = [n for n in numbers if n > count]
    if beyond:
        raise UsageError(f"--statements: no statement {beyond[0]}; this article has statements 1 to {count}")
