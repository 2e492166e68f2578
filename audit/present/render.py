"""The jinja2 environment and WeasyPrint: HTML and PDF from the same templates.

A `Renderer` holds what is costly to build (the template environment, WeasyPrint's font configuration, its
guarded URL fetcher and the parsed report.css) so one process can render many reports; `render_html` and
`render_pdf` use one shared instance. WeasyPrint is imported only when a PDF is wanted, so `check` stays fast.
"""
from __future__ import annotations

import gc
import sys
from collections.abc import Iterator, Sequence
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from datetime import datetime
from functools import lru_cache
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

import jinja2

from audit.resources import resource

PDF_VARIANT = "pdf/ua-1"  # tagged PDF for screen readers; WeasyPrint 70 also offers pdf/ua-2
STYLESHEET = "report.css"
PDF_STYLESHEET = "report-pdf.css"  # after STYLESHEET in every PDF: what only the PDF draws differently
PRINT_TEMPLATE = "print.html"  # report.html without its inline copy of STYLESHEET, which the PDF gets parsed


@dataclass(frozen=True)
class PdfAttachment:
    """A file embedded in the PDF (the JSON result), dated for reproducible output."""

    name: str
    data: bytes
    description: str
    date: datetime


def templates_dir() -> Path:
    return resource("templates").resolve()


def template_environment(directory: Path) -> jinja2.Environment:
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(str(directory)), autoescape=True,
                             undefined=jinja2.StrictUndefined, trim_blocks=True, lstrip_blocks=True,
                             keep_trailing_newline=True, bytecode_cache=_bytecode_cache())
    env.filters["pct"] = lambda x: f"{round(x * 100)}%"
    return env


class _TemplateCache(jinja2.FileSystemBytecodeCache):
    """Compiled templates kept in the start-up cache (audit.rules.cache), keyed by template and file, checked
    against the source's checksum: compiling the report's templates was a tenth of a one-report run. A cache
    that cannot be read or written only costs time."""

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        with suppress(OSError):
            super().load_bytecode(bucket)

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        with suppress(OSError):
            Path(self.directory).mkdir(parents=True, exist_ok=True)
            super().dump_bytecode(bucket)


def _bytecode_cache() -> jinja2.BytecodeCache | None:
    from audit.rules.cache import folder

    where = folder()
    version = f"py{sys.version_info[0]}.{sys.version_info[1]}"
    return None if where is None else _TemplateCache(str(where / f"templates-{version}"))


def guarded_fetcher(allowed: Path) -> Any:
    """A WeasyPrint URL fetcher that serves files under `allowed` and refuses everything else.

    The article text is data: nothing it names (file://, http://, data:) may be read. Every URL asked
    for is recorded in `.requested`, every refused one in `.refused`, so tests can see the attempts.
    """
    from weasyprint import URLFetcher

    class GuardedFetcher(URLFetcher):  # type: ignore[misc]
        def __init__(self) -> None:
            super().__init__(allowed_protocols=("file",), allow_redirects=False)
            self.requested: list[str] = []
            self.refused: list[str] = []

        def fetch(self, url: str, headers: Any = None) -> Any:
            self.requested.append(url)
            if not _under(url, allowed):
                self.refused.append(url)
                raise ValueError(f"refused to fetch {url!r}: reports read only their own templates")
            return super().fetch(url, headers)

    return GuardedFetcher()


def _under(url: str, allowed: Path) -> bool:
    parts = urlsplit(url)
    if parts.scheme != "file" or parts.netloc not in ("", "localhost"):
        return False
    path = Path(unquote(parts.path)).resolve()
    return path.is_relative_to(allowed)


class Renderer:
    """Templates, fonts, fetcher and stylesheet, built once and reused for every report of the process."""

    def __init__(self, directory: Path | None = None) -> None:
        self.directory = (directory or templates_dir()).resolve()
        self.env = template_environment(self.directory)
        self._weasy: tuple[Any, Any, Any] | None = None
        self._sheets: dict[str, Any] = {}

    def html(self, context: Any, template: str = "report.html") -> str:
        return self.env.get_template(template).render(ctx=context)

    def pdf(self, context: Any, attachments: Sequence[PdfAttachment] = ()) -> bytes:
        return self.html_to_pdf(self.html(context, PRINT_TEMPLATE), attachments, stylesheet=True)

    @property
    def fetcher(self) -> Any:
        return self._weasyprint()[1]

    def _weasyprint(self) -> tuple[Any, Any, Any]:
        if self._weasy is None:
            import weasyprint
            from weasyprint.text.fonts import FontConfiguration

            fonts, fetcher = FontConfiguration(), guarded_fetcher(self.directory)
            source, _, _ = self.env.loader.get_source(self.env, STYLESHEET)  # type: ignore[union-attr]
            css = weasyprint.CSS(string=source, base_url=self.directory.as_uri() + "/", url_fetcher=fetcher,
                                 font_config=fonts)
            self._weasy = (fonts, fetcher, css)
        return self._weasy

    def stylesheet(self, name: str) -> Any:
        """Another stylesheet of the templates (handout.css), parsed once per process like report.css."""
        if name not in self._sheets:
            import weasyprint

            fonts, fetcher, _ = self._weasyprint()
            source, _, _ = self.env.loader.get_source(self.env, name)  # type: ignore[union-attr]
            self._sheets[name] = weasyprint.CSS(string=source, base_url=self.directory.as_uri() + "/",
                                                url_fetcher=fetcher, font_config=fonts)
        return self._sheets[name]

    def html_to_pdf(self, html: str, attachments: Sequence[PdfAttachment] = (), stylesheet: bool = False,
                    extra: Sequence[str] = ()) -> bytes:
        """Lay out HTML (already rendered from the templates) as a tagged PDF with its attachments; with
        `stylesheet`, report.css and report-pdf.css (parsed once per process) style a page that does not embed
        them, and then each stylesheet named in `extra`, in order (a later rule wins over an earlier one)."""
        import weasyprint

        fonts, fetcher, css = self._weasyprint()
        sheets = [css, *(self.stylesheet(name) for name in (PDF_STYLESHEET, *extra))] if stylesheet else None
        files = [weasyprint.Attachment(string=a.data, name=a.name, description=a.description, created=a.date,
                                       modified=a.date, relationship="Data", url_fetcher=fetcher)
                 for a in attachments]
        doc = weasyprint.HTML(string=html, base_url=self.directory.as_uri() + "/", url_fetcher=fetcher)
        with _collector_paused():
            pdf = doc.write_pdf(font_config=fonts, pdf_variant=PDF_VARIANT, attachments=files,
                                stylesheets=sheets)
        assert isinstance(pdf, bytes)
        return pdf


@contextmanager
def _collector_paused() -> Iterator[None]:
    """Layout builds a large box tree, full of reference cycles, that the cyclic collector would scan again
    and again (about a fifth of the render time): pause it for one render, then collect the tree at once.
    With the collector paused, everything the render made is still in the youngest generation, so collecting
    that one frees the tree without scanning every object of the process (modules, fonts, rules): a quarter
    of the cost of a full collection. (The CLI, which owns its process, also freezes what the first render
    loaded: see audit.cli.documents.)
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()
            gc.collect(0)


@lru_cache(maxsize=1)
def default_renderer() -> Renderer:
    return Renderer()


def render_html(context: Any) -> str:
    return default_renderer().html(context)


def render_pdf(context: Any, attachments: Sequence[PdfAttachment] = ()) -> bytes:
    return default_renderer().pdf(context, attachments)
