"""Pronoun proxy on a `check --format json` prediction of PolNeAR (issue 7): how often a pronoun source is given
to a roster entry it cannot stand for.

Run: python3 benchmarks/pronoun_gender.py PRED.json [tune|check|all]

- he/she: the statements whose pronoun source ("he said") has a roster entry whose gender the text gives
  independently of the tool: `--by titles` (default) reads "Mr./Mrs./Ms. <surname>" in the article; `--by names`
  also reads a first name from a fixed list below (not the rules file's, so two versions compare fairly).
  Wrong: the entry's gender is not the pronoun's.
- it: pronoun "it" given to a named person; they: "they" given to one named person.
Figures go in the issue note (STYLE.md, Habits 4). Needs ../shared/eval/recall.py for the tune/check split.
"""
from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "shared" / "eval"))
sys.path.insert(0, "/work/shared/eval")
FEMALE = {"Hillary", "Melania", "Ivanka", "Nancy", "Elizabeth", "Carly", "Sarah", "Michelle", "Megyn", "Kellyanne",
          "Mary", "Susan", "Ann", "Anne", "Jane", "Karen", "Linda", "Lisa", "Maria", "Debbie", "Donna", "Loretta",
          "Huma", "Condoleezza", "Madeleine", "Nikki", "Jennifer", "Jessica", "Katie", "Laura", "Patricia", "Barbara"}
MALE = {"Donald", "Bill", "Barack", "Bernie", "Ted", "Marco", "Jeb", "John", "Ben", "Chris", "Mike", "Paul", "Rand",
        "Joe", "George", "James", "Robert", "Michael", "David", "Richard", "Mitt", "Newt", "Reince", "Tim", "Tom",
        "Scott", "Rick", "Jim", "Steve", "Eric", "Mark", "Jeff", "Peter", "Harry", "Mitch", "Bob", "Vladimir"}


def _title_genders(text: str) -> dict[str, str | None]:
    found: dict[str, set[str]] = {}
    for m in re.finditer(r"\b(Mr|Mrs|Ms)\.\s+([A-Z][\w’'-]+)", text):
        found.setdefault(m.group(2), set()).add("m" if m.group(1) == "Mr" else "f")
    return {k: next(iter(v)) if len(v) == 1 else None for k, v in found.items()}


def _gender(name: str, titles: dict[str, str | None], by_names: bool) -> str | None:
    words = name.split()
    if not words:
        return None
    if words[-1] in titles:
        return titles[words[-1]]
    if by_names and len(words) > 1:
        return "f" if words[0] in FEMALE else "m" if words[0] in MALE else None
    return None


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("pred")
    ap.add_argument("part", nargs="?", default="tune")
    ap.add_argument("--by", choices=("titles", "names"), default="titles")
    args = ap.parse_args()
    import recall  # type: ignore[import-not-found]
    counts = {"he/she": [0, 0], "it": [0, 0], "they": [0, 0]}
    for doc in json.loads(Path(args.pred).read_text(encoding="utf-8"))["documents"]:
        name = Path(doc["path"]).stem
        if args.part != "all" and recall.part_of(name) != args.part:
            continue
        text = Path(doc["path"]).read_text(encoding="utf-8")
        titles, sources = _title_genders(text), {s["id"]: s for s in doc.get("sources", [])}
        for st in doc["statements"]:
            src = sources.get(st.get("source_id"))
            pronouns = {m["text"].lower() for m in st["matches"] if m["rule_id"] == "source-pronoun"}
            if src is None or not pronouns:
                continue
            person = src["kind"] == "named-person"
            for pronoun in pronouns:
                if pronoun in ("he", "she"):
                    gender = _gender(src["name"], titles, args.by == "names")
                    if gender is not None:
                        counts["he/she"][0] += 1
                        counts["he/she"][1] += gender != {"he": "m", "she": "f"}[pronoun]
                elif pronoun == "it":
                    counts["it"][0] += 1
                    counts["it"][1] += person
                elif pronoun == "they":
                    counts["they"][0] += 1
                    counts["they"][1] += person and " and " not in src["name"]
    for k, (n, bad) in counts.items():
        print(f"{k:<7} wrong {bad:>4} of {n:>4}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
