"""Lemma lexicons: every form of a verb is made from its lemma, and a lexicon compiles to one trie regex."""
from __future__ import annotations

import re

import pytest

from audit.rules.inflect import inflect, irregular_table
from audit.rules.loader import default_rules
from audit.rules.trie import trie_alternation

IRREGULAR = irregular_table(["say said said", "write wrote written", "tell told told"])


@pytest.mark.parametrize(("lemma", "forms", "want"), [
    ("say", ("base", "s", "ed", "ing"), {"say", "says", "said", "saying"}),
    ("write", ("ed", "en", "ing"), {"wrote", "written", "writing"}),
    ("argue", ("s", "ed", "ing"), {"argues", "argued", "arguing"}),
    ("deny", ("s", "ed", "ing"), {"denies", "denied", "denying"}),
    ("quip", ("ed",), {"quipped"}),
    ("stress", ("s",), {"stresses"}),
    ("call for", ("s", "ed"), {"calls for", "called for"}),
    ("signal", ("ed",), {"signaled", "signalled"}),
    ("go", ("s", "ing"), {"goes", "going"}),
], ids=["say", "write", "argue", "deny", "quip", "stress", "call-for", "both-spellings", "two-letters"])
def test_inflect_makes_every_form(lemma: str, forms: tuple[str, ...], want: set[str]) -> None:
    assert want <= set(inflect(lemma, forms, IRREGULAR))


def test_irregular_verbs_have_no_regular_past() -> None:
    assert "sayed" not in inflect("say", ("ed", "en"), IRREGULAR)
    assert "telled" not in inflect("tell", ("ed",), IRREGULAR)


def test_default_pack_has_inflected_speech_verbs() -> None:
    verbs = set(default_rules().lexicons["speech_verbs"])
    assert {"said", "says", "told", "argued", "tweeted", "shot back", "pushed back", "weighed in"} <= verbs
    assert "emailed" in default_rules().lexicons["complement_verbs"]  # only before a colon, a quotation, "that"
    assert "saying" not in verbs  # -ing forms are participle cues only
    assert "saying" in default_rules().lexicons["participle_cues"]


@pytest.mark.parametrize("words", [
    ["said", "says", "say", "told", "call for", "called", "c"],
    ["a.b", "a+b", "(x)", "x"],
    ["Washington Post", "Washington Times", "Wash"],
], ids=["verbs", "escapes", "phrases"])
def test_trie_alternation_matches_exactly_the_words(words: list[str]) -> None:
    trie = re.compile(trie_alternation(words))
    flat = re.compile("|".join(re.escape(w) for w in sorted(words, key=len, reverse=True)))
    probes = words + ["sai", "sayss", "call", "ca", "a", "ab", "Washington", "Washington  Post", "x)"]
    for probe in probes:
        assert bool(trie.fullmatch(probe)) == (probe in words or probe.replace("  ", " ") in words), probe
        found = trie.match(probe)
        want = flat.match(probe.replace("  ", " "))
        assert (found is None) == (want is None), probe
        if found is not None and want is not None and "  " not in probe:
            assert found.end() == want.end(), probe  # the longest entry wins, as in a longest-first alternation
