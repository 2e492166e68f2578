"""What each CLI command does, through the library API; the flags become AuditOptions at this edge."""
from __future__ import annotations

import argparse
import json
import sys

from audit.cli.options import options_from
from audit.cli.printer import Printer
from audit.errors import AuditError, UsageError
from audit.rules.loader import rules_for
from audit.rules.ruleset import RuleSet


def _rules(args: argparse.Namespace) -> RuleSet:
    return rules_for(tuple(args.rules))


def check(args: argparse.Namespace, printer: Printer) -> int:
    from audit.cli.check import check_command

    return check_command(args, printer)


def config(args: argparse.Namespace, printer: Printer) -> int:
    from audit.cli.config import config_command

    return config_command(args, printer)


def diff(args: argparse.Namespace, printer: Printer) -> int:
    from audit.cli.documents import diff_command

    return diff_command(args, _rules(args), printer)


def report(args: argparse.Namespace, printer: Printer) -> int:
    from audit.cli.documents import report_command
    from audit.extras import require

    require("report", "report")
    return report_command(args, _rules(args), printer)


def serve(args: argparse.Namespace, printer: Printer) -> int:
    from audit.web import require_web

    require_web()
    from audit.web.config import WebConfig
    from audit.web.server import run_server

    config = WebConfig(args.host, args.port, options_from(args), args.allow_private_urls)
    _rules(args)  # a broken rules file stops here, with its messages, before the server starts
    url = f"http://{'[' + args.host + ']' if ':' in args.host else args.host}:{args.port}/"
    printer.out(f"sourcing-audit serving {url} (Ctrl-C to stop)")
    if args.host not in ("127.0.0.1", "localhost", "::1"):
        printer.err(f"listening on {args.host}: other computers on the network can use this page")
    sys.stdout.flush()  # the address before the server's own log
    run_server(config, open_browser=args.open)
    return 0


def lsp(args: argparse.Namespace, printer: Printer) -> int:
    from audit.lsp import require_lsp

    require_lsp()
    import dataclasses

    from audit.lsp.options import LspConfig
    from audit.lsp.server import run_server

    if args.debounce < 0:
        raise UsageError(f"--debounce: {args.debounce} is not a number of milliseconds (0 or more)")
    options = dataclasses.replace(options_from(args), readability=False, encoding="utf-8")
    if sys.stdin.isatty():  # started by hand, not by an editor: say what it waits for
        printer.err("lsp: a language server speaking LSP on standard input and output; an editor starts it "
                    "(see docs/lsp.md). Ctrl-D to stop.")
    run_server(LspConfig(options, args.debounce / 1000))
    return 0


def handout(args: argparse.Namespace, printer: Printer) -> int:
    from audit.cli.handout import handout_command
    from audit.extras import require

    require("report", "handout")
    return handout_command(args, _rules(args), printer)


def evaluate(args: argparse.Namespace, printer: Printer) -> int:
    from audit.judge import evaluate as ev
    from audit.pipeline import audit_text
    from audit.present.output import document_dict

    rules = _rules(args)
    gold = ev.load_gold(args.gold)
    docs = []
    for n, art in enumerate(gold, 1):
        docs.append(document_dict(audit_text(art["text"], f"{art['id']}.txt", rules, with_readability=False)))
        printer.tick(n, len(gold), "labelling")
    result = ev.score(gold, ev.predictions(docs))
    if args.json:
        printer.out(json.dumps(result, indent=1))
    else:
        printer.out(ev.render(result))
        printer.out()
        printer.out(ev.render_confusion(result))
        if args.errors:
            printer.out()
            printer.out(ev.render_errors(result, {a["id"]: a["text"] for a in gold}, args.errors))
    bars = [("accuracy", result["accuracy"], args.min_accuracy),
            ("macro-f1", result["macro_f1"], args.min_macro_f1),
            ("sourced-f1", result["sourced"]["f1"], args.min_sourced_f1)]
    short = [f"{name} {got:.3f} < {want}" for name, got, want in bars if want is not None and got < want]
    if short:
        printer.out("below the bar: " + ", ".join(short))
        return 1
    return 0


def rules(args: argparse.Namespace, printer: Printer) -> int:
    ruleset = _rules(args)
    if args.action == "validate":
        printer.out(f"ok: {len(ruleset.rules)} rules, {len(ruleset.checks)} checks, "
                    f"{len(ruleset.lexicons)} lexicons ({', '.join(ruleset.paths)})")
        return 0
    if args.action == "list":
        for r in ruleset.rules:
            printer.out(f"{r.id:<30} {r.kind:<12} {(r.label.value if r.label else 'from-source'):<18} {r.message}")
        for c in ruleset.checks:
            printer.out(f"{c.id:<30} {'check':<12} {c.severity:<18} {c.message}")
        return 0
    from audit.rules.ruletest import test_rules

    failures, count = test_rules(ruleset)
    for line in failures:
        printer.out(line)
    printer.out(f"{count - len(failures)} passed, {len(failures)} failed")
    return 1 if failures else 0


def explain(args: argparse.Namespace, printer: Printer) -> int:
    ruleset = _rules(args)
    rule = ruleset.rule(args.rule_id)
    if rule is None:
        from audit.judge.suppress import META_CHECKS

        meta = META_CHECKS.get(args.rule_id)
        if meta is not None:  # the findings about suppressions themselves
            printer.out(f"{meta.id}: {meta.message}\n\nWhy: {meta.why}\n\nWhat to do: {meta.fix}")
            return 0
        raise AuditError(f"no rule or check with id {args.rule_id!r} (see `sourcing-audit rules list`)")
    printer.out(f"{rule.id}: {rule.message}")
    printer.out(f"\nWhy: {rule.why}")
    fix = getattr(rule, "fix", "")
    if fix:
        printer.out(f"\nWhat to do: {fix}")
    standard = getattr(rule, "standard", "")
    if standard:
        printer.out(f"\nStandard: {standard}")
    for title, examples in (("Matches", rule.match), ("Does not match", rule.no_match)):
        if examples:
            printer.out(f"\n{title}:")
            for ex in examples:
                printer.out(f"  - {ex.text}")
    printer.out(f"\nDefined at {rule.origin}")
    return 0
