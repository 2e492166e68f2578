"""The fuzz run (issue 14): 20,000 generated inputs for each target, from a fixed seed, none of which may crash.

Targets: `audit_text`; the Markdown, HTML and Word readers (bytes to text, as `check` reads a file); and the
rules, settings and pyproject loaders (hypothesis, derandomized). An input may be refused (InputError, or
located RulesError / ConfigError lines); any other exception is a crash. Texts are built from pieces of the dev
gold articles (cut into short runs of words, so no article is reproduced) and from hostile pieces: control
characters, quotation marks in runs, long words, markup. A target still running after BUDGET seconds fails,
naming how far it got: a hang guard, not a speed test (speed is benchmarks/bench_hostile.py).
"""
from __future__ import annotations

import contextlib
import io
import json
import os
import random
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings

from audit.errors import InputError
from audit.pipeline import audit_text
from audit.read.inputs import source_from_bytes

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # tests/: the shared generators
from loader_fuzz import (
    RULES_DOC,
    SETTINGS_DOC,
    check_rules_text,
    check_settings_text,
    toml_texts,
    yaml_texts,
)

SEED = 14
COUNT = int(os.environ.get("FUZZ_COUNT", "20000"))  # fewer for a quick look; CI runs the 20,000
BUDGET = 1800.0  # seconds per target, on a loaded two-core machine
EVAL = Path(__file__).resolve().parents[3] / "shared" / "eval"
HOSTILE = ["\x00", "\x1b[2J", "\x07", "\x0b", "\ufeff", "\u202e", "\u2028", "\r\n", "\n\n", "\t", "“", "”", "‘",
           "’", '"', "'", "«", "»", "…", "—", ",,,,,,,,", "........", "“““““", "AAAAAAAAAAAAAAAA", "who", "said",
           "officials said it and ", "<!-- sourcing-audit: disable-next x -- reason: y -->", "<p>", "</p>",
           "<script>", "# ", "> ", "* ", "`", "```", "[a](http://x)", "![i](x.png)", "&amp;", "&#0;", "<!--",
           "-->", "|", "---", "\\", "😀", "🇺🇦", "ﬁ", "x" * 300]


def _words() -> list[str]:
    words: list[str] = []
    with open(EVAL / "dev-gold.jsonl", encoding="utf-8") as fh:
        for line in fh:
            words.extend(json.loads(line)["text"].split())
    return words


def _texts(rng: random.Random, words: list[str]) -> str:
    parts: list[str] = []
    for _ in range(rng.randint(1, 40)):
        if rng.random() < 0.3:
            parts.append(rng.choice(HOSTILE))
        else:
            at = rng.randrange(len(words))
            parts.append(" ".join(words[at:at + rng.randint(1, 8)]))
        parts.append(rng.choice([" ", " ", "", "\n", "\n\n", ". "]))
    return "".join(parts)


def _run(target: Callable[[bytes | str], object], make: Callable[[random.Random], bytes | str]) -> None:
    rng = random.Random(SEED)
    start = time.monotonic()
    for n in range(COUNT):
        data = make(rng)
        with contextlib.suppress(InputError):  # refused with one line: allowed
            target(data)
        if time.monotonic() - start > BUDGET:
            pytest.fail(f"{n + 1} of {COUNT} inputs in {BUDGET:.0f} s: a hang or a blow-up")


@pytest.fixture(scope="module")
def words() -> list[str]:
    return _words()


def test_audit_text(words: list[str]) -> None:
    _run(lambda t: audit_text(str(t), "fuzz.txt", with_readability=False), lambda rng: _texts(rng, words))


@pytest.mark.parametrize("name", ["fuzz.md", "fuzz.html", "fuzz.txt"])
def test_text_readers(words: list[str], name: str) -> None:
    def make(rng: random.Random) -> bytes:
        text = _texts(rng, words)
        if name.endswith(".html") and rng.random() < 0.7:
            text = f"<html><body><article><p>{text}</p></article></body></html>"
        return text.encode("utf-8", "surrogatepass")

    _run(lambda b: source_from_bytes(bytes(b), name), make)


def _docx_bases(words: list[str]) -> list[bytes]:
    import docx

    rng, bases = random.Random(SEED), []
    for _ in range(20):
        document = docx.Document()
        for _ in range(rng.randint(1, 6)):
            document.add_paragraph(_texts(rng, words).replace("\x00", "").replace("\x1b", "")
                                   .replace("\x07", "").replace("\x0b", ""))
        buf = io.BytesIO()
        document.save(buf)
        bases.append(buf.getvalue())
    return bases


def test_docx_reader(words: list[str]) -> None:
    bases = _docx_bases(words)

    def make(rng: random.Random) -> bytes:
        data = bytearray(rng.choice(bases))
        for _ in range(rng.choice([0, 1, 1, 2, 8])):  # some untouched: they must read as text
            data[rng.randrange(len(data))] = rng.randrange(256)
        if rng.random() < 0.1:
            data = data[:rng.randrange(len(data))]
        return bytes(data)

    _run(lambda b: source_from_bytes(bytes(b), "fuzz.docx"), make)


MANY = settings(max_examples=COUNT, deadline=None, derandomize=True, database=None,
                suppress_health_check=list(HealthCheck))
FOLDER = Path(tempfile.mkdtemp(prefix="loader-fuzz-"))


@MANY
@given(yaml_texts(RULES_DOC))
def test_rules_loader(text: str) -> None:
    check_rules_text(text, FOLDER / "rules.yaml")


@MANY
@given(yaml_texts(SETTINGS_DOC))
def test_settings_loader(text: str) -> None:
    check_settings_text(text, FOLDER / ".sourcing-audit.yaml")


@MANY
@given(toml_texts())
def test_pyproject_loader(text: str) -> None:
    check_settings_text(text, FOLDER / "pyproject.toml")
