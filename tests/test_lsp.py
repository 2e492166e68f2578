"""`sourcing-audit lsp` spoken to over stdio as an editor would (tests/lsp_client.py frames JSON-RPC by hand), and
its pure parts: LSP positions in UTF-16 (and UTF-8, UTF-32), the client's settings, which documents are drafts.

Expected positions are worked out from the draft's text here (its lines, and each sentence's place in them in
UTF-16 code units), and expected findings from what the sentences say: "officials said" is a bare anonymous
source with no reason given; an unattributed sentence in the lede is an unsourced lede claim.
"""
from __future__ import annotations

import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from audit import api
from audit.lsp.drafts import draft_name
from audit.lsp.options import LspConfig, configure
from audit.lsp.positions import LineIndex, units
from tests.lsp_client import Client

REPO = Path(__file__).resolve().parents[1]
HEADLINE = "# Café “Zoë” 😀 reopens"
LEDE = "Zoë Müller 😀 reopened the café on Rue Öst."
ANON = "The lease runs out in May, officials said."
OWNER = "The owner, Zoë Müller, said she would stay. “We will be back,” she said."
DRAFT = f"{HEADLINE}\n\n{LEDE} {ANON}\n\n{OWNER}\n"


def utf16(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


def span(text: str, sentence: str, encode: Any = utf16) -> dict[str, Any]:
    """The LSP range of a sentence in a text, found by hand: its line, and code units before it on that line."""
    for n, line in enumerate(text.splitlines()):
        if sentence in line:
            before = line[:line.index(sentence)]
            return {"start": {"line": n, "character": encode(before)},
                    "end": {"line": n, "character": encode(before + sentence)}}
    raise AssertionError(f"{sentence!r} not in the text")


def found(diagnostics: list[dict[str, Any]]) -> set[tuple[str, int, int, int, int]]:
    return {(d["code"], d["range"]["start"]["line"], d["range"]["start"]["character"], d["range"]["end"]["line"],
             d["range"]["end"]["character"]) for d in diagnostics}


def expect(*pairs: tuple[str, dict[str, Any]]) -> set[tuple[str, int, int, int, int]]:
    return {(code, r["start"]["line"], r["start"]["character"], r["end"]["line"], r["end"]["character"])
            for code, r in pairs}


# ---- positions, settings and drafts (no server) ----

def test_utf16_positions_count_surrogate_pairs() -> None:
    index = LineIndex(DRAFT)
    offset = DRAFT.index(ANON)
    assert index.position(offset) == (2, utf16(LEDE + " "))
    assert utf16(LEDE + " ") == len(LEDE + " ") + 1  # the emoji is two UTF-16 code units, one code point
    assert index.offset(2, utf16(LEDE + " ")) == offset


def test_utf8_and_utf32_positions() -> None:
    offset = DRAFT.index(ANON)
    assert LineIndex(DRAFT, "utf-8").position(offset) == (2, len((LEDE + " ").encode("utf-8")))
    assert LineIndex(DRAFT, "utf-32").position(offset) == (2, len(LEDE + " "))
    with pytest.raises(ValueError):
        LineIndex(DRAFT, "latin-1")


def test_lines_end_at_crlf_lf_and_cr() -> None:
    text = "a😀\r\nb\rc\nd"
    index = LineIndex(text)
    assert [index.position(text.index(c)) for c in "abcd"] == [(0, 0), (1, 0), (2, 0), (3, 0)]
    assert index.position(text.index("\r")) == (0, 3)  # the line break is not a character of the line
    assert index.offset(0, 99) == text.index("\r")  # past the line's end: its end
    assert index.offset(9, 0) == len(text)


@given(st.text(alphabet=st.sampled_from(["a", "é", "😀", "\n", "\r", " ", "\u200b"]), max_size=40))
def test_positions_round_trip(text: str) -> None:
    for encoding in ("utf-16", "utf-8", "utf-32"):
        index = LineIndex(text, encoding)
        for offset in range(len(text) + 1):
            if text[offset - 1:offset + 1] == "\r\n":
                continue  # between \r and \n is no place of its own
            line, char = index.position(offset)
            assert index.offset(line, char) == offset
            assert char <= units(text[index.starts[line]:], encoding)


def test_client_settings_become_audit_options(tmp_path: Path) -> None:
    config, problems = configure(LspConfig(), {"config": "conf.yaml", "rules": ["house.yaml"], "ignore": "lede-,quote-",
                                               "select": ["anonymous-"], "publisher": "The Herald",
                                               "debounce": 120, "inlayHints": False}, tmp_path)
    assert problems == []
    assert config.options.config == str(tmp_path / "conf.yaml")
    assert config.options.rules == (str(tmp_path / "house.yaml"),)
    assert (config.options.ignore, config.options.select) == (("lede-", "quote-"), ("anonymous-",))
    assert (config.options.publisher, config.debounce, config.inlay_hints) == ("The Herald", 0.12, False)
    assert config.options.readability is False and config.options.encoding == "utf-8"  # kept from the base


def test_client_settings_that_cannot_be_used_are_named_and_left_out() -> None:
    base = LspConfig()
    config, problems = configure(base, {"sourcing-audit": {"debounce": "soon", "colour": "red", "publisher": "X"}})
    assert config.debounce == base.debounce and config.options.publisher == "X"
    assert problems == ["sourcing-audit settings: debounce: 'soon' cannot be used here",
                        "sourcing-audit settings: unknown key 'colour' (expected one of: config, rules, publisher, "
                        "select, ignore, debounce, inlayHints)"]
    assert configure(base, None) == (base, [])


@pytest.mark.parametrize("path, language, name", [
    ("/d/a.md", "markdown", "/d/a.md"), ("/d/a.txt", "plaintext", "/d/a.txt"), ("/d/NOTES", "markdown", "/d/NOTES.md"),
    ("/d/a.py", "python", None), ("/d/a.html", "html", None), ("/d/a.html", "markdown", None)],
    ids=["md", "txt", "by-language", "python", "html", "html-as-markdown"])
def test_which_documents_are_drafts(path: str, language: str, name: str | None) -> None:
    assert draft_name(path, language) == name


# ---- the server over stdio ----

@pytest.fixture
def folder(tmp_path: Path) -> Path:
    (tmp_path / "draft.md").write_text(DRAFT, encoding="utf-8")
    return tmp_path


def start(folder: Path, *args: str, capabilities: dict[str, Any] | None = None,
          options: dict[str, Any] | None = None) -> tuple[Client, dict[str, Any]]:
    client = Client(*args, cwd=folder)
    result = client.request("initialize", {"processId": None, "rootUri": folder.as_uri(),
                                           "capabilities": capabilities or {}, "initializationOptions": options})
    client.notify("initialized", {})
    return client, result


@pytest.fixture
def server(folder: Path) -> Iterator[Client]:
    client, result = start(folder, "--debounce", "20")
    assert result["capabilities"]["positionEncoding"] == "utf-16"
    yield client
    client.close()


def open_draft(client: Client, path: Path, text: str, language: str = "markdown") -> str:
    uri = path.as_uri()
    client.notify("textDocument/didOpen",
                  {"textDocument": {"uri": uri, "languageId": language, "version": 1, "text": text}})
    return uri


def test_open_edit_hover_close_and_exit(server: Client, folder: Path) -> None:
    uri = open_draft(server, folder / "draft.md", DRAFT)
    first = expect(("lede-unsourced", span(DRAFT, LEDE)), ("anonymous-bare", span(DRAFT, ANON)),
                   ("anonymous-no-reason", span(DRAFT, ANON)))
    assert found(server.diagnostics(uri, 1)) == first
    server.notify("textDocument/didSave", {"textDocument": {"uri": uri}})
    assert found(server.diagnostics(uri, 1)) == first  # audited again on save
    # an edit as an editor sends it: the UTF-16 range of "officials", replaced by a name
    at = span(DRAFT, "officials")
    server.notify("textDocument/didChange", {"textDocument": {"uri": uri, "version": 2},
                                             "contentChanges": [{"range": at, "text": "Mayor Ana Ruiz"}]})
    edited = DRAFT.replace("officials", "Mayor Ana Ruiz")
    assert found(server.diagnostics(uri, 2)) == expect(("lede-unsourced", span(edited, LEDE)))
    hover = server.request("textDocument/hover", {"textDocument": {"uri": uri},
                                                  "position": span(edited, "Mayor")["start"]})
    assert hover["contents"]["kind"] == "markdown"
    assert hover["contents"]["value"].startswith("**named-source**")
    assert "Source: Ana Ruiz (named-person)" in hover["contents"]["value"]  # the person, her title aside
    server.notify("textDocument/didClose", {"textDocument": {"uri": uri}})
    cleared = server.wait(lambda m: m.get("method") == "textDocument/publishDiagnostics"
                          and m["params"]["uri"] == uri and "version" not in m["params"])
    assert cleared["params"]["diagnostics"] == []
    assert server.request("shutdown", None) is None
    server.notify("exit", None)
    assert server.proc.wait(timeout=30) == 0


def test_an_empty_draft_has_no_diagnostics_and_no_message(server: Client, folder: Path) -> None:
    uri = open_draft(server, folder / "empty.md", "  \n")
    assert server.diagnostics(uri, 1) == []
    assert server.request("textDocument/hover", {"textDocument": {"uri": uri},
                                                 "position": {"line": 0, "character": 0}}) is None
    assert [m for m in server.seen if m.get("method") == "window/showMessage"] == []


def test_hover_gives_the_label_the_rules_why_and_the_findings(server: Client, folder: Path) -> None:
    uri = open_draft(server, folder / "draft.md", DRAFT)
    server.diagnostics(uri, 1)
    hover = server.request("textDocument/hover", {"textDocument": {"uri": uri},
                                                  "position": span(DRAFT, "officials")["start"]})
    text = hover["contents"]["value"]
    assert text.startswith("**anonymous-source**")
    assert hover["range"] == span(DRAFT, ANON)
    rules = api.rules_for()
    (statement,) = [s for s in api.audit_text(DRAFT, "draft.md").statements if s.statement.text == ANON]
    assert statement.rule_ids  # the rules that labelled it: each one's why is in the hover
    for rule_id in statement.rule_ids:
        rule = rules.rule(rule_id)
        assert rule is not None and rule.why in text
    for check in ("anonymous-bare", "anonymous-no-reason"):
        rule = rules.rule(check)
        assert rule is not None and rule.why in text
    nothing = server.request("textDocument/hover", {"textDocument": {"uri": uri},
                                                    "position": {"line": 1, "character": 0}})
    assert nothing is None  # the blank line between paragraphs holds no statement


def test_inlay_hints_give_each_statements_label(server: Client, folder: Path) -> None:
    uri = open_draft(server, folder / "draft.md", DRAFT)
    server.diagnostics(uri, 1)
    hints = server.request("textDocument/inlayHint", {"textDocument": {"uri": uri},
                                                      "range": {"start": {"line": 0, "character": 0},
                                                                "end": {"line": 5, "character": 0}}})
    by_place = {(h["position"]["line"], h["position"]["character"]): h["label"] for h in hints}
    assert by_place[tuple(span(DRAFT, LEDE)["end"].values())] == "unattributed"
    assert by_place[tuple(span(DRAFT, ANON)["end"].values())] == "anonymous-source"
    assert by_place[tuple(span(DRAFT, "“We will be back,” she said.")["end"].values())] == "named-source"


def test_the_code_action_inserts_a_suppression_that_takes_effect(server: Client, folder: Path) -> None:
    uri = open_draft(server, folder / "draft.md", DRAFT)
    diagnostics = server.diagnostics(uri, 1)
    bare = [d for d in diagnostics if d["code"] == "anonymous-bare"]
    actions = server.request("textDocument/codeAction", {"textDocument": {"uri": uri}, "range": bare[0]["range"],
                                                         "context": {"diagnostics": bare}})
    (paragraph,) = [a for a in actions if "this paragraph" in a["title"]]
    (whole,) = [a for a in actions if "this draft" in a["title"]]
    (at_end,) = whole["edit"]["changes"][uri]
    assert at_end["range"]["start"] == {"line": DRAFT.count("\n"), "character": 0}  # after the last line
    assert at_end["newText"] == "\n<!-- sourcing-audit: disable anonymous-bare -- reason: -->\n"
    (edit,) = paragraph["edit"]["changes"][uri]
    assert edit["range"]["start"] == {"line": 2, "character": 0} == edit["range"]["end"]
    assert edit["newText"] == "<!-- sourcing-audit: disable-next anonymous-bare -- reason: -->\n"
    # the edit as the editor applies it: no reason yet, so the suppression does not take effect and says why
    server.notify("textDocument/didChange", {"textDocument": {"uri": uri, "version": 2},
                                             "contentChanges": [{"range": edit["range"], "text": edit["newText"]}]})
    comment = edit["newText"].rstrip("\n")
    text = DRAFT.replace(f"{LEDE} ", f"{comment}\n{LEDE} ")
    assert found(server.diagnostics(uri, 2)) == expect(("lede-unsourced", span(text, LEDE)),
                                                       ("anonymous-bare", span(text, ANON)),
                                                       ("anonymous-no-reason", span(text, ANON)),
                                                       ("suppression-no-reason", span(text, comment)))
    hover = server.request("textDocument/hover", {"textDocument": {"uri": uri},
                                                  "position": {"line": 2, "character": 5}})
    assert hover["contents"]["value"].startswith("**suppression-no-reason** (warning)")
    assert hover["range"] == span(text, comment)
    # the reason written: the finding is suppressed
    at = span(text, "reason: ")["end"]
    server.notify("textDocument/didChange", {"textDocument": {"uri": uri, "version": 3}, "contentChanges": [
        {"range": {"start": at, "end": at}, "text": "the desk knows the office "}]})
    text = text.replace("reason: ", "reason: the desk knows the office ")
    assert found(server.diagnostics(uri, 3)) == expect(("lede-unsourced", span(text, LEDE)),
                                                       ("anonymous-no-reason", span(text, ANON)))


def test_the_seed_gets_the_findings_check_prints(server: Client, folder: Path) -> None:
    seed = folder / "seed.txt"
    seed.write_bytes((REPO / "seeds" / "putin-trump-tomahawk.txt").read_bytes())
    uri = open_draft(server, seed, seed.read_text(encoding="utf-8"), "plaintext")
    severity = {1: "error", 2: "warning", 3: "info"}
    got = sorted((d["code"], d["range"]["start"]["line"] + 1, d["range"]["start"]["character"] + 1,
                  severity[d["severity"]]) for d in server.diagnostics(uri, 1))
    proc = subprocess.run([sys.executable, "-m", "audit", "check", "seed.txt"], capture_output=True, text=True,
                          cwd=folder, timeout=120)
    printed = sorted((m[4], int(m[1]), int(m[2]), m[3]) for m in
                     (re.match(r"seed\.txt:(\d+):(\d+): (\w+) (\S+) ", line) for line in proc.stdout.splitlines())
                     if m)
    assert len(printed) >= 5 and got == printed  # the seed's text has no character outside the BMP: columns agree


def test_changes_are_debounced(folder: Path) -> None:
    client, _ = start(folder, "--debounce", "2500")  # far longer than sending three changes takes
    try:
        uri = open_draft(client, folder / "draft.md", DRAFT)
        client.diagnostics(uri, 1)
        for version, who in ((2, "aides"), (3, "staffers"), (4, "Mayor Ana Ruiz")):
            client.notify("textDocument/didChange", {"textDocument": {"uri": uri, "version": version},
                                                     "contentChanges": [{"text": DRAFT.replace("officials", who)}]})
        published = client.wait(lambda m: m.get("method") == "textDocument/publishDiagnostics")
        assert published["params"]["version"] == 4  # one audit, of the last text
        assert {d["code"] for d in published["params"]["diagnostics"]} == {"lede-unsourced"}
        # a hover during the pause waits for the debounced run (not an audit of its own) and sees the new text
        client.notify("textDocument/didChange", {"textDocument": {"uri": uri, "version": 5},
                                                 "contentChanges": [{"text": DRAFT}]})
        hover = client.request("textDocument/hover", {"textDocument": {"uri": uri},
                                                      "position": span(DRAFT, "officials")["start"]})
        assert hover["contents"]["value"].startswith("**anonymous-source**")
        order = [m.get("params", {}).get("version") if "method" in m else "reply" for m in client.seen
                 if m.get("method") == "textDocument/publishDiagnostics" or "result" in m]
        assert order[-2:] == [5, "reply"]
    finally:
        client.close()


def test_utf8_positions_and_crlf_in_a_text_draft(folder: Path) -> None:
    named, anon = "Mayor Ana Ruiz said the budget was cut.", "Its staff were not paid, sources say."
    text = f"{named}\r\nThe café 😀 closed. {anon}\r\n"
    client, result = start(folder, capabilities={"general": {"positionEncodings": ["utf-8", "utf-16"]}})
    try:
        assert result["capabilities"]["positionEncoding"] == "utf-8"
        uri = open_draft(client, folder / "notes.txt", text, "plaintext")
        where = span(text, anon, lambda s: len(s.encode("utf-8")))
        diagnostics = client.diagnostics(uri, 1)
        assert {"anonymous-bare", "anonymous-no-reason"} <= {d["code"] for d in diagnostics}
        assert all(d["range"] == where for d in diagnostics if d["code"].startswith("anonymous-"))
    finally:
        client.close()


def test_the_settings_file_is_honoured_and_its_errors_are_a_message(folder: Path) -> None:
    settings = folder / ".sourcing-audit.yaml"
    settings.write_text("fail-on: sometimes\n", encoding="utf-8")
    watch = {"workspace": {"didChangeWatchedFiles": {"dynamicRegistration": True}}}
    client, _ = start(folder, "--debounce", "20", capabilities=watch)
    try:
        registered = client.wait(lambda m: m.get("method") == "client/registerCapability")
        (registration,) = registered["params"]["registrations"]
        globs = {w["globPattern"] for w in registration["registerOptions"]["watchers"]}
        assert registration["method"] == "workspace/didChangeWatchedFiles"
        assert {"**/.sourcing-audit.yaml", "**/*.sourcing-audit.yaml"} <= globs  # settings files and sidecars
        uri = open_draft(client, folder / "draft.md", DRAFT)
        shown = client.wait(lambda m: m.get("method") == "window/showMessage")
        assert shown["params"]["type"] == 1  # an error, shown; the server goes on
        assert f"{settings}:1:10: fail-on: 'sometimes' is not one of" in shown["params"]["message"]
        assert client.diagnostics(uri, 1) == []
        settings.write_text("ignore: [lede-]\n", encoding="utf-8")
        client.notify("workspace/didChangeWatchedFiles", {"changes": [{"uri": settings.as_uri(), "type": 2}]})
        assert found(client.diagnostics(uri, 1)) == expect(("anonymous-bare", span(DRAFT, ANON)),
                                                           ("anonymous-no-reason", span(DRAFT, ANON)))
    finally:
        client.close()


def test_a_broken_rules_file_is_a_message_not_a_crash(folder: Path) -> None:
    (folder / ".sourcing-audit.yaml").write_text("rules: [house.yaml]\n", encoding="utf-8")
    (folder / "house.yaml").write_text("rules:\n  - id: x\n    kind: nonsense\n", encoding="utf-8")
    client, _ = start(folder, "--debounce", "20")
    try:
        uri = open_draft(client, folder / "draft.md", DRAFT)
        shown = client.wait(lambda m: m.get("method") == "window/showMessage")
        assert shown["params"]["type"] == 1
        assert f"{folder / 'house.yaml'}:" in shown["params"]["message"]
        assert client.diagnostics(uri, 1) == []
        hover = client.request("textDocument/hover", {"textDocument": {"uri": uri},
                                                      "position": {"line": 2, "character": 0}})
        assert hover is None  # still answering
    finally:
        client.close()


def test_an_edited_rules_file_is_read_again(folder: Path) -> None:
    """A house rules file that adds a check finding 'officials', then the same file edited to find 'sources'."""
    rules = folder / "house.yaml"
    house = ("checks:\n  - id: house-bare\n    kind: anonymous-bare\n    severity: error\n"
             "    params: {{pattern: '{word}'}}\n    message: house style\n    why: House style.\n"
             "    fix: Describe.\n    standard: House.\n    examples:\n      match: ['{example}']\n"
             "      no_match: ['Mayor Ruiz said so.']\n")
    rules.write_text(house.format(word="officials", example="Officials said so."), encoding="utf-8")
    (folder / ".sourcing-audit.yaml").write_text("rules: [house.yaml]\n", encoding="utf-8")
    watch = {"workspace": {"didChangeWatchedFiles": {"dynamicRegistration": True}}}
    client, _ = start(folder, "--debounce", "20", capabilities=watch)
    try:
        registered = client.wait(lambda m: m.get("method") == "client/registerCapability")
        globs = {w["globPattern"] for w in registered["params"]["registrations"][0]["registerOptions"]["watchers"]}
        assert "**/*.yaml" in globs
        uri = open_draft(client, folder / "draft.md", DRAFT)
        base = [("lede-unsourced", span(DRAFT, LEDE)), ("anonymous-bare", span(DRAFT, ANON)),
                ("anonymous-no-reason", span(DRAFT, ANON))]
        assert found(client.diagnostics(uri, 1)) == expect(*base, ("house-bare", span(DRAFT, ANON)))
        # the draft has no "sources": the edited check finds nothing, and the pack's own checks stay
        rules.write_text(house.format(word="sources", example="Sources said so."), encoding="utf-8")
        client.notify("workspace/didChangeWatchedFiles", {"changes": [{"uri": rules.as_uri(), "type": 2}]})
        assert found(client.diagnostics(uri, 1)) == expect(*base)
    finally:
        client.close()


def test_initialization_options_are_the_settings(folder: Path) -> None:
    client, _ = start(folder, "--debounce", "20", options={"select": ["anonymous-bare"], "colour": 1})
    try:
        warned = client.wait(lambda m: m.get("method") == "window/showMessage")
        assert warned["params"]["type"] == 2 and "unknown key 'colour'" in warned["params"]["message"]
        uri = open_draft(client, folder / "draft.md", DRAFT)
        assert found(client.diagnostics(uri, 1)) == expect(("anonymous-bare", span(DRAFT, ANON)))
        # new settings from the editor replace those of the initialization, over the flags; the draft is redone
        client.notify("workspace/didChangeConfiguration", {"settings": {"sourcing-audit": {"ignore": ["anonymous-"]}}})
        assert found(client.diagnostics(uri, 1)) == expect(("lede-unsourced", span(DRAFT, LEDE)))
    finally:
        client.close()


# ---- the command line ----

def test_without_pygls_lsp_says_which_extra_in_one_line() -> None:
    code = "import sys; sys.modules['pygls'] = None; from audit.cli import run; run(['lsp'])"
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=REPO, timeout=120)
    assert proc.returncode == 2
    assert proc.stderr.strip() == ("sourcing-audit: lsp needs the lsp extra (pygls missing): "
                                   "pip install 'sourcing-audit[lsp]'")


def test_other_commands_do_not_import_pygls() -> None:
    code = ("import sys; from audit.cli import main; "
            "main(['check', '--format', 'json', 'seeds/putin-trump-tomahawk.txt']); "
            "sys.stdout.flush(); print('LOADED', sorted(m for m in ('pygls', 'lsprotocol') if m in sys.modules))")
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=REPO, timeout=120)
    assert proc.stdout.strip().splitlines()[-1] == "LOADED []", proc.stderr


def test_a_negative_debounce_is_a_usage_error() -> None:
    proc = subprocess.run([sys.executable, "-m", "audit", "lsp", "--debounce", "-5"], capture_output=True, text=True,
                          cwd=REPO, timeout=120, stdin=subprocess.DEVNULL)
    assert proc.returncode == 2
    assert proc.stderr.strip() == "sourcing-audit: --debounce: -5 is not a number of milliseconds (0 or more)"
