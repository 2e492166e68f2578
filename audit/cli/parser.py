"""The command line's flags: one parser, one sub-parser per command, and the exit codes."""
from __future__ import annotations

import argparse
from enum import IntEnum
from typing import Any

from audit import __version__


class Exit(IntEnum):
    OK = 0  # nothing at the fail level, every gate passes
    FINDINGS = 1  # findings at the fail level, or a failed gate
    ERROR = 2  # usage, configuration, rules or input error


# audit.present.formats.NAMES, kept here so that parsing the flags imports nothing
FORMATS = ("text", "json", "sarif", "github", "junit", "markdown", "gitlab", "rdjson")


def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="sourcing-audit",
        description="Audit how a news article is sourced: label every statement by how the article knows it.",
        epilog="Exit codes: 0 ok, 1 findings at the --fail-on level, 2 usage, rules or input error.")
    p.add_argument("--version", action="version", version=f"sourcing-audit {__version__}")
    sub = p.add_subparsers(dest="command", metavar="COMMAND")
    rules_opt = argparse.ArgumentParser(add_help=False)
    rules_opt.add_argument("--rules", action="append", default=[], metavar="FILE",
                           help="a rules file that adds to or overrides the default pack (repeatable)")
    from audit.cli.batch import add_parsers as _batch

    for add in (_check, _config, _diff, _report, _serve, _handout, _lsp, _others, _batch):
        add(sub, rules_opt)
    return p


def _check(sub: Any, rules_opt: argparse.ArgumentParser) -> None:
    c = sub.add_parser("check", parents=[rules_opt], help="label and check articles (the default view: a summary)",
                       description="Label every statement of each article and run the editorial checks. "
                                   "ARTICLE may be a file (.txt, .md, .html, .docx), a folder, a glob, or - for "
                                   "standard input.")
    c.add_argument("paths", nargs="+", metavar="ARTICLE", help="article files, folders or globs; - reads stdin")
    c.add_argument("--format", choices=FORMATS, default="text", help="output format (default: text)")
    c.add_argument("-o", "--output", action="append", default=[], metavar="[FORMAT=]FILE",
                   help="write output to FILE (in --format, or in FORMAT; FILE - is standard output); repeatable: "
                        "--output json=audit.json --output sarif=audit.sarif")
    c.add_argument("--stdin-filename", metavar="NAME", help="the name (and format, by extension) of standard input")
    c.add_argument("--config", metavar="FILE", help="settings file (default: the nearest .sourcing-audit.yaml or "
                                                     "pyproject.toml [tool.sourcing-audit] above each input)")
    c.add_argument("--select", metavar="IDS", help="only these checks and gates (comma-separated ids or prefixes)")
    c.add_argument("--ignore", metavar="IDS",
                   help="leave out these checks, gates and labelling rules (comma-separated ids or prefixes)")
    c.add_argument("--publisher", metavar="NAME", help="the outlet that wrote the article ('told NAME' is first-hand)")
    c.add_argument("--encoding", default=None, help="the articles' text encoding (default: utf-8)")
    c.add_argument("--fail-on", choices=("error", "warning", "info", "never"), default=None,
                   help="the finding severity that makes the exit code 1 (default: error)")
    c.add_argument("--exit-zero", action="store_true", help="exit 0 even when findings reach --fail-on or a gate fails")
    c.add_argument("--no-readability", action="store_true", help="skip the readability figures (faster)")
    c.add_argument("--quiet", "-q", action="store_true",
                   help="print only the findings (and failed gates and verdicts), one line each; no progress bar")
    c.add_argument("--statistics", action="store_true",
                   help="print how many open findings each check has, instead of the findings")
    c.add_argument("--baseline", metavar="AUDIT.json",
                   help="report only findings that are not in this earlier `--format json` result")
    _jobs(c)


def _config(sub: Any, rules_opt: argparse.ArgumentParser) -> None:
    cf = sub.add_parser("config", help="show the settings in force, or write a starter file",
                        description="`config show [PATH]` prints each setting and where it came from; "
                                    "`config init` writes a commented .sourcing-audit.yaml.")
    cf.add_argument("action", choices=("show", "init"), help="show: the settings in force; init: write a starter file")
    cf.add_argument("path", nargs="?", default=".", help="show: the file or folder whose settings to show")
    cf.add_argument("--config", metavar="FILE", help="the settings file to read instead of discovering one")
    cf.add_argument("--force", action="store_true", help="init: overwrite an existing file")


