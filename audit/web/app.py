"""The routes: the input page, the result page, downloads, Compare, Rules, the JSON API and a health check.

Each handler reads its form at the edge (`forms`), calls the library (`audit.api`) in a worker thread, and
renders a page (`pages`). Every user mistake is an AuditError, answered with its one line and a 4xx code: an
error page for the browser, {"error": ...} for the API. Nothing is written to disk; nothing is kept.
"""
from __future__ import annotations

import dataclasses
import threading
from collections.abc import Awaitable, Callable
from typing import Any

from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, Response
from starlette.routing import Route

from audit import __version__, api
from audit.errors import AuditError
from audit.models import DocumentResult
from audit.resources import resource
from audit.web import forms, pages
from audit.web.config import WebConfig
from audit.web.guard import ASGIApp, Guard

STATIC = {"web.css": ("web/web.css", "text/css"), "report.css": ("report.css", "text/css")}
_LIBRARY = threading.Lock()  # one audit or render at a time: the library's lazy caches and WeasyPrint are shared
Handler = Callable[[Request], Awaitable[Response]]


def error_response(path: str, status: int, message: str) -> Response:
    if path.startswith("/api/"):
        return JSONResponse({"error": message, "status": status}, status_code=status)
    page = pages.ErrorPage("Cannot audit this", "audit", status=status, message=message)
    return HTMLResponse(pages.render("error.html", page), status_code=status)


def _locked(fn: Callable[..., Any], *args: Any) -> Any:
    with _LIBRARY:
        return fn(*args)


async def call(fn: Callable[..., Any], *args: Any) -> Any:
    """A library call in a worker thread, so the server keeps answering while it runs."""
    return await run_in_threadpool(_locked, fn, *args)


async def read_form(request: Request, config: WebConfig) -> Any:
    from starlette.datastructures import FormData

    kind = request.headers.get("content-type", "")
    if kind.startswith("application/json"):  # the API also takes {"text": ..., "name": ..., "publisher": ...}
        body = await request.json()
        if not isinstance(body, dict):
            raise forms.WebError("the JSON body must be an object with a text field")
        return FormData({k: str(v) for k, v in body.items() if isinstance(v, (str, int, float))})
    return await request.form(max_files=2, max_fields=20, max_part_size=config.body_max)


def guarded(handler: Handler) -> Handler:
    """A handler whose user mistakes become a 4xx page (or API error), never a traceback."""
    async def run(request: Request) -> Response:
        try:
            return await handler(request)
        except AuditError as exc:
            status = exc.status if isinstance(exc, forms.WebError) else 400
            return error_response(request.url.path, status, str(exc))
        except ValueError as exc:  # a body that is not the form or JSON it claims to be
            return error_response(request.url.path, 400, f"the request could not be read: {exc}")
        finally:
            await request.close()  # an upload's spooled temporary file goes now, with the form
    return run


