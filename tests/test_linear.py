"""The linear-time rewrites of issue 14 give the same answers as the quadratic code they replaced (seeded)."""
from __future__ import annotations

import random
import re
import subprocess
import sys

from audit.judge.kinds import paragraph_key
from audit.label.attributions import _take
from audit.label.names import given_index, given_with, person_name
from audit.rules.loader import default_rules

OLD_END_PUNCT = re.compile(r"[\s.,;:!?…’'\"”»)]+$")


def test_take_agrees_with_checking_every_span() -> None:
    rng = random.Random(14)
    for _ in range(3000):
        taken: list[tuple[int, int]] = []
        every: list[tuple[int, int]] = []
        for _ in range(rng.randint(1, 25)):
            a = rng.randint(0, 60)
            b = a + rng.randint(1, 8)
            free = not any(x < b and a < y for x, y in every)
            if free:
                every.append((a, b))
            assert _take(taken, a, b) is free
        assert taken == sorted(every)


def _old_key(s: str) -> str:
    return OLD_END_PUNCT.sub("", " ".join(s.split())).casefold()


def test_end_punctuation_matches_as_before() -> None:
    rng = random.Random(14)
    alphabet = ["a", "B", " ", ",", ".", "!", "”", "’", ")", "\u00a0", "\u2003", "\n", "x", "…", "»", ";"]
    for _ in range(5000):
        s = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 30)))
        assert paragraph_key(s) == _old_key(s), s
    assert paragraph_key("Same words, SAME case. ”") == "same words, same case"


def test_end_punctuation_on_a_long_run_of_commas_is_quick_to_write() -> None:
    s = "x " + "," * 100_000 + " y"
    assert paragraph_key(s) == s  # the run is not at the end: nothing to cut
    assert paragraph_key(s + ",,,") == s


def test_person_name_is_the_closing_capitalised_run() -> None:
    rules = default_rules()
    assert person_name("Representative Don Bacon", rules) == "Don Bacon"
    assert person_name("a man named Bob Smith", rules) == "Bob Smith"
    long = "Then " + "Abc " * 5000 + "Bob"  # past the reach: the closing run within it
    assert person_name(long, rules).split()[-1] == "Bob"


def test_in_quotation_agrees_with_checking_every_quotation() -> None:
    from audit.judge.context import Context
    from audit.judge.kinds import _in_quotation
    from audit.models import Quotation

    rng = random.Random(14)
    for _ in range(500):
        quotes = []
        for _ in range(rng.randint(0, 12)):
            a = rng.randint(0, 80)
            quotes.append(Quotation(a, a + rng.randint(1, 30), (), None))
        ctx = Context("", (), (), (), tuple(quotes), default_rules(), {})
        for _ in range(40):
            s = rng.randint(0, 100)
            e = s + rng.randint(0, 10)
            assert _in_quotation(ctx, s, e) is any(q.start <= s and e <= q.end for q in quotes)


def _reference_given(text: str, firsts: dict[str, str | None]) -> dict[str, set[str | None]]:
    """given_index by tokens: a first name or title token, then a capitalised one (the surname, or a middle name or an
    initial and the capitalised one after it)."""
    tokens = [(m.start(), m.group()) for m in re.finditer(r"\S+", text)]
    index: dict[str, set[str | None]] = {}

    def add(word: str, gender: str | None) -> None:
        word = re.match(r"[\w’'.-]*", word).group()  # type: ignore[union-attr]
        for end in range(1, len(word) + 1):
            if end == len(word) or not word[end].isalnum():
                index.setdefault(word[:end], set()).add(gender)

    i = 0
    while i < len(tokens) - 1:
        at, token = tokens[i]
        if token not in firsts or (at > 0 and (text[at - 1].isalnum() or text[at - 1] in "._")) \
                or not tokens[i + 1][1][0].isupper():
            i += 1
            continue
        middle = tokens[i + 1][1]
        add(middle, firsts[token])
        if re.fullmatch(r"[A-Z]\.|[A-Z][a-z]+", middle) and i + 2 < len(tokens) and tokens[i + 2][1][0].isupper():
            add(tokens[i + 2][1], firsts[token])
        i += 1
    return index


def test_given_index_agrees_with_a_scan_by_tokens() -> None:
    rules = default_rules()
    firsts = {"Ann": "f", "Tom": "m", "Mr.": "m", "Mrs.": "f", "Dr.": None, "Kelly": None}
    words = [*firsts, "Ross", "Diaz", "Rossi", "Ross’s", "Diaz-Ortiz", "Q.", "the", "said", ",", "O’Neil", "Neil"]
    rng = random.Random(7)
    for _ in range(3000):
        text = " ".join(rng.choice(words) for _ in range(rng.randint(1, 12)))
        assert given_index(text, rules) == _reference_given(text, firsts), text
        assert given_with("Ross", given_index(text, rules))[0] == ("Ross" in _reference_given(text, firsts))


_FURNITURE_LINES = """
from audit.rules.loader import default_rules
rules = {r.id: r.regex for r in default_rules().of_kind("statement")}
prompt, date_line, byline = rules["reader-prompt"], rules["date-line"], rules["byline-credit"]
assert not prompt.search("Coverage: " + "A" * 80 + ".")
assert not prompt.search("More news coverage: " + " ".join(["Ab"] * 80) + " x")
assert prompt.search("More NBA coverage: Standings | Schedule | Scores")
assert not date_line.search("Updated Nov. 2, 2024 | " * 80 + "x")
assert date_line.search("Updated September 2, 2024 | Posted Sept. 3, 2024")
assert not byline.search("By Jo Park | " + "Updated Sept. 2, 2024 | " * 80 + "x")
"""


def test_furniture_patterns_read_each_line_one_way() -> None:
    """Each of these inputs took one backtracking step per way of reading it, 2 ** 60 or more before the rewrite (a
    capital word split into capital runs; ' ' read by either space of 'Updated\\s*:?\\s*'): the answers are those
    of the text, and they come at all. A search in re cannot be interrupted, so they run in a child process that a
    regression would keep past the guard (a hang fails the test instead of stalling the suite; no timing is read)."""
    done = subprocess.run([sys.executable, "-c", _FURNITURE_LINES], capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr


_SOURCE_PHRASES = """
from audit import load_rules
rules = {r.id: r for r in load_rules().rules}
transcript = rules["source-public-transcript"].regex
assert not transcript.search("another " * 40 + "the report")
assert transcript.search("a transcript of the earnings call")
"""


def test_a_source_phrase_of_repeated_words_is_read_one_way() -> None:
    """source-public-transcript took its determiners without their space, so 'another ' read as 'another' and ' ' or
    as two words: 2 ** n ways for n repeats (16 s at 14). The answers are the text's, and they come at all (run in a
    child process: a hang fails at the guard; no timing is read)."""
    done = subprocess.run([sys.executable, "-c", _SOURCE_PHRASES], capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
