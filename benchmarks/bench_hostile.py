"""Cost of hostile shapes of text (issue 14): each must grow linearly, 4x the text taking at most 5x the time.

Run: .venv/bin/python benchmarks/bench_hostile.py [--shape NAME ...] [--scale 1.0]

For each shape below, the text at three sizes (1x, 2x, 4x), audited in this process with `audit_text` (the
report shape renders the PDF; the suppression shape reads a Markdown file through `audit_source`; person-name
calls the roster's name extraction on one source phrase); the best of
--repeat runs for each size, and the ratio time(4x) / time(1x) against the bar of 5. The reference is the same
shape at 1x in the same run. Figures go in the issue note, not in a test (STYLE.md, Habits 4).
"""
from __future__ import annotations

import argparse
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from audit.api import audit_source  # noqa: E402
from audit.pipeline import audit_text  # noqa: E402


def many_anonymous(n: int) -> str:
    """Many anonymous attributions in one sentence: the roster and find_attributions."""
    return "Officials said it and " * (n // 22) + "officials said it.\n"


def who_said(n: int) -> str:
    """`relative-who-said` on 'who' and one long capitalised word."""
    return "The man who " + "A" * n + " said it.\n"


def caps_before_said(n: int) -> str:
    """The roster's name extraction on a long run of capitalised words before 'Bob said'."""
    return "Then " + "Abc " * (n // 4) + "Bob said the plan would work.\n"


def comma_runs(n: int) -> str:
    """The duplicate-paragraph check's end punctuation on runs of commas (two equal paragraphs)."""
    para = "The mayor said the budget would pass on Tuesday " + "," * n + " x\n"
    return para + "\n" + para


def opinion_quotes(n: int) -> str:
    """The anonymous-opinion check: many hits, many quotations."""
    unit = 'Officials said the plan was "a clear disaster for everyone in town," an aide said. '
    return (unit * (n // len(unit))).strip() + "\n"


def pronoun_quotes(n: int) -> str:
    """Pronoun sources in one long paragraph: the pronoun resolver's look-back (audit.label.referents)."""
    unit = "Tom Diaz spoke. “No,” he said. "
    return unit * (n // len(unit)) + "\n"


def many_sources(n: int) -> str:
    """Many attributions in one statement: which of them govern it (audit.label.governs)."""
    unit = "Officials said it, "
    return "It will rain, said Smith, " + unit * (n // len(unit)) + "the mayor said.\n"


def quotes_in_one_statement(n: int) -> str:
    """Many short quotations in one statement that opens with a single mark and never closes its brackets: what
    follows each quotation and whether the paragraph is a heading (audit.label.carry.attach_quotations)."""
    unit = '"a b" [ ( '
    return "‘" + unit * (n // len(unit)) + "end.\n"


def one_line_paragraphs(n: int) -> str:
    """Many short one-line paragraphs."""
    return "The mayor said it.\n" * (n // 19)


def suppressed_markdown(n: int) -> str:
    unit = ("<!-- sourcing-audit: disable-next anonymous-bare -- reason: approved -->\n\n"
            "Officials said the plan would work.\n\n")
    return unit * (n // len(unit))


SHAPES: dict[str, tuple[Callable[[int], str], int]] = {  # builder, 1x size in characters
    "many-anonymous": (many_anonymous, 11_000),
    "who-said": (who_said, 5_000),
    "caps-before-said": (caps_before_said, 5_000),
    "comma-runs": (comma_runs, 10_000),
    "opinion-quotes": (opinion_quotes, 50_000),
    "one-line-paragraphs": (one_line_paragraphs, 95_000),
    "pronoun-quotes": (pronoun_quotes, 40_000),
    "many-sources": (many_sources, 20_000),
    "quotes-in-one-statement": (quotes_in_one_statement, 20_000),
    "suppressions": (suppressed_markdown, 100_000),
    "person-name": (lambda n: "Abc " * (n // 4) + "bob", 5_000),
    "report-long-word": (lambda n: "The mayor said " + "x" * n + ".\n", 10_000),
}


def run_shape(name: str, size: int, folder: Path) -> float:
    build, _ = SHAPES[name]
    text = build(size)
    start = time.perf_counter()
    if name == "suppressions":
        path = folder / "draft.md"
        path.write_text(text, encoding="utf-8")
        audit_source(path)
    elif name == "person-name":  # the roster's name extraction, on a source phrase of a long capitalised run
        from audit.label.roster import person_name
        from audit.rules.loader import default_rules

        person_name(text, default_rules())
    elif name.startswith("report"):
        from audit.present.report import render_report
        from audit.rules.loader import default_rules

        render_report(audit_text(text, "a.txt"), default_rules())
    else:
        audit_text(text, "a.txt", with_readability=False)
    return time.perf_counter() - start


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--shape", action="append", choices=sorted(SHAPES), help="only these shapes (repeatable)")
    ap.add_argument("--scale", type=float, default=1.0, help="multiply every 1x size by this")
    ap.add_argument("--repeat", type=int, default=2, help="runs per size; the best is kept (default 2)")
    args = ap.parse_args()
    audit_text("Warm-up: the mayor said so.\n", "w.txt")
    print(f"{'shape':<22}{'1x chars':>10}{'1x s':>9}{'2x s':>9}{'4x s':>9}{'4x/1x':>8}  bar 5")
    worst = 0.0
    with tempfile.TemporaryDirectory() as tmp:
        for name in args.shape or SHAPES:
            base = int(SHAPES[name][1] * args.scale)
            times = [min(run_shape(name, base * k, Path(tmp)) for _ in range(args.repeat)) for k in (1, 2, 4)]
            ratio = times[2] / max(times[0], 1e-9)
            worst = max(worst, ratio)
            print(f"{name:<22}{base:>10,}{times[0]:>9.3f}{times[1]:>9.3f}{times[2]:>9.3f}{ratio:>8.2f}"
                  f"  {'ok' if ratio <= 5 else 'OVER'}", flush=True)
    return 0 if worst <= 5 else 1


if __name__ == "__main__":
    sys.exit(main())