class Site:
    """The routes' handlers over one server's settings and rule set."""

    def __init__(self, config: WebConfig) -> None:
        self.config = config
        self.rules = api.rules_for(config.options.rules)

    async def audit_of(self, form: Any) -> tuple[forms.Request, DocumentResult]:
        req = await forms.request_from(form, self.config)
        if req.article.name.startswith("pasted.") and form.get("name"):  # the API may name pasted text
            article = dataclasses.replace(req.article, name=forms.safe_name(str(form.get("name"))))
            req = dataclasses.replace(req, article=article)
        return req, await call(api.audit_data, req.article.data, req.article.name, req.options)

    async def index(self, request: Request) -> Response:
        page = pages.InputPage("Sourcing audit", "audit", allow_private_urls=self.config.allow_private_urls)
        return HTMLResponse(pages.render("index.html", page))

    async def result(self, request: Request) -> Response:
        req, doc = await self.audit_of(await read_form(request, self.config))
        return HTMLResponse(pages.render("result.html", pages.result_page(doc, self.rules, req)))

    async def download(self, request: Request) -> Response:
        req = forms.download_from(await read_form(request, self.config), self.config)
        doc = await call(api.audit_data, req.article.data, req.article.name, req.options)
        return await self.file(request.path_params["kind"], req, doc)

    async def file(self, kind: str, req: forms.Request, doc: DocumentResult) -> Response:
        stem = req.article.name.rsplit(".", 1)[0]
        if kind == "json":
            body: bytes | str = api.result_json([doc], self.rules)
            media = "application/json"
        elif kind == "pdf":
            report = await call(api.render_report, doc, self.rules, None, req.title, req.paper, False, stem)
            body, media = report.pdf, "application/pdf"
        elif kind in ("worksheet", "answers"):  # the classroom handout: the student's sheet or the teacher's key
            options = api.handout_options(paper=req.paper, title=req.title)
            handout = await call(api.render_handout, doc, self.rules, options)
            body, media = (handout.student_pdf if kind == "worksheet" else handout.key_pdf), "application/pdf"
            disposition = f'attachment; filename="{stem}-{"student" if kind == "worksheet" else "key"}.pdf"'
            return Response(body, media_type=media, headers={"Content-Disposition": disposition})
        else:
            return error_response(f"/download/{kind}", 404, f"no download called {kind!r}")
        disposition = f'attachment; filename="{stem}.{kind}"'
        return Response(body, media_type=media, headers={"Content-Disposition": disposition})

    async def api_audit(self, request: Request) -> Response:
        req, doc = await self.audit_of(await read_form(request, self.config))
        return await self.file("json", req, doc)

    async def api_report(self, request: Request) -> Response:
        req, doc = await self.audit_of(await read_form(request, self.config))
        return await self.file("pdf", req, doc)

    async def compare(self, request: Request) -> Response:
        if request.method == "GET":
            return HTMLResponse(pages.render("compare.html", pages.ComparePage("Compare two versions", "compare")))
        form = await read_form(request, self.config)
        options, _, _ = forms.options_from(form, self.config)
        options = dataclasses.replace(options, readability=False)
        versions = [await forms.article_from(form, self.config, prefix) for prefix in ("old_", "new_")]
        old, new = [await call(api.audit_data, a.data, a.name, options) for a in versions]
        page = pages.ComparePage("Compare two versions", "compare", diff=api.diff_results(old, new))
        return HTMLResponse(pages.render("compare.html", page))

    async def rules_list(self, request: Request) -> Response:
        return HTMLResponse(pages.render("rules.html", pages.rules_page(self.rules)))

    async def static(self, request: Request) -> Response:
        name = request.path_params["name"]
        if name not in STATIC:  # a fixed list: no path from a request reaches the disk
            return error_response(request.url.path, 404, "no such file")
        path, media = STATIC[name]
        return Response(resource("templates").joinpath(path).read_bytes(), media_type=media)

    async def health(self, request: Request) -> Response:
        return JSONResponse({"status": "ok", "version": __version__, "rules": self.rules.version})

    async def http_error(self, request: Request, exc: Exception) -> Response:
        """Starlette's own refusals (no such page, wrong method, a malformed form) as the error page."""
        status = getattr(exc, "status_code", 400)
        message = {404: "no such page", 405: "not allowed here"}.get(status, str(getattr(exc, "detail", "")))
        return error_response(request.url.path, status, message or "the request could not be read")

    async def server_error(self, request: Request, exc: Exception) -> Response:
        """A bug: the page says so without a traceback (uvicorn logs it for the person running the server)."""
        return error_response(request.url.path, 500, "the tool failed on this input: a bug, please report it")

    def app(self) -> Starlette:
        post = ["POST"]
        routes = [Route("/", guarded(self.index)), Route("/audit", guarded(self.result), methods=post),
                  Route("/download/{kind}", guarded(self.download), methods=post),
                  Route("/compare", guarded(self.compare), methods=["GET", "POST"]),
                  Route("/rules", guarded(self.rules_list)),
                  Route("/api/audit", guarded(self.api_audit), methods=post),
                  Route("/api/report", guarded(self.api_report), methods=post),
                  Route("/static/{name}", self.static), Route("/health", self.health)]
        handlers = {HTTPException: self.http_error, Exception: self.server_error}
        return Starlette(routes=routes, exception_handlers=handlers)


def create_app(config: WebConfig | None = None) -> ASGIApp:
    """The whole application: the routes behind the guard (size limits, same-origin POSTs, security headers)."""
    config = config or WebConfig()

    def error(path: str, status: int, message: str) -> ASGIApp:
        return error_response(path, status, message)

    return Guard(Site(config).app(), error, config.body_max, config.loopback_only)
