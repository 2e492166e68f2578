"""The linear-time rewrites of issue 14 give the same answers as the quadratic code they replaced (seeded)."""
from __future__ import annotations

import random
import re

from audit.judge.context import _END_PUNCT
from audit.label.engine import _take
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


def test_end_punctuation_matches_as_before() -> None:
    rng = random.Random(14)
    alphabet = ["a", "b", " ", ",", ".", "!", "”", "’", ")", "\u00a0", "x"]
    for _ in range(5000):
        s = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 30)))
        assert _END_PUNCT.sub("", s) == OLD_END_PUNCT.sub("", s), s


def test_end_punctuation_on_a_long_run_of_commas_is_quick_to_write() -> None:
    s = "x " + "," * 100_000 + " y"
    assert _END_PUNCT.sub("", s) == s  # the run is not at the end: nothing to cut
    assert _END_PUNCT.sub("", s + ",,,") == s


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


def _old_given_with(surname: str, text: str, firsts: dict[str, str | None]) -> tuple[bool, str | None]:
    """The scan given_index replaced: every occurrence of the surname, a first name or a title before it."""
    before = re.compile(r"(?<![\w.])([A-Z][a-z]+\.?)\s+(?:[A-Z]\.\s+|[A-Z][a-z]+\s+)?$")
    genders: set[str | None] = set()
    at = text.find(surname)
    while at >= 0:
        m = before.search(text, max(at - 40, 0), at)
        if m is not None and m.group(1) in firsts and not text[at + len(surname):at + len(surname) + 1].isalnum():
            genders.add(firsts[m.group(1)])
        at = text.find(surname, at + 1)
    return bool(genders), genders.pop() if len(genders) == 1 else None


def test_given_index_agrees_with_scanning_for_each_surname() -> None:
    rules = default_rules()
    firsts = {"Ann": "f", "Tom": "m", "Mr.": "m", "Mrs.": "f", "Dr.": None, "Kelly": None}
    words = [*firsts, "Ross", "Diaz", "Rossi", "Ross’s", "Diaz-Ortiz", "Q.", "the", "said", ",", "O’Neil", "Neil"]
    rng = random.Random(7)
    for _ in range(2000):
        text = " ".join(rng.choice(words) for _ in range(rng.randint(1, 12)))
        index = given_index(text, rules)
        for surname in ("Ross", "Diaz", "Rossi", "Neil", "O’Neil", "Diaz-Ortiz", "Ortiz"):
            assert given_with(surname, index) == _old_given_with(surname, text, firsts), (surname, text)
