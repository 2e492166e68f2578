"""The language server: LSP messages in, the session's audits out (pygls speaks the protocol over stdio).

Features: diagnostics on open, on change (debounced) and on save, cleared on close; hover on a statement (its
label, source and rules with their why, and its findings); inlay hints (each statement's label); code actions
(a suppression comment in Markdown drafts); settings from `initializationOptions` and
`workspace/didChangeConfiguration`, and the settings file (.sourcing-audit.yaml, pyproject.toml) as `check` finds it.
"""
from __future__ import annotations

from pathlib import Path
from typing import Any

from lsprotocol import types
from pygls.lsp.server import LanguageServer
from pygls.uris import to_fs_path

from audit import __version__
from audit.lsp.actions import code_actions
from audit.lsp.options import LspConfig, configure
from audit.lsp.session import Session
from audit.lsp.views import hover_text, inlay_hints, lsp_range

#: The files whose change can change a draft's findings: settings files, suppression sidecars and rules files
#: (YAML files of any name: a settings file may name any as its rules; a changed one is loaded again).
WATCHED = ("**/.sourcing-audit.yaml", "**/*.sourcing-audit.yaml", "**/pyproject.toml", "**/*.yaml", "**/*.yml")


class AuditServer(LanguageServer):
    def __init__(self, config: LspConfig) -> None:
        super().__init__("sourcing-audit", __version__, text_document_sync_kind=types.TextDocumentSyncKind.Incremental)
        self.base = config
        self.session = Session(self, config)

    def root(self) -> Path | None:
        path = to_fs_path(self.workspace.root_uri) if self.workspace.root_uri else None
        return Path(path) if path else None

    def watch_settings(self) -> None:
        """Ask the client to tell us when a settings file or a sidecar changes, if it can."""
        caps = self.client_capabilities.workspace
        watched = caps.did_change_watched_files if caps else None
        if watched is None or not watched.dynamic_registration:
            return
        watchers = [types.FileSystemWatcher(glob_pattern=g) for g in WATCHED]
        options = types.DidChangeWatchedFilesRegistrationOptions(watchers=watchers)
        self.client_register_capability(types.RegistrationParams([types.Registration(
            "sourcing-audit-settings", types.WORKSPACE_DID_CHANGE_WATCHED_FILES, options)]))

    def reconfigure(self, given: Any) -> None:
        self.session.config, problems = configure(self.base, given, self.root())
        for problem in problems:
            self.session.show(problem, types.MessageType.Warning)


def build_server(config: LspConfig) -> AuditServer:
    server = AuditServer(config)
    _documents(server)
    _views(server)
    return server


def _documents(server: AuditServer) -> None:
    @server.feature(types.INITIALIZE)
    def initialize(ls: AuditServer, params: types.InitializeParams) -> None:
        ls.reconfigure(params.initialization_options)

    @server.feature(types.INITIALIZED)
    def initialized(ls: AuditServer, params: types.InitializedParams) -> None:
        ls.watch_settings()

    @server.feature(types.WORKSPACE_DID_CHANGE_CONFIGURATION)
    def changed_settings(ls: AuditServer, params: types.DidChangeConfigurationParams) -> None:
        if isinstance(params.settings, dict) and params.settings:
            ls.reconfigure(params.settings)
        ls.session.audit_all()

    @server.feature(types.TEXT_DOCUMENT_DID_OPEN)
    def did_open(ls: AuditServer, params: types.DidOpenTextDocumentParams) -> None:
        ls.session.schedule(params.text_document.uri, 0)

    @server.feature(types.TEXT_DOCUMENT_DID_CHANGE)
    def did_change(ls: AuditServer, params: types.DidChangeTextDocumentParams) -> None:
        ls.session.schedule(params.text_document.uri)

    @server.feature(types.TEXT_DOCUMENT_DID_SAVE)
    def did_save(ls: AuditServer, params: types.DidSaveTextDocumentParams) -> None:
        ls.session.schedule(params.text_document.uri, 0)

    @server.feature(types.WORKSPACE_DID_CHANGE_WATCHED_FILES)
    def files_changed(ls: AuditServer, params: types.DidChangeWatchedFilesParams) -> None:
        ls.session.audit_all()  # a settings file or a suppression sidecar changed: the drafts' findings may too

    @server.feature(types.TEXT_DOCUMENT_DID_CLOSE)
    def did_close(ls: AuditServer, params: types.DidCloseTextDocumentParams) -> None:
        ls.session.close(params.text_document.uri)


def _views(server: AuditServer) -> None:
    @server.feature(types.TEXT_DOCUMENT_HOVER)
    async def hover(ls: AuditServer, params: types.HoverParams) -> types.Hover | None:
        audited = await ls.session.current(params.text_document.uri)
        if audited is None:
            return None
        found = hover_text(audited, audited.offset(params.position.line, params.position.character))
        if found is None:
            return None
        text, (start, end) = found
        return types.Hover(types.MarkupContent(types.MarkupKind.Markdown, text), lsp_range(audited, start, end))

    @server.feature(types.TEXT_DOCUMENT_INLAY_HINT)
    async def hints(ls: AuditServer, params: types.InlayHintParams) -> list[types.InlayHint] | None:
        if not ls.session.config.inlay_hints:
            return None
        audited = await ls.session.current(params.text_document.uri)
        if audited is None:
            return None
        r = params.range
        return inlay_hints(audited, audited.offset(r.start.line, r.start.character),
                           audited.offset(r.end.line, r.end.character))

    @server.feature(types.TEXT_DOCUMENT_CODE_ACTION,
                    types.CodeActionOptions(code_action_kinds=[types.CodeActionKind.QuickFix]))
    async def actions(ls: AuditServer, params: types.CodeActionParams) -> list[types.CodeAction] | None:
        audited = await ls.session.current(params.text_document.uri)
        if audited is None:
            return None
        return code_actions(audited, params.text_document.uri, list(params.context.diagnostics))


def run_server(config: LspConfig) -> None:
    """Serve LSP over standard input and output until the client says exit."""
    build_server(config).start_io()