def _diff(sub: Any, rules_opt: argparse.ArgumentParser) -> None:
    d = sub.add_parser("diff", parents=[rules_opt], help="how the sourcing changed between two versions of a draft",
                       description="Compare two versions of an article: statements whose label changed, sources "
                                   "added or dropped, shares before and after.")
    d.add_argument("old", metavar="OLD", help="the earlier version of the article")
    d.add_argument("new", metavar="NEW", help="the later version")
    d.add_argument("--format", choices=("text", "json", "markdown"), default="text", help="output format")
    d.add_argument("--publisher", metavar="NAME", help="the outlet that wrote the article")
    d.add_argument("--encoding", default="utf-8", help="the articles' text encoding (default: utf-8)")


def _report(sub: Any, rules_opt: argparse.ArgumentParser) -> None:
    r = sub.add_parser("report", parents=[rules_opt], help="render the audit report as PDF (and HTML)",
                       description="Render the audit report for each article as a PDF in reports/.")
    r.add_argument("paths", nargs="+", metavar="ARTICLE", help="article files (.txt, .md, .html, .docx)")
    r.add_argument("-o", "--output", metavar="FILE", help="the PDF to write (one article only)")
    r.add_argument("--html", action="store_true", help="also write the same page as HTML")
    r.add_argument("--title", help="the article's title (default: its first line)")
    r.add_argument("--publisher", metavar="NAME", help="the outlet that wrote the article ('told NAME' is first-hand)")
    r.add_argument("--encoding", default="utf-8", help="the articles' text encoding (default: utf-8)")
    r.add_argument("--paper", choices=("a4", "letter"), default="a4", help="page size (default: a4)")
    r.add_argument("--date", help="the audit date to print (YYYY-MM-DD; default: today)")
    _jobs(r)


def _jobs(command: argparse.ArgumentParser) -> None:
    from audit.cli.jobs import jobs_flag

    command.add_argument("-j", "--jobs", type=jobs_flag, default=None, metavar="N",
                         help="audit N inputs at a time, in N processes (default: one per core); the output is "
                              "the same, in the same order")


def _serve(sub: Any, rules_opt: argparse.ArgumentParser) -> None:
    s = sub.add_parser("serve", parents=[rules_opt], help="a local web page: paste an article, see its sourcing",
                       description="Serve the audit as a web page (needs the web extra: pip install "
                                   "'sourcing-audit[web]'): paste text, upload a .txt, .md, .html or .docx file, or "
                                   "give a URL; see the labelled article, download the PDF report or the JSON; "
                                   "compare two versions; read the rules. Also a JSON API: POST /api/audit, "
                                   "POST /api/report. Binds 127.0.0.1 unless --host says otherwise.")
    s.add_argument("--host", default="127.0.0.1",
                   help="the address to listen on (default: 127.0.0.1, this computer only; 0.0.0.0: the network)")
    s.add_argument("--port", type=int, default=8000, help="the port (default: 8000)")
    s.add_argument("--open", action="store_true", help="open the page in the default browser")
    s.add_argument("--allow-private-urls", action="store_true",
                   help="let URL inputs reach this machine and its private network (refused by default)")
    s.add_argument("--publisher", metavar="NAME", help="the default publisher (the page's field overrides it)")
    s.add_argument("--config", metavar="FILE", help="settings file (default: discovered from the current folder)")


