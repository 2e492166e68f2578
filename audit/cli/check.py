"""`check`: audit every input with the settings in force for it, write each requested output, and exit by
the one rule of audit.judge.verdict (a FAIL verdict fails the run, unless --exit-zero or --fail-on never)."""
from __future__ import annotations

import argparse
import functools
import json
import os
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from audit.cli.options import options_from
from audit.cli.printer import Printer
from audit.errors import AuditError, ConfigError, InputError, RulesError, UsageError
from audit.judge.baseline import Key, baseline_keys, without_baseline
from audit.models import DocumentResult
from audit.options import AuditOptions
from audit.rules.loader import rules_for
from audit.rules.ruleset import RuleSet


def check_command(args: argparse.Namespace, printer: Printer) -> int:
    """Audit every input (in --jobs worker processes), write the outputs; 2 on an input error, 1 when a
    document fails, else 0. Results come back in input order, so the output is the same with any --jobs."""
    from audit.cli.jobs import in_order
    from audit.read.inputs import expand_paths

    options = options_from(args)
    known = _baseline(args.baseline) if args.baseline else None
    problems: list[InputError] = []
    paths = expand_paths(args.paths, problems)
    docs: list[DocumentResult] = []
    errors: list[dict[str, str]] = []
    for problem in problems:  # a folder or glob with no article in it; the other arguments still run
        errors.append({"path": str(problem).split(": ", 1)[0], "message": str(problem)})
        printer.err(str(problem))
    rules, named = None, set[str]()
    jobs = 1 if "-" in paths else args.jobs  # standard input is this process's
    # With workers, each renders its document's JSON too: the parent would otherwise encode every document
    # after the last one came back, alone on one core (a baseline changes the documents, so not then).
    render = jobs != 1 and known is None and _writes_json(args)
    audited = in_order(functools.partial(_audit_one, options, render), paths, jobs, functools.partial(_warm, options))
    rendered: list[str | None] = []
    for n, (path, got) in enumerate(zip(paths, audited), 1):
        if got.stop is not None:  # a broken rules or settings file is not one article's problem: stop
            raise (RulesError if got.stop[0] == "rules" else ConfigError)(list(got.stop[1]))
        if got.rule_files is not None:
            rules = rules_for(got.rule_files)
        if got.doc is not None and rules is not None:
            _name_settings(None if options.config else got.config, named, printer)
            docs.append(without_baseline(got.doc, known, rules, got.fail_on) if known is not None else got.doc)
            rendered.append(got.json)
        else:
            errors.append({"path": path, "message": str(got.error)})
            printer.err(str(got.error))
        printer.tick(n, len(paths), "checking")
    write_outputs(args, printer, docs, rules or rules_for(tuple(args.rules)), errors, rendered)
    if errors:
        return 2
    return 1 if any(d.verdict.fails for d in docs) and not args.exit_zero else 0


@dataclass(frozen=True)
class Audited:
    """What auditing one input of `check` gives back (from this process or a worker)."""

    doc: DocumentResult | None = None
    rule_files: tuple[str, ...] | None = None  # the rule files in force, once the settings were read
    fail_on: str = "error"
    error: str | None = None  # the input's problem (one line), when there is no doc
    config: str | None = None  # the settings file in force, if one was found
    stop: tuple[str, tuple[str, ...]] | None = None  # ("rules" or "config", problems): the run ends
    json: str | None = None  # the document's JSON, when the worker was asked to render it


_RENDER_LIMIT = 1_000_000  # characters: a longer article's JSON is written in pieces by the parent, never one string


def _writes_json(args: argparse.Namespace) -> bool:
    from audit.present import formats

    return any(fmt == "json" for fmt, _ in formats.outputs(args.format, args.output))


def _audit_one(options: AuditOptions, render: bool, path: str) -> Audited:
    from audit.api import audit_source, settings_for

    files = None
    try:
        settings = settings_for(path, options)
        files = settings.rules
        rules_for(files)
        doc = audit_source(path, options, settings)
    except RulesError as exc:
        return Audited(stop=("rules", exc.problems))
    except ConfigError as exc:
        return Audited(stop=("config", exc.problems))
    except AuditError as exc:
        return Audited(rule_files=files, error=str(exc))
    if render and len(doc.text) <= _RENDER_LIMIT:
        from audit.present.output import document_pieces

        return Audited(doc, files, settings.fail_on, config=settings.config, json="".join(document_pieces(doc)))
    return Audited(doc, files, settings.fail_on, config=settings.config)


def _name_settings(config: str | None, named: set[str], printer: Printer) -> None:
    """Say which discovered settings file is in force when it is outside the current folder (once per file)."""
    if config and config not in named:
        named.add(config)
        if os.path.relpath(os.path.abspath(config)).startswith(".."):
            printer.err(f"settings from {config} (outside the current folder)")


def _warm(options: AuditOptions) -> None:
    """Before the workers start: the default rules and the readability dictionaries, loaded once for all."""
    import audit.api  # noqa: F401  (the pipeline's modules)
    from audit.judge.readability import syllables

    try:
        rules_for(options.rules)
    except AuditError:
        return  # the first worker reports it, in its place
    if options.readability:
        syllables("warm")


def _baseline(path: str) -> Counter[Key]:
    """The findings of an earlier JSON result; a missing or unreadable one is a usage error (one line)."""
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
        return baseline_keys(data, path)
    except FileNotFoundError:
        raise UsageError(f"{path}: no such baseline file (write one with --format json -o {path})") from None
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise UsageError(f"{path}: not a readable JSON result: {exc}") from None
    except ValueError as exc:
        raise UsageError(str(exc)) from None


def write_outputs(args: argparse.Namespace, printer: Printer, docs: list[DocumentResult], rules: RuleSet,
                  errors: list[dict[str, str]], rendered: list[str | None] | None = None) -> None:
    """Each requested output; `rendered`: documents' JSON already encoded by the workers (None where not)."""
    from audit.present import formats

    for fmt, dest in formats.outputs(args.format, args.output):
        if fmt == "json" and not (dest is None and args.statistics):
            from audit.present.output import json_pieces

            # written as it is encoded: a 16 MB article's result is never one string (nor its bytes)
            pieces = json_pieces(docs, rules, errors, rendered)
            if dest is None:
                printer.out_pieces(pieces)
            else:
                printer.write_file(dest, pieces)
            continue
        if dest is None and args.statistics:
            from audit.present.summary import statistics

            text = statistics(docs)
        else:
            text = formats.render(fmt, docs, rules, errors, paint=printer.paint if dest is None else None,
                                  quiet=args.quiet and dest is None)
        if dest is None:
            if text.strip():
                printer.out(text.rstrip("\n"))
        else:
            printer.write_file(dest, text)
        if fmt == "github" and os.environ.get("GITHUB_STEP_SUMMARY"):
            from audit.present.formats.github import annotation_set
            from audit.present.formats.markdown import SUMMARY_LIMIT, to_markdown

            note = annotation_set(docs, errors).note
            printer.append_file(os.environ["GITHUB_STEP_SUMMARY"], to_markdown(docs, errors, SUMMARY_LIMIT, note))
