"""Latency benchmark for `sourcing-audit lsp` (issue 12). Run: .venv/bin/python benchmarks/bench_lsp.py [ARTICLE]

Starts `sourcing-audit lsp --debounce 0` over stdio and measures, for one article opened as a draft (a .txt as
plain text, anything else as Markdown; default: the seed; a long one is a better test, e.g. the longest PolNeAR
article):
  a. `audit.api.audit_data` on the same text in this process, median of --repeat runs (the library alone: the
     reference);
  b. didChange (the whole text, a word changed so no cache helps) -> publishDiagnostics, as the client sees it,
     median of --repeat: the server's overhead over a is protocol, positions and the diagnostics;
  c. hover on a statement once the diagnostics are in (the result is kept), median of --repeat;
  d. 20 changes sent back to back at the default debounce (300 ms): how many audits get published (1 expected)
     and the time from the last change to the diagnostics (about the debounce plus b).
Figures go in the issue note, not in a test (STYLE.md, Habits 4).
"""
from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from audit import api  # noqa: E402
from audit.options import AuditOptions  # noqa: E402
from tests.lsp_client import Client  # noqa: E402


def median_ms(times: list[float]) -> float:
    return round(statistics.median(times) * 1000, 1)


def variant(text: str, n: int) -> str:
    """The text with its first "said" changed, differently each time, so that no cache answers."""
    return text.replace(" said", f" said{' ' * (n % 2)}", 1) + ("\n" * (n % 3))


def changes(client: Client, uri: str, text: str, repeat: int, first_version: int) -> list[float]:
    times = []
    for n in range(repeat):
        version = first_version + n
        t0 = time.perf_counter()
        client.notify("textDocument/didChange", {"textDocument": {"uri": uri, "version": version},
                                                 "contentChanges": [{"text": variant(text, n + 1)}]})
        client.diagnostics(uri, version)
        times.append(time.perf_counter() - t0)
    return times


def language(article: Path) -> str:
    return "plaintext" if article.suffix == ".txt" else "markdown"


def burst(article: Path, text: str) -> tuple[int, float]:
    client = Client(cwd=article.parent)  # the default debounce
    try:
        client.request("initialize", {"processId": None, "rootUri": article.parent.as_uri(), "capabilities": {}})
        uri = article.as_uri()
        client.notify("textDocument/didOpen", {"textDocument": {"uri": uri, "languageId": language(article),
                                                                "version": 1, "text": text}})
        client.diagnostics(uri, 1)
        for version in range(2, 22):
            client.notify("textDocument/didChange", {"textDocument": {"uri": uri, "version": version},
                                                     "contentChanges": [{"text": variant(text, version)}]})
        t0 = time.perf_counter()
        last = client.wait(lambda m: m.get("method") == "textDocument/publishDiagnostics"
                           and m["params"].get("version") == 21)
        waited = time.perf_counter() - t0
        published = [m for m in client.seen if m.get("method") == "textDocument/publishDiagnostics"]
        assert last in published
        return len(published) - 1, waited  # the audits after the open
    finally:
        client.close()


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("article", nargs="?", default=str(REPO / "seeds" / "putin-trump-tomahawk.txt"))
    ap.add_argument("--repeat", type=int, default=15)
    args = ap.parse_args()
    article = Path(args.article).resolve()
    text = article.read_text(encoding="utf-8")
    name = str(article if article.suffix in (".txt", ".md") else article.with_suffix(".md"))
    options = AuditOptions(readability=False, encoding="utf-8")
    api.audit_data(text.encode(), name, options)  # warm: rules, splitter
    lib = []
    for n in range(args.repeat):
        t0 = time.perf_counter()
        api.audit_data(variant(text, n + 1).encode(), name, options)
        lib.append(time.perf_counter() - t0)

    client = Client("--debounce", "0", cwd=article.parent)
    try:
        client.request("initialize", {"processId": None, "rootUri": article.parent.as_uri(), "capabilities": {}})
        uri = Path(name).as_uri()
        t0 = time.perf_counter()
        client.notify("textDocument/didOpen", {"textDocument": {"uri": uri, "languageId": language(article),
                                                                "version": 1, "text": text}})
        found = client.diagnostics(uri, 1)
        first = time.perf_counter() - t0
        server = changes(client, uri, text, args.repeat, 2)
        hovers = []
        for _ in range(args.repeat):
            t0 = time.perf_counter()
            client.request("textDocument/hover", {"textDocument": {"uri": uri},
                                                  "position": {"line": 0, "character": 1}})
            hovers.append(time.perf_counter() - t0)
    finally:
        client.close()
    audits, waited = burst(article, text)
    a, b = median_ms(lib), median_ms(server)
    print(f"article: {article.name} ({len(text)} characters, {len(found)} diagnostics)")
    print(f"a. audit_data in process:            {a} ms (median of {args.repeat})")
    print(f"   first open (rules, splitter load): {round(first * 1000, 1)} ms")
    print(f"b. didChange -> publishDiagnostics:  {b} ms  ({b / a:.2f}x a)")
    print(f"c. hover, result kept:               {median_ms(hovers)} ms")
    print(f"d. 20 changes at 300 ms debounce:    {audits} audit(s) published, {round(waited * 1000)} ms after the last")


if __name__ == "__main__":
    main()