def _lsp(sub: Any, rules_opt: argparse.ArgumentParser) -> None:
    ls = sub.add_parser("lsp", parents=[rules_opt], help="a language server: findings in your editor as you write",
                        description="Serve the Language Server Protocol over standard input and output (needs the "
                                    "lsp extra: pip install 'sourcing-audit[lsp]'): the findings of each open "
                                    "Markdown or plain-text draft as diagnostics, each statement's label and the "
                                    "rule's why on hover, labels as inlay hints. See docs/lsp.md.")
    ls.add_argument("--stdio", action="store_true", help="talk over standard input and output (the default and "
                                                         "only transport; accepted because clients pass it)")
    ls.add_argument("--debounce", type=int, default=300, metavar="MS",
                    help="milliseconds after the last change before a draft is audited again (default: 300)")
    ls.add_argument("--config", metavar="FILE", help="settings file (default: the nearest .sourcing-audit.yaml or "
                                                      "pyproject.toml [tool.sourcing-audit] above each draft)")
    ls.add_argument("--select", metavar="IDS", help="only these checks and gates (comma-separated ids or prefixes)")
    ls.add_argument("--ignore", metavar="IDS", help="leave out these checks, gates and labelling rules")
    ls.add_argument("--publisher", metavar="NAME", help="the outlet that wrote the drafts ('told NAME' is first-hand)")


def _handout(sub: Any, rules_opt: argparse.ArgumentParser) -> None:
    h = sub.add_parser(
        "handout", parents=[rules_opt], help="a classroom worksheet and its answer key (PDF, and HTML)",
        formatter_class=argparse.RawDescriptionHelpFormatter,
        description="Write a student worksheet (no answers) and its answer key for one article:\n"
                    "reports/NAME-student.pdf and reports/NAME-key.pdf. The worksheet has the labels in plain\n"
                    "words, the article with numbered paragraphs and statements, a source hunt, a roster of who\n"
                    "speaks, questions drawn from this article's findings, and a reflection with a rubric.",
        epilog="examples:\n"
               "  sourcing-audit handout seeds/putin-trump-tomahawk.txt\n"
               "  sourcing-audit handout ARTICLE --level intro --grade 6-8 --minutes 30 --html --paper letter\n"
               "  sourcing-audit handout ARTICLE --statements 2,3,7,15")
    h.add_argument("path", metavar="ARTICLE", help="the article (.txt, .md, .html, .docx)")
    h.add_argument("--level", default="standard", metavar="LEVEL",
                   help="intro (about 8 statements to hunt, labels as boxes to tick), standard (about 12) or "
                        "advanced (every statement, and how to check each source); default: standard")
    h.add_argument("--grade", default="9-10", help="grade band printed in the header; picks the Common Core "
                                                   "standards (default: 9-10)")
    h.add_argument("--minutes", default="45", help="class time printed in the header (default: 45)")
    h.add_argument("--statements", metavar="N,N,...",
                   help="the statements to hunt, by the numbers the handout prints (e.g. 2,3,7,15); default: "
                        "chosen to cover every label, easy and hard")
    h.add_argument("--html", action="store_true", help="also write both as HTML")
    h.add_argument("--paper", default="a4", metavar="PAPER", help="a4 or letter (default: a4)")
    h.add_argument("--out-dir", default="reports", metavar="DIR", help="where to write (default: reports)")
    h.add_argument("--title", help="the article's title (default: its first line)")
    h.add_argument("--publisher", metavar="NAME", help="the outlet that wrote the article ('told NAME' is first-hand)")
    h.add_argument("--encoding", default="utf-8", help="the article's text encoding (default: utf-8)")


def _others(sub: Any, rules_opt: argparse.ArgumentParser) -> None:
    e = sub.add_parser("eval", parents=[rules_opt], help="accuracy against a gold file (same figures as score.py)",
                       description="Label each gold article and score it as ../shared/eval/score.py does.")
    e.add_argument("gold", metavar="GOLD.jsonl")
    e.add_argument("--errors", type=int, default=20, metavar="N", help="list the first N errors (default 20)")
    e.add_argument("--json", action="store_true", help="print the full result as JSON")
    for bar in ("accuracy", "macro-f1", "sourced-f1"):
        e.add_argument(f"--min-{bar}", type=float, metavar="X", help=f"exit 1 when {bar} is below X")

    ru = sub.add_parser("rules", parents=[rules_opt], help="list, test or validate the rules",
                        description="Work with the rule pack.")
    ru.add_argument("action", choices=("list", "test", "validate"),
                    help="list: every rule and check; test: run every example; validate: load and report problems")

    x = sub.add_parser("explain", parents=[rules_opt], help="print a rule's message, why and examples",
                       description="Print what a rule or check means, why it matters, what to do, the standard "
                                   "behind it and its examples.")
    x.add_argument("rule_id", metavar="RULE", help="a rule or check id, as `rules list` shows them")
