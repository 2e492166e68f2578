"""The pages' typed contexts and their rendering from the templates (templates/web/, with the report's partials).

Templates get the page's context as `page`, and the report's context as `ctx` where they reuse its partials;
autoescape is on, so an article's markup shows as text.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from audit import __version__
from audit.models import DocumentResult, Label
from audit.present.annotate import LEGEND, STYLES, LabelStyle

if TYPE_CHECKING:
    import jinja2

    from audit.present.diff import DiffResult
    from audit.present.report import ReportContext
    from audit.rules.ruleset import RuleSet
    from audit.web.forms import Request

HANDOUT_READY = True  # the classroom handout (audit.api.render_handout) is offered as two downloads


@dataclass(frozen=True)
class Page:
    """What every page shows: its title, the navigation's current item, the tool's version."""

    title: str
    nav: str
    version: str = __version__


@dataclass(frozen=True)
class InputPage(Page):
    allow_private_urls: bool = False
    papers: tuple[str, ...] = ("a4", "letter")


@dataclass(frozen=True)
class Download:
    """The article again, for the download forms: the server keeps nothing between requests."""

    payload: str
    name: str
    title: str
    publisher: str
    paper: str
    handout: bool = HANDOUT_READY


@dataclass(frozen=True)
class ResultPage(Page):
    report: ReportContext | None = None
    sources: dict[int, str] = field(default_factory=dict)  # statement number (from 1) -> its source's name
    labels: tuple[LabelStyle, ...] = LEGEND  # the filter's choices, in the legend's order
    counts: dict[str, int] = field(default_factory=dict)  # statements per label
    download: Download | None = None
    url: str | None = None
    name: str = ""


@dataclass(frozen=True)
class ErrorPage(Page):
    status: int = 400
    message: str = ""


@dataclass(frozen=True)
class RuleView:
    id: str
    kind: str
    label: str
    message: str
    why: str
    fix: str
    standard: str
    matches: tuple[str, ...]
    no_matches: tuple[str, ...]


@dataclass(frozen=True)
class RulesPage(Page):
    rules: tuple[RuleView, ...] = ()
    checks: tuple[RuleView, ...] = ()


@dataclass(frozen=True)
class ComparePage(Page):
    diff: DiffResult | None = None
    styles: dict[str, LabelStyle] = field(default_factory=lambda: {s.label: s for s in LEGEND})


def result_page(doc: DocumentResult, rules: RuleSet, request: Request) -> ResultPage:
    from audit.api import report_context

    report = report_context(doc, rules, dt.date.today(), request.title, request.paper)
    names = {src.id: src.name for src in doc.sources}
    sources = {ls.index + 1: names[ls.source_id] for ls in doc.statements if ls.source_id in names}
    counts = {STYLES[label].label: sum(1 for ls in doc.statements if ls.label is label) for label in Label}
    article = request.article
    download = Download(request.payload, article.name, request.title or "", request.options.publisher or "",
                        request.paper)
    return ResultPage(f"Sourcing audit: {report.title}", "audit", report=report, sources=sources, counts=counts,
                      download=download, url=article.url, name=article.name)


def rules_page(rules: RuleSet) -> RulesPage:
    from audit.judge.suppress import META_CHECKS

    def examples(items: Any) -> tuple[str, ...]:
        return tuple(e.text for e in items)

    views = tuple(RuleView(r.id, r.kind, r.label.value if r.label else "from the source", r.message, r.why, "", "",
                           examples(r.match), examples(r.no_match)) for r in rules.rules)
    checks = tuple(RuleView(c.id, c.kind, c.severity, c.message, c.why, c.fix, c.standard, examples(c.match),
                            examples(c.no_match)) for c in rules.checks)
    checks += tuple(RuleView(m.id, "suppression", "warning", m.message, m.why, m.fix, "", (), ())
                    for m in META_CHECKS.values())
    return RulesPage("Rules and checks", "rules", rules=views, checks=checks)


@lru_cache(maxsize=1)
def environment() -> jinja2.Environment:
    from audit.present.render import template_environment, templates_dir

    return template_environment(templates_dir())


def render(template: str, page: Page) -> str:
    report = getattr(page, "report", None)
    return environment().get_template(f"web/{template}").render(page=page, ctx=report)
