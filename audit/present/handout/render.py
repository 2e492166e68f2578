"""The handout as files: the student's worksheet and the teacher's key, each a tagged PDF (and HTML), from
the same template and the report's renderer (its fonts, guarded fetcher and report.css)."""
from __future__ import annotations

from dataclasses import dataclass

from audit.models import DocumentResult
from audit.present.handout.context import HandoutContext, build_contexts
from audit.present.handout.options import HandoutOptions, check_statements
from audit.rules.ruleset import RuleSet

TEMPLATE = "handout.html"


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
    s_html, k_html = _html(student), _html(key)
    return RenderedHandout(_pdf(s_html), _pdf(k_html), s_html if html else None, k_html if html else None)


def _html(context: HandoutContext) -> str:
    from audit.present.render import default_renderer

    return default_renderer().html(context, TEMPLATE)


def _pdf(page: str) -> bytes:
    from audit.present.render import default_renderer

    return default_renderer().html_to_pdf(page)
