"""The server's state: each open draft's latest audit, the debounced runs, and messages shown once.

Audits run one at a time on a worker thread, so the protocol stays responsive while a long draft is audited; a
result is published only if the draft has not changed since (a newer run is then on its way).
"""
from __future__ import annotations

import asyncio
import logging
from concurrent.futures import ThreadPoolExecutor
from typing import TYPE_CHECKING

from lsprotocol import types
from pygls.uris import to_fs_path

from audit.errors import AuditError, ConfigError, InputError, RulesError
from audit.lsp.drafts import Audited, audit_draft, draft_name
from audit.lsp.options import LspConfig
from audit.lsp.views import diagnostics

if TYPE_CHECKING:
    from pygls.lsp.server import LanguageServer

log = logging.getLogger("sourcing-audit.lsp")


class Session:
    def __init__(self, server: LanguageServer, config: LspConfig) -> None:
        self.server = server
        self.config = config
        self.results: dict[str, Audited] = {}
        self.pending: dict[str, asyncio.Task[None]] = {}
        self.worker = ThreadPoolExecutor(max_workers=1, thread_name_prefix="audit")
        self.shown: str | None = None  # the last error shown, so that each keystroke does not show it again

    def show(self, message: str, kind: types.MessageType = types.MessageType.Error) -> None:
        if message != self.shown:
            self.shown = message
            self.server.window_show_message(types.ShowMessageParams(kind, message))

    def name(self, uri: str) -> str | None:
        """The name a draft is audited under, or None when the document is not a draft the server audits."""
        if uri not in self.server.workspace.text_documents:
            return None
        document = self.server.workspace.get_text_document(uri)
        path = to_fs_path(uri) if uri.startswith("file:") else None
        return draft_name(path or uri.rpartition("/")[2].rpartition(":")[2] or "untitled", document.language_id)

    def schedule(self, uri: str, delay: float | None = None) -> None:
        """Audit the draft after `delay` seconds (the debounce) unless it changes again before then."""
        old = self.pending.pop(uri, None)
        if old is not None:
            old.cancel()
        self.pending[uri] = asyncio.get_running_loop().create_task(
            self._later(uri, self.config.debounce if delay is None else delay))

    async def _later(self, uri: str, delay: float) -> None:
        if delay:
            await asyncio.sleep(delay)
        try:
            await self.audit(uri)
        except Exception as exc:  # a bug: keep serving, say so once, and log the traceback (stderr)
            log.exception("auditing %s failed", uri)
            self.show(f"sourcing-audit: auditing failed (a bug; the traceback is in the server's log): {exc!r}")

    def close(self, uri: str) -> None:
        task = self.pending.pop(uri, None)
        if task is not None:
            task.cancel()
        self.results.pop(uri, None)
        self.server.text_document_publish_diagnostics(types.PublishDiagnosticsParams(uri, []))

    async def current(self, uri: str) -> Audited | None:
        """The draft's audit at its current version: the published one, that of the run under way (a hover or
        the editor's inlay-hint requests while typing wait for the debounced run, not audit again), or a new one."""
        task = self.pending.get(uri)
        if task is not None and not task.done():
            await asyncio.wait({task})  # returns when it ends, cancelled or not
        found = self.results.get(uri)
        if uri in self.server.workspace.text_documents:
            if found is not None and found.version == self.server.workspace.get_text_document(uri).version:
                return found
            return await self.audit(uri, publish=False)
        return None

    async def audit(self, uri: str, publish: bool = True) -> Audited | None:
        """Audit the draft as it is now; publish its diagnostics unless it changed meanwhile."""
        name = self.name(uri)
        if name is None:
            return None
        document = self.server.workspace.get_text_document(uri)
        text, version = document.source, document.version
        agreed = self.server.workspace.position_encoding  # a PositionEncodingKind, or a string
        encoding = str(getattr(agreed, "value", agreed) or "utf-16")
        loop = asyncio.get_running_loop()
        try:
            audited = await loop.run_in_executor(self.worker, audit_draft, text, name, self.config.options,
                                                 version, encoding)
        except (RulesError, ConfigError) as exc:  # the settings or rules are broken, not this draft
            self.show(f"sourcing-audit: {exc}")
            return self._publish(uri, version, None)
        except InputError:  # an empty draft: nothing to say about it
            return self._publish(uri, version, None)
        except AuditError as exc:
            self.show(f"sourcing-audit: {exc}")
            return self._publish(uri, version, None)
        self.shown = None
        if publish:
            return self._publish(uri, version, audited)
        return audited

    def _publish(self, uri: str, version: int | None, audited: Audited | None) -> Audited | None:
        if uri not in self.server.workspace.text_documents:
            return None  # closed meanwhile
        if self.server.workspace.get_text_document(uri).version != version:
            return audited  # changed meanwhile: the run for the new text publishes
        if audited is None:
            self.results.pop(uri, None)
        else:
            self.results[uri] = audited
        found = diagnostics(audited) if audited is not None else []
        self.server.text_document_publish_diagnostics(types.PublishDiagnosticsParams(uri, found, version))
        self._refresh_hints()
        return audited

    def _refresh_hints(self) -> None:
        caps = self.server.client_capabilities.workspace
        if self.config.inlay_hints and caps and caps.inlay_hint and caps.inlay_hint.refresh_support:
            self.server.workspace_inlay_hint_refresh(None)

    def audit_all(self) -> None:
        """Audit every open draft again now (the settings changed)."""
        for uri in list(self.server.workspace.text_documents):
            self.schedule(uri, 0)
