"""audit.read.text: reading article files, and paragraphs and statements with offsets into the text as read."""
from __future__ import annotations

from pathlib import Path

import pytest

from audit.errors import InputError
from audit.models import Paragraph, Statement
from audit.read import text as textmod
from audit.read.text import _sentence_ends, decode_text, read_text, split_paragraphs
from audit.rules.loader import default_rules, load_rules

REPO = Path(__file__).resolve().parents[1]
SEED = REPO / "seeds" / "putin-trump-tomahawk.txt"


def split_statements(text: str, paragraphs: tuple[Paragraph, ...] | None = None,
                     patterns: dict | None = None) -> tuple[Statement, ...]:
    """The splitter as the pipeline calls it: with the default pack's named patterns unless others are given."""
    return textmod.split_statements(text, paragraphs, default_rules().patterns if patterns is None else patterns)


def _texts(text: str) -> list[str]:
    return [s.text for s in split_statements(text)]


def _assert_covers(text: str) -> None:
    """Every statement is text[start:end]; together they cover every non-space character once, in order."""
    statements = split_statements(text)
    covered = []
    prev_end = 0
    for n, st in enumerate(statements):
        assert st.index == n
        assert text[st.start:st.end] == st.text
        assert st.text == st.text.strip() and st.text
        assert st.start >= prev_end
        prev_end = st.end
        covered.extend(range(st.start, st.end))
    visible = [i for i, ch in enumerate(text) if not ch.isspace()]
    assert [i for i in covered if not text[i].isspace()] == visible


ARTICLES = {
    "seed": SEED.read_text(encoding="utf-8"),
    "two-paragraphs": "Trump met Putin. They talked.\n\nThe talks failed. Nobody knows why.\n",
    "crlf": "Trump met Putin.\r\nThey talked for an hour.\r\n\r\nThe talks failed.\r\n",
    "curly-quotes": "“It’s over,” Bacon said. He didn’t say more.\n‘No,’ Trump replied. ‘It isn’t.’\n",
    "leading-space": "   Indented first line. Second sentence.\n\n\t Tabbed line.",
    "bom": "\ufeffThe bill passed. The Senate voted 52-48.",
}


@pytest.mark.parametrize("text", ARTICLES.values(), ids=ARTICLES.keys())
def test_statements_cover_the_text_with_exact_offsets(text: str) -> None:
    _assert_covers(text)


def test_statements_follow_paragraphs_in_order() -> None:
    text = "First paragraph. It has two sentences.\nSecond paragraph.\n\nThird one, after a blank line."
    statements = split_statements(text)
    assert [(s.paragraph, s.text) for s in statements] == [
        (1, "First paragraph."), (1, "It has two sentences."), (2, "Second paragraph."),
        (3, "Third one, after a blank line."),
    ]


def test_seed_statements_never_cross_paragraphs() -> None:
    text = ARTICLES["seed"]
    paragraphs = split_paragraphs(text)
    assert len(paragraphs) == len([line for line in text.splitlines() if line.strip()])
    for st in split_statements(text, paragraphs):
        para = paragraphs[st.paragraph - 1]
        assert para.start <= st.start < st.end <= para.end


@pytest.mark.parametrize("text, expected", [
    ("“It’s over,” Bacon said. He left.", ["“It’s over,” Bacon said.", "He left."]),
    ("The aide’s view didn’t change. Trump’s did.", ["The aide’s view didn’t change.", "Trump’s did."]),
    ("‘It’s a deal,’ Trump said. Then he left.", ["‘It’s a deal,’ Trump said.", "Then he left."]),
    ("Bacon said it was ‘obvious’. Then he left.", ["Bacon said it was ‘obvious’.", "Then he left."]),
], ids=["curly-double", "apostrophes", "curly-single", "scare-quote"])
def test_curly_quotes_and_apostrophes(text: str, expected: list[str]) -> None:
    _assert_covers(text)
    assert _texts(text) == expected


@pytest.mark.parametrize("line", [
    "Share this @internewscast.com",
    "Putin kills Tomahawk plan after call with Trump",
    "Russia’s President Vladimir Putin greets US Special Envoy Steve Witkoff prior to their talks in Moscow",
    "Photo: Reuters",
], ids=["share-this", "headline", "caption", "photo-credit"])
def test_short_line_stays_its_own_statement(line: str) -> None:
    before = "The talks ended on Friday."
    after = "The White House insisted the envoy was doing outreach."
    assert _texts(f"{before}\n{line}\n{after}") == [before, line, after]
    assert _texts(f"{line}\n{after}") == [line, after]


def test_hard_wrapped_lines_join_into_one_statement() -> None:
    text = "The talks, which lasted\nthree hours, ended without\na deal. Both sides left.\n"
    statements = split_statements(text)
    assert [s.text for s in statements] == ["The talks, which lasted\nthree hours, ended without\na deal.",
                                            "Both sides left."]
    assert {s.paragraph for s in statements} == {1}


