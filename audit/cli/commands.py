"""What each CLI command does, through the library API; the flags become AuditOptions at this edge."""
from __future__ import annotations

import argparse
import json
import os
import sys

from audit.cli.options import options_from
from audit.cli.printer import Printer
from audit.errors import AuditError, ConfigError, InputError, RulesError
from audit.models import DocumentResult
from audit.rules.loader import rules_for
from audit.rules.ruleset import SEVERITIES, RuleSet

SEVERITY_RANK = {name: -n for n, name in enumerate(SEVERITIES)}  # higher is more serious


def _rules(args: argparse.Namespace) -> RuleSet:
    return rules_for(tuple(args.rules))


def check(args: argparse.Namespace, printer: Printer) -> int:
    """Audit every input with the settings in force for it, then write each requested output."""
    from audit.api import audit_source, settings_for
    from audit.read.inputs import expand_paths

    options = options_from(args)
    problems: list[InputError] = []
    paths = expand_paths(args.paths, problems)
    docs, errors, gates_failed, fail = [], [], False, False
    for problem in problems:  # a folder or glob with no article in it; the other arguments still run
        errors.append({"path": str(problem).split(": ", 1)[0], "message": str(problem)})
        printer.err(str(problem))
    rules, named = None, set[str]()
    for n, path in enumerate(paths, 1):
        try:
            settings = settings_for(path, options)
            rules = rules_for(settings.rules)
            doc = audit_source(path, options, settings)
        except (RulesError, ConfigError):
            raise  # a broken rules or settings file is not one article's problem: stop with its messages
        except AuditError as exc:
            errors.append({"path": path, "message": str(exc)})
            printer.err(str(exc))
        else:
            _name_settings(None if options.config else settings.config, named, printer)
            docs.append(doc)
            gates_failed |= any(not g.passed for g in doc.gates)
            fail |= failing([doc], settings.fail_on)
        printer.tick(n, len(paths), "checking")
    _write_outputs(args, printer, docs, rules or rules_for(tuple(args.rules)), errors)
    if errors:
        return 2
    return 1 if (fail or gates_failed) and not args.exit_zero else 0


def _name_settings(config: str | None, named: set[str], printer: Printer) -> None:
    """Say which discovered settings file is in force when it is outside the current folder (once per file)."""
    if config and config not in named:
        named.add(config)
        if os.path.relpath(os.path.abspath(config)).startswith(".."):
            printer.err(f"settings from {config} (outside the current folder)")


def _write_outputs(args: argparse.Namespace, printer: Printer, docs: list[DocumentResult], rules: RuleSet,
                   errors: list[dict[str, str]]) -> None:
    from audit.present import formats

    for fmt, dest in formats.outputs(args.format, args.output):
        text = formats.render(fmt, docs, rules, errors, paint=printer.paint if dest is None else None)
        if dest is None:
            if text.strip():
                printer.out(text.rstrip("\n"))
        else:
            printer.write_file(dest, text)
        if fmt == "github" and os.environ.get("GITHUB_STEP_SUMMARY"):
            printer.append_file(os.environ["GITHUB_STEP_SUMMARY"], formats.render("markdown", docs, rules, errors))


def failing(docs: list[DocumentResult], fail_on: str) -> bool:
    """Any finding at or above the fail level that is neither good practice nor suppressed."""
    if fail_on == "never":
        return False
    level = SEVERITY_RANK[fail_on]
    return any(SEVERITY_RANK[f.severity] >= level and not f.good and not f.suppressed
               for d in docs for f in d.findings)


def config(args: argparse.Namespace, printer: Printer) -> int:
    from audit.cli.config import config_command

    return config_command(args, printer)


def diff(args: argparse.Namespace, printer: Printer) -> int:
    from audit.cli.documents import diff_command

    return diff_command(args, _rules(args), printer)


def report(args: argparse.Namespace, printer: Printer) -> int:
    from audit.cli.documents import report_command

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


def handout(args: argparse.Namespace, printer: Printer) -> int:
    from audit.cli.handout import handout_command

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
