#!/usr/bin/env python3
"""Right person named: does the source the tool names for a sourced cue match PolNeAR's source?

    who.py POLNEAR.jsonl PRED.json [--part all|tune|check] [--wrong N] [--json OUT]

For each core cue attribution (recall.py's CORE list) whose statement the tool labels sourced, take the
tool's source for that statement (statement.source_id -> documents[].sources[]: name, description and
relays) and PolNeAR's source (source_text; for a pronoun, also source_antecedent_hint). Only attributions
whose PolNeAR source holds a capitalised word (function words and titles left out) are counted. "right"
when the two share a capitalised word. A statement with no source_id counts as wrong.
--wrong N prints N wrong cases (tune part only: never read check texts).
"""
from __future__ import annotations

import argparse
import json
import os
import re
import sys

EVAL = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "shared", "eval")
sys.path.insert(0, EVAL)
import recall  # noqa: E402  ../shared/eval/recall.py: CORE, cue_lemma, part_of, best_overlap

STOP = frozenset("""the a an he she it they we i you his her its their our my your him them us me this that
these those who which what when where why how and or but of in on at by for to from with as mr mrs ms
miss dr rev sen senator rep gov president mr. mrs. ms. dr. sen. rep. gov. sir lord said says according
there here then if so not no also both all some one two many most other another former current new
""".split())  # noqa: SIM905
WORD = re.compile(r"[A-Z][\w'’.-]*")


def caps(text: str | None) -> set[str]:
    out = set()
    for w in WORD.findall(text or ""):
        w = re.sub(r"(['’]s?|\.)$", "", w)
        w = w.rstrip(".'’")
        if len(w) > 1 and w.lower() not in STOP:
            out.add(w.lower())
    return out


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("corpus")
    ap.add_argument("pred")
    ap.add_argument("--part", choices=("all", "tune", "check"), default="tune")
    ap.add_argument("--wrong", type=int, default=0)
    ap.add_argument("--json")
    ap.add_argument("--strict", action="store_true", help="right only when the source's name holds every capitalised "
                    "word of PolNeAR's source (the fullest name)")
    ap.add_argument("--quotes", action="store_true", help="only attributions whose content holds a quotation mark")
    args = ap.parse_args()
    if args.wrong and args.part != "tune":
        ap.error("--wrong prints texts: the tune part only (never read check texts)")
    with open(args.pred, encoding="utf-8") as fh:
        data = json.load(fh)
    docs = {os.path.splitext(os.path.basename(d["path"]))[0]: d for d in data["documents"]}
    right = total = nosrc = 0
    wrong = []
    with open(args.corpus, encoding="utf-8") as fh:
        articles = [json.loads(line) for line in fh]
    for art in articles:
        if args.part != "all" and recall.part_of(art["id"]) != args.part:
            continue
        doc = docs[art["id"]]
        sts = sorted(doc["statements"], key=lambda s: s["start"])
        starts = [s["start"] for s in sts]
        srcs = {s["id"]: s for s in doc["sources"]}
        for att in art["attributions"]:
            if not att.get("cue_spans") or recall.cue_lemma(att.get("cue_text") or "") not in recall.CORE:
                continue
            if args.quotes and not re.search(r"[“”\"]|''", att.get("content_text") or ""):
                continue
            gold = caps(att.get("source_text"))
            if att.get("source_kind_hint") == "pronoun":
                gold |= caps(att.get("source_antecedent_hint"))
            if not gold:
                continue
            cs, ce = att["cue_spans"][0]
            got = recall.best_overlap(sts, starts, cs, max(ce, cs + 1))
            if not got or got["label"] in recall.NOT_CLAIM:
                continue
            total += 1
            src = srcs.get(got.get("source_id") or "")
            ours = set()
            if src:
                ours = caps(src.get("name")) | caps(src.get("description"))
            else:
                nosrc += 1
            ok = bool(gold & ours) if not args.strict else bool(src) and gold <= caps(src.get("name"))
            right += ok
            if not ok:
                wrong.append({"id": art["id"], "stmt": got["index"], "label": got["label"],
                              "gold": att.get("source_text"), "hint": att.get("source_antecedent_hint"),
                              "cue": att.get("cue_text"),
                              "ours": src and src.get("name"), "ours_desc": src and src.get("description"),
                              "text": got["text"]})
    kind = f"{' quotes' if args.quotes else ''}{' strict' if args.strict else ''}"
    if not total:
        print(f"part {args.part}{kind}: no cues")
    else:
        print(f"part {args.part}{kind}: right person {right / total:.4f} ({right} of {total}); no source {nosrc}")
    for w in wrong[: args.wrong]:
        print(f"- {w['id'][:40]} #{w['stmt']} {w['label']}: gold={w['gold']!r} hint={w['hint']!r} cue={w['cue']!r}"
              f" ours={w['ours']!r} / {w['ours_desc']!r}\n    {w['text'][:220]}")
    if args.json:
        with open(args.json, "w", encoding="utf-8") as out:
            json.dump(wrong if args.part == "tune" else [{k: v for k, v in w.items() if k != "text"} for w in wrong],
                      out, indent=1)


if __name__ == "__main__":
    main()
