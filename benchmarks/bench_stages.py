"""Where `check`'s CPU goes, stage by stage (issue 13): figures for the issue note, never a test.

Run: .venv/bin/python benchmarks/bench_stages.py [--corpus FILE] [--repeat 3]

In this process, over the texts of ../shared/eval/polnear-train.jsonl, each stage of audit.pipeline._audit_text is
timed on its own (CPU time, summed over the texts; the best of --repeat passes per stage): splitting, quotations
(found and masked), labelling (label_statements, whose own share of regex searches is shown apart: the rules'
patterns searched where the per-document scan lets them, as label_statements searches them), roster, checks,
score, readability, verdict, and the JSON of all the documents. Start-up (imports, the rules file) and reading the
files are outside these figures: compare with bench_speed.py's whole-process figure. The machine is shared:
quote shares and ratios, not seconds alone.
"""
from __future__ import annotations

import argparse
import json
import sys
import time
from collections import defaultdict
from pathlib import Path

from audit.rules.ruleset import RuleSet

REPO = Path(__file__).resolve().parents[1]
CORPUS = REPO.parent / "shared" / "eval" / "polnear-train.jsonl"


def one_pass(texts: list[str], rules: RuleSet) -> dict[str, float]:
    from audit.judge.checks import run_checks, verdict
    from audit.judge.readability import readability
    from audit.judge.score import score
    from audit.label.engine import label_statements
    from audit.label.quotes import find_quotations, mask_quotations
    from audit.label.roster import build_roster
    from audit.models import DocumentResult, Verdict
    from audit.present.output import json_pieces
    from audit.read import text as textmod

    spent: dict[str, float] = defaultdict(float)
    clock, docs = time.process_time, []
    for text in texts:
        t0 = clock()
        paragraphs = textmod.split_paragraphs(text, True)
        statements = textmod.split_statements(text, paragraphs, rules.patterns)
        t1 = clock()
        spans = find_quotations(text, paragraphs)
        masked = mask_quotations(text, spans)
        t2 = clock()
        labelled, quotations = label_statements(statements, masked, spans, rules)
        t3 = clock()
        reason = rules.patterns.get("ANONYMITY_REASON_I")
        sources, labelled = build_roster(labelled, text, rules, reason)
        t4 = clock()
        findings, excluded = run_checks(text, paragraphs, labelled, sources, quotations, rules)
        t5 = clock()
        scores = score(labelled, sources, rules.lede_paragraphs, frozenset(e.statement for e in excluded))
        t6 = clock()
        read = readability(labelled)
        t7 = clock()
        doc = DocumentResult("x", text, textmod.text_sha256(text), paragraphs, labelled, sources, quotations,
                             scores, read, findings, excluded, Verdict("PASS", ""), None)
        docs.append(doc)
        verdict(doc, rules)
        t8 = clock()
        for name, a, b in (("split", t0, t1), ("quotations", t1, t2), ("label", t2, t3), ("roster", t3, t4),
                           ("checks", t4, t5), ("score", t5, t6), ("readability", t6, t7), ("verdict", t7, t8)):
            spent[name] += b - a
    t = clock()
    sum(len(piece) for piece in json_pieces(docs, rules, []))
    spent["json"] = clock() - t
    return spent


def rule_searches(texts: list[str], rules: RuleSet) -> float:
    """CPU of the rules' own regex searches inside label_statements (attribution and statement rules)."""
    from audit.label.quotes import find_quotations, mask_quotations
    from audit.label.runs import scan_document
    from audit.read import text as textmod
    from audit.rules.scan import by_statement

    spent = 0.0
    for text in texts:
        paragraphs = textmod.split_paragraphs(text, True)
        statements = textmod.split_statements(text, paragraphs, rules.patterns)
        masked = mask_quotations(text, find_quotations(text, paragraphs))
        runs, statement_runs = scan_document(statements, masked, rules)
        attribution = by_statement(len(statements), rules.of_kind("attribution"), runs)
        statement = by_statement(len(statements), rules.of_kind("statement"), statement_runs)
        t = time.process_time()
        for st in statements:
            seg = masked[st.start:st.end]
            for rule in attribution[st.index]:
                pos = 0
                while pos <= len(seg) and (m := rule.regex.search(seg, pos)) is not None:
                    pos = max(m.end(), m.start() + 1)
            for rule in statement[st.index]:
                rule.regex.search(st.text)
        spent += time.process_time() - t
    return spent


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    ap.add_argument("--corpus", type=Path, default=CORPUS)
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()
    from audit.rules.loader import default_rules

    with args.corpus.open(encoding="utf-8") as fh:
        texts = [r["text"] for r in map(json.loads, fh) if r["text"].strip()]
    rules = default_rules()
    one_pass(texts[:5], rules)  # warm: the caches a long run fills (syllables, pieces, memos)
    passes = [one_pass(texts, rules) for _ in range(args.repeat)]
    best = {name: min(p[name] for p in passes) for name in passes[0]}
    searches = min(rule_searches(texts, rules) for _ in range(args.repeat))
    total = sum(best.values())
    print(f"{len(texts)} texts; CPU per stage, best of {args.repeat} (s, share of the stages' sum)")
    for name, spent in best.items():
        print(f"  {name:12s} {spent:7.2f}  {100 * spent / total:5.1f}%")
        if name == "label":
            print(f"    of which the rules' regex searches {searches:7.2f}  {100 * searches / total:5.1f}%")
    print(f"  {'sum':12s} {total:7.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
