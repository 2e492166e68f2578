"""The handout as files: the student's worksheet and the teacher's key, each a tagged PDF (and HTML), from
the same template and the report's renderer (its fonts, guarded fetcher and report.css)."""
from __future__ import annotations

from dataclasses import dataclass

from audit.models import DocumentResult
from audit.present.handout.context import HandoutContext, build_contexts
from audit.present.handout.options import HandoutOptions, check_statements
from audit.rules.ruleset import RuleSet

TEMPLATE = "handout.html"
PRINT_TEMPLATE = "handout-print.html"  # handout.html without its inline copies of the stylesheets
STYLESHEETS = ("handout.css",)  # after report.css, parsed once per process


@dataclass(frozen=True)
class RenderedHandout:
    """Both halves of one article's handout, rendered in memory (nothing is written here)."""

    student_pdf: bytes
    key_pdf: bytes
    student_html: str | None
    key_html: str | None


def render_handout(result: DocumentResult, rules: RuleSet, options: HandoutOptions | None = None,
                   html: bool = False) -> RenderedHandout:
    """Render the worksheet and its key for one audited article. Raises UsageError when options.statements
    names a statement the article does not have."""
    options = options or HandoutOptions()
    check_statements(options.statements, len(result.statements))
    student, key = build_contexts(result, rules, options)
    return RenderedHandout(_pdf(student), _pdf(key), _html(student) if html else None, _html(key) if html else None)


def _html(context: HandoutContext) -> str:
    from audit.present.render import default_renderer

    return default_renderer().html(context, TEMPLATE)


def _pdf(context: HandoutContext) -> bytes:
    from audit.present.render import default_renderer

    renderer = default_renderer()
    return renderer.html_to_pdf(renderer.html(context, PRINT_TEMPLATE), stylesheet=True, extra=STYLESHEETS)