def test_line_ending_a_sentence_does_not_join_the_next() -> None:
    text = "The talks ended.\nthe next line starts lower-case."
    assert [s.paragraph for s in split_statements(text)] == [1, 2]


# ---- reading files -------------------------------------------------------------------------------------

def test_read_text_returns_the_text_exactly(tmp_path: Path) -> None:
    p = tmp_path / "a.txt"
    p.write_bytes("Trump’s “plan” failed.\r\nSecond line.\n".encode())
    assert read_text(p) == "Trump’s “plan” failed.\r\nSecond line.\n"


@pytest.mark.parametrize("data, needle", [
    (b"", "empty"),
    (b"  \n\t\r\n  ", "empty"),
    (b"Some text\x00\x01\x02 more", "binary"),
    (b"The caf\xe9 closed.", "byte offset 7"),
], ids=["empty", "whitespace-only", "binary-nul", "invalid-utf8"])
def test_read_text_refuses_bad_files(tmp_path: Path, data: bytes, needle: str) -> None:
    p = tmp_path / "bad.txt"
    p.write_bytes(data)
    with pytest.raises(InputError) as info:
        read_text(p)
    message = str(info.value)
    assert needle in message
    assert str(p) in message
    assert "\n" not in message


def test_read_text_missing_file(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no such file"):
        read_text(tmp_path / "missing.txt")


def test_read_text_directory(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="directory"):
        read_text(tmp_path)


def test_invalid_utf8_names_the_first_bad_byte() -> None:
    data = "ab\u2019cd".encode("utf-8") + b"\xff rest"
    with pytest.raises(InputError) as info:
        decode_text(data, "x.txt")
    assert "byte offset 7" in str(info.value)
    assert "0xff" in str(info.value)


def test_cp1252_encoding_is_decoded_when_named(tmp_path: Path) -> None:
    p = tmp_path / "win.txt"
    p.write_bytes("Trump’s “plan” failed, the café said.".encode("cp1252"))
    with pytest.raises(InputError):
        read_text(p)
    assert read_text(p, encoding="cp1252") == "Trump’s “plan” failed, the café said."


def test_unknown_encoding_is_an_input_error() -> None:
    with pytest.raises(InputError, match="unknown encoding"):
        decode_text(b"text", "x.txt", encoding="no-such-codec")


# ---- the guard on our direct call into Bling Fire's library (issue 8) ------------------------------------------
# audit.read.text calls Bling Fire's TextToSentencesWithOffsets in its shared library through ctypes: the
# package's public API imports numpy (about 0.1-0.2 s of start-up for every `check`) and maps offsets byte by byte.
# These tests fail when a Bling Fire upgrade moves the library or changes what the call returns.

def _public_sentence_ends(chunk: str) -> list[int]:
    import blingfire  # its package needs numpy, which the test extra installs
    _, offsets = blingfire.text_to_sentences_and_offsets(chunk.replace("\n", " "))
    return sorted({end for _, end in offsets}) or [len(chunk)]


def test_blingfire_library_is_where_we_load_it_from() -> None:
    import importlib.util

    spec = importlib.util.find_spec("blingfire")
    assert spec is not None and spec.submodule_search_locations
    names = ("libblingfiretokdll.so", "libblingfiretokdll.dylib", "blingfiretokdll.dll")
    assert any((Path(folder) / name).exists() for folder in spec.submodule_search_locations for name in names)


GUARD_TEXTS = (
    "Officials said the plan failed. The mayor, who spoke on Friday, disagreed! Did he? Yes.",
    "Sen. Jon Tester (D-Mont.) and David Vitter said so. The U.S. Senate voted 51-49 at 3 p.m. on Oct. 5.",
    "“We will never surrender,” she said. ‘No.’ Ça va? Élan — naïve café… Then it rained.",
    "Ein Satz. Noch ein Satz mit Umlauten: äöü. 東京で会議が開かれた。次の文。",
)


def test_our_blingfire_call_gives_the_public_apis_sentence_ends() -> None:
    seed = (Path(__file__).resolve().parents[1] / "seeds" / "putin-trump-tomahawk.txt").read_text(encoding="utf-8")
    chunks = [seed[p.start:p.end] for p in split_paragraphs(seed)] + list(GUARD_TEXTS)
    for chunk in chunks:
        assert _sentence_ends(chunk) == _public_sentence_ends(chunk), chunk


def test_the_splitters_buffers_grown_for_a_long_paragraph_still_split_short_ones_the_same() -> None:
    """The buffers are made once and grown; each call tells the library the size its paragraph needs (it zeroes
    that much), not the buffers' size: a short paragraph after a long one splits as the public API splits it."""
    from audit.read import text as textmod

    long = " ".join(GUARD_TEXTS[:2]) * 2000  # past the first buffers' 64 KB
    assert _sentence_ends(long) == _public_sentence_ends(long)
    assert textmod._BUFFERS[0].size > 2 * len(long.encode("utf-8"))
    for chunk in GUARD_TEXTS:
        assert _sentence_ends(chunk) == _public_sentence_ends(chunk), chunk


@pytest.mark.parametrize("text", [
    "It was late, said Rep. Will Hurd of Texas.",
    "Mr. Obama sees Mr. Netanyahu as captured by a hard-line philosophy that blocks progress. "
    "Mr. Netanyahu considers Mr. Obama hopelessly na\u00c3 \u0304ve about the region.",
])
def test_a_title_before_a_name_ends_no_statement(text: str) -> None:
    # Bling Fire sometimes breaks after "Mr." or "Rep."; a title never ends a sentence, so the break goes.
    assert not any(s.text.rstrip().endswith(("Mr.", "Rep.")) for s in split_statements(text))
    assert split_statements("He was born in the U.S. He left.")[0].text == "He was born in the U.S."


@pytest.mark.parametrize(("text", "expected"), [
    ("The plan was bad. Mr. Diaz left.", ["The plan was bad.", "Mr. Diaz left."]),
    ("It rained in 2011. Mrs. Lee spoke.", ["It rained in 2011.", "Mrs. Lee spoke."]),
    ("He said, “it was bad.” Mr. Diaz left.", ["He said, “it was bad.”", "Mr. Diaz left."]),
    ("Texas Lt. Gov. Dan Ortiz says Sen. Ann Lee won.", ["Texas Lt. Gov. Dan Ortiz says Sen. Ann Lee won."]),
    ("Smith vs. Mr. Jones was the case.", ["Smith vs. Mr. Jones was the case."]),
])
def test_a_sentence_ends_before_a_title_and_a_name(text: str, expected: list[str]) -> None:
    # Bling Fire keeps "… was bad. Mr. Diaz left." whole; a full stop after a lower-case word (not "Lt." or
    # "vs.") before a title and a capitalised name ends the sentence.
    assert [s.text for s in split_statements(text)] == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("The race was called at 9:41 p.m. ET. Results are unofficial.",
     ["The race was called at 9:41 p.m. ET.", "Results are unofficial."]),
    ("The warning lasts until 8 p.m. Forecasters expect more rain.",
     ["The warning lasts until 8 p.m.", "Forecasters expect more rain."]),
    ("The game starts at 7 p.m. Friday at the stadium.", ["The game starts at 7 p.m. Friday at the stadium."]),
    ("Doors open at 6 p.m. Eastern time.", ["Doors open at 6 p.m. Eastern time."]),
    ("Polls close at 8 p.m. Central in most counties.", ["Polls close at 8 p.m. Central in most counties."]),
])
def test_a_sentence_ends_on_a_time(text: str, expected: list[str]) -> None:
    # Bling Fire keeps "… at 9:41 p.m. ET. Results …" whole; a time with its zone, or one followed by a clause's
    # opening (a capitalised word, then a lower-case one; not a day, a month, a zone or a place), ends the sentence
    assert [s.text for s in split_statements(text)] == expected


