"""audit.rules.cache (issue 13): the start-up cache gives back exactly what it was given, or nothing."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from audit.rules import cache

PATTERNS = [(r"\b(?:said|says)\b", 0), (r"(?P<source>[A-Z]\w+) (?P<cue>told)\b(?!\s+me)", 0),
            (r"^according to\s+(?P<who>.+?)[,.]$", re.IGNORECASE | re.MULTILINE), (r"[^\W\d_]+(?<=s)", re.I)]


@pytest.mark.parametrize(("pattern", "flags"), PATTERNS)
def test_a_pattern_from_the_cache_is_the_pattern_compiled(fresh: Path, pattern: str, flags: int) -> None:
    first = cache.compile(pattern, flags)
    cache.save()
    assert list(fresh.glob("regex-*.marshal"))
    cache._ENTRIES.clear()  # as a new process would start
    again = cache.compile(pattern, flags)
    assert (pattern, flags) in {(k[0], k[1]) for k in cache.table("regex")}
    assert again == first == re.compile(pattern, flags)  # same flags, same program
    assert again.groupindex == first.groupindex
    text = "Officials told reporters. According to Ms. Smith, it said so; Reuters says"
    assert [m.span() for m in again.finditer(text)] == [m.span() for m in re.compile(pattern, flags).finditer(text)]


def test_a_broken_cache_file_is_ignored(fresh: Path) -> None:
    cache.compile(r"\bask", 0)
    cache.save()
    (target,) = fresh.glob("regex-*.marshal")
    target.write_bytes(b"\x00not marshal")
    cache._ENTRIES.clear()
    assert cache.compile(r"\bask", 0) == re.compile(r"\bask")


def test_a_pattern_that_does_not_compile_fails_as_re_does(fresh: Path) -> None:
    with pytest.raises(re.error):
        cache.compile(r"(unclosed", 0)


def test_off_writes_nothing(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("SOURCING_AUDIT_CACHE", "off")
    monkeypatch.setattr(cache, "_ENTRIES", {})
    assert cache.folder() is None
    assert cache.compile(r"\bby\b", 0) == re.compile(r"\bby\b")
    cache.save()
    lookup = cache.word_counts("test", "1", lambda: {"poem": 2})
    assert lookup(["poem", "prose"]) == {"poem": 2}


def test_word_counts_come_back_from_the_file(fresh: Path) -> None:
    table = {"readability": 5, "poem": 2, "the": 1}
    built: list[int] = []

    def build() -> dict[str, int]:
        built.append(1)
        return table

    first = cache.word_counts("test", "v1", build)(["poem", "nonesuch", "the"])
    second = cache.word_counts("test", "v1", build)(["poem", "nonesuch", "the", "readability"])
    assert first == {"poem": 2, "the": 1}
    assert second == {"poem": 2, "the": 1, "readability": 5}
    assert built == [1]  # made once, then read from the file
    assert [p.name for p in fresh.glob("test-*.sqlite")] == ["test-v1.sqlite"]
    cache.word_counts("test", "v2", build)
    assert [p.name for p in fresh.glob("test-*.sqlite")] == ["test-v2.sqlite"]  # a new stamp replaces the old


def test_word_counts_serve_other_threads(fresh: Path) -> None:
    """The web page audits in worker threads: a lookup made in one thread answers in any other."""
    import threading

    lookup = cache.word_counts("test", "v1", lambda: {"poem": 2})
    got: list[dict[str, int]] = []
    workers = [threading.Thread(target=lambda: got.append(lookup(["poem"]))) for _ in range(4)]
    for w in workers:
        w.start()
    for w in workers:
        w.join()
    assert got == [{"poem": 2}] * 4


@pytest.mark.parametrize(("pattern", "flags"), PATTERNS)
def test_the_program_of_a_pattern_builds_it_again(fresh: Path, pattern: str, flags: int) -> None:
    kept = cache.compile(pattern, flags)
    found = cache.program_of(kept)
    assert found is cache.table("regex")[(pattern, flags)]  # the one kept when it was compiled, not made again
    assert cache.rebuild(pattern, found) == kept == re.compile(pattern, flags)
    elsewhere = re.compile(pattern + "|x", flags)  # compiled by re: worked out from the pattern
    assert cache.rebuild(elsewhere.pattern, cache.program_of(elsewhere) or ()) == elsewhere


def test_a_pattern_kept_in_its_own_table(fresh: Path) -> None:
    first = cache.compile(r"\bsources? said\b", re.IGNORECASE, kept_in="check-params")
    cache.save()
    assert [p.name.split("-py")[0] for p in fresh.glob("*.marshal")] == ["check-params"]
    cache._ENTRIES.clear()
    assert cache.compile(r"\bsources? said\b", re.IGNORECASE, kept_in="check-params") == first
    assert (r"\bsources? said\b", re.IGNORECASE) in cache.table("check-params")
    assert not cache.table("regex")


def test_a_table_asked_for_many_words_is_read_whole_with_the_same_answers(fresh: Path,
                                                                           monkeypatch: pytest.MonkeyPatch) -> None:
    """Past cache._WHOLE words asked, a table is read whole once and answered from memory: the same answers."""
    table = {f"w{i}": i % 7 + 1 for i in range(50)}
    monkeypatch.setattr(cache, "_WHOLE", 30)
    lookup = cache.word_counts("test", "v1", lambda: table)
    asks = [[f"w{i}" for i in range(k, k + 12)] + ["nonesuch"] for k in range(0, 48, 12)]
    got = [lookup(words) for words in asks]
    assert got == [{w: table[w] for w in words if w in table} for words in asks]
    assert lookup.whole == table  # type: ignore[attr-defined]  # read whole after the third ask


def test_a_pattern_of_the_code_comes_back_from_its_own_table(fresh: Path) -> None:
    first = cache.code_pattern(r"(?<![\w-])(?=(Daily Planet|Planet)(?![\w-]))")
    cache.save()
    assert list(fresh.glob("code-*.marshal")) and not list(fresh.glob("regex-*.marshal"))
    cache._ENTRIES.clear()  # as a new process would start
    again = cache.code_pattern(r"(?<![\w-])(?=(Daily Planet|Planet)(?![\w-]))")
    assert again == first == re.compile(r"(?<![\w-])(?=(Daily Planet|Planet)(?![\w-]))")
    assert [m.group(1) for m in again.finditer("the Daily Planet said")] == ["Daily Planet", "Planet"]
