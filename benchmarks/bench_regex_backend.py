"""Would PCRE2 with JIT run the rules faster than `re`? A measurement for issue 13's compiled-core plan, never a test.

    pip install pcre2        # the maintained binding (wheels for CPython on Linux, macOS, Windows); not a dependency
    .venv/bin/python benchmarks/bench_regex_backend.py [--texts 840] [--e2e 80]

Over the texts of ../shared/eval/polnear-train.jsonl (statements as `split_statements` makes them), in one process:
  1. every attribution and statement rule's pattern, and every `requires` gate, compiled by PCRE2 (UTF and Unicode
     properties, JIT) next to `re`: how many compile, and whether each finds the same first match in every statement;
  2. CPU time of one search per pattern per statement, `re` against PCRE2 (a raw figure: `check` searches far fewer,
     because the word prefilter skips statements that cannot match);
  3. end to end, on the first --e2e texts: `audit_text` (readability off) with the rule set as loaded, and with its
     rules' patterns and gates swapped for PCRE2's (any PCRE2 cannot compile stays `re`): CPU time of two
     alternating rounds each, and whether every statement's label, rules, source and match spans are the same.
The machine is shared: quote the ratios, not the seconds.
"""
from __future__ import annotations

import argparse
import json
import re
import sys
import time
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
CORPUS = REPO.parent / "shared" / "eval" / "polnear-train.jsonl"


def pcre_of(pcre2: Any, rx: re.Pattern[str], name: str, quiet: bool = False) -> Any | None:
    flags = pcre2.U
    for ours, theirs in ((re.I, pcre2.I), (re.X, pcre2.X), (re.S, pcre2.S), (re.M, pcre2.M)):
        if rx.flags & ours:
            flags |= theirs
    try:
        return pcre2.compile(rx.pattern, flags=flags, jit=True)
    except Exception as e:  # the binding's errors vary: report and go on
        if not quiet:
            print(f"  {name}: not compiled: {str(e)[:80]}")
        return None


def raw(pcre2: Any, rules: Any, statements: list[str]) -> None:
    pairs = [(r.id, r.regex) for r in rules.rules] + [(r.id + " (gate)", r.requires) for r in rules.rules
                                                      if r.requires is not None]
    compiled = [(rid, rx, p) for rid, rx in pairs if (p := pcre_of(pcre2, rx, rid)) is not None]
    print(f"patterns: {len(pairs)}; compiled by PCRE2: {len(compiled)}")
    t_re = t_pcre = 0.0
    differ = []
    for rid, rx, p in compiled:
        t0 = time.process_time()
        a = [m.span() if (m := rx.search(s)) else None for s in statements]
        t1 = time.process_time()
        b = [m.span() if (m := p.search(s)) else None for s in statements]
        t2 = time.process_time()
        t_re, t_pcre = t_re + t1 - t0, t_pcre + t2 - t1
        if a != b:
            differ.append(rid)
    print(f"raw search, every pattern on every statement: re {t_re:.2f} s, PCRE2-JIT {t_pcre:.2f} s "
          f"({t_re / t_pcre:.2f}x); patterns with a different first match: {len(differ)} {differ[:10]}")


def end_to_end(pcre2: Any, texts: list[str]) -> None:
    from audit.api import load_rules
    from audit.pipeline import audit_text
    base, fast = load_rules(), load_rules()
    for r in fast.rules:  # the frozen rules are swapped in place, for this measurement only
        object.__setattr__(r, "regex", pcre_of(pcre2, r.regex, r.id, True) or r.regex)
        if r.requires is not None:
            object.__setattr__(r, "requires", pcre_of(pcre2, r.requires, r.id, True) or r.requires)

    def run(rules: Any) -> tuple[float, list[Any]]:
        t0, out = time.process_time(), []
        for t in texts:
            doc = audit_text(t, ruleset=rules, with_readability=False)
            out.append([(s.statement.start, s.label.value, s.rule_ids, s.source_id,
                         tuple((m.start, m.end) for m in s.matches)) for s in doc.statements])
        return time.process_time() - t0, out

    run(base), run(fast)  # warm both
    (a1, a), (b1, b), (a2, _), (b2, _) = run(base), run(fast), run(base), run(fast)
    print(f"end to end over {len(texts)} texts: re {a1:.2f}/{a2:.2f} s, PCRE2 {b1:.2f}/{b2:.2f} s "
          f"({(a1 + a2) / (b1 + b2):.2f}x); identical labels, rules, sources and spans: {a == b}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--corpus", type=Path, default=CORPUS)
    ap.add_argument("--texts", type=int, default=840, help="texts for the raw search (default all)")
    ap.add_argument("--e2e", type=int, default=80, help="texts for the end-to-end run")
    args = ap.parse_args()
    try:
        import pcre2
    except ImportError:
        sys.exit("bench_regex_backend.py needs the pcre2 package: pip install pcre2")
    if not args.corpus.exists():
        sys.exit(f"no corpus at {args.corpus}")
    sys.path.insert(0, str(REPO))
    from audit.api import load_rules
    from audit.read.text import split_statements
    texts = [json.loads(line)["text"] for line in args.corpus.open(encoding="utf-8")]
    rules = load_rules()
    statements = [st.text for t in texts[:args.texts] for st in split_statements(t, None, rules.patterns)]
    print(f"{len(statements)} statements of {min(args.texts, len(texts))} texts")
    raw(pcre2, rules, statements)
    end_to_end(pcre2, texts[:args.e2e])


if __name__ == "__main__":
    main()