def test_the_titles_are_the_rules_files_lexicons(tmp_path: Path) -> None:
    # sentence_titles (rules.yaml) is what END_BEFORE_TITLE and TITLE_END read: a title added there starts a
    # sentence after a full stop Bling Fire ran on, and a statement that ends on it runs on to the name
    extra = tmp_path / "titles.yaml"
    extra.write_text("lexicons:\n  sentence_titles: [Insp]\n", encoding="utf-8")
    patterns = load_rules(extra).patterns
    ended, joined = "The plan was bad. Insp. Diaz left.", "It was late, said Insp. Will Hurd of Texas."
    assert [s.text for s in split_statements(ended)] == [ended]
    assert [s.text for s in split_statements(ended, patterns=patterns)] == ["The plan was bad.", "Insp. Diaz left."]
    assert [s.text for s in split_statements(joined)] == ["It was late, said Insp.", "Will Hurd of Texas."]
    assert [s.text for s in split_statements(joined, patterns=patterns)] == [joined]


@pytest.mark.parametrize(("text", "expected"), [
    ("“We will win.” — Jo Park, a delegate", ["“We will win.” — Jo Park, a delegate"]),
    ('"We will win." — Delegate Jo Park', ['"We will win." — Delegate Jo Park']),
    ("“We will win.” — Jo Park. He left.", ["“We will win.” — Jo Park.", "He left."]),
    ("The vote failed. — Jo Park", ["The vote failed.", "— Jo Park"]),
])
def test_a_dash_signature_stays_with_its_quotation(text: str, expected: list[str]) -> None:
    # a pull quote signed with a dash is one statement: the dash-attribution rule reads the quotation and the name
    assert [s.text for s in split_statements(text)] == expected
