"""audit.label.leaks: a document source that refers back to leaked material named earlier stays leaked."""
from __future__ import annotations

import dataclasses

from audit import load_rules
from audit.label.leaks import carry_leaks
from audit.models import Attribution, Label, Match, SourceKind
from tests.label_helpers import labels

LEAK = "The plan was drafted in May, according to an internal memo obtained by the Ledger."


def test_the_memo_after_a_leaked_memo_is_leaked() -> None:
    got = labels(f"{LEAK} The memo lists three schools for closure.")
    assert [label for _, label in got] == ["leaked-transcript", "leaked-transcript"]


def test_a_later_email_in_the_thread_is_leaked() -> None:
    got = labels(f"{LEAK} A later email in the same thread says the numbers should stay private.")
    assert got[1][1] == "leaked-transcript"


def test_the_letter_after_a_leaked_letter_is_leaked() -> None:
    got = labels("In a letter obtained by the Ledger, two principals warned that the plan would fail. "
                 "“We cannot staff three buildings,” the letter reads.")
    assert [label for _, label in got] == ["leaked-transcript", "leaked-transcript"]


def test_data_on_the_leaked_memo_is_leaked() -> None:
    got = labels(f"{LEAK} The memo is unsigned, but metadata on the document show it was written by the budget office.")
    assert got[1][1] == "leaked-transcript"


def test_other_messages_after_leaked_emails_are_leaked() -> None:
    got = labels("Emails obtained by the Ledger show the principal asked to delay the vote. "
                 "Other messages in the same batch show staff drafting a reply.")
    assert [label for _, label in got] == ["leaked-transcript", "leaked-transcript"]


def test_other_messages_without_a_leak_before_them_are_a_document() -> None:
    got = labels("The plan was drafted in May. Other messages in the file show staff drafting a reply.")
    assert got[1][1] == "document"


def test_the_memo_without_a_leak_before_it_is_a_document() -> None:
    got = labels("The plan was drafted in May. The memo lists three schools for closure.")
    assert got[1][1] == "document"


def test_a_public_report_after_a_leak_stays_a_document() -> None:
    got = labels(f"{LEAK} The state audit lists three schools for closure.")
    assert got[1][1] == "document"


def _attribution(statement: int, source: str, label: Label) -> Attribution:
    return Attribution("rule", statement, Match("rule", 0, 4, "says"), source, 5, 5 + len(source),
                       SourceKind.DOCUMENT, label, "source-document")


def test_without_the_pattern_nothing_changes() -> None:
    rules = load_rules()
    bare = dataclasses.replace(rules, patterns={k: v for k, v in rules.patterns.items() if k != "LEAK_REFERENCE"})
    attrs = [[_attribution(0, "a leaked memo", Label.LEAKED)], [_attribution(1, "the memo", Label.DOCUMENT)]]
    assert carry_leaks(attrs, bare)[1][0].label is Label.DOCUMENT
    assert carry_leaks(attrs, rules)[1][0].label is Label.LEAKED


TEXTS = "Text messages between two supervisors, obtained by the Ledger, show managers scrambling to fill shifts."


def test_writing_back_straight_after_leaked_messages_quotes_them() -> None:
    got = labels(f"{TEXTS} “We have nobody for nights again,” one supervisor wrote. "
                 "The other replied that she would “pull from the floor.”")
    assert [label for _, label in got] == ["leaked-transcript"] * 3


def test_saying_after_leaked_messages_is_the_speaker_s() -> None:
    got = labels(f"{TEXTS} “We have nobody for nights again,” one supervisor said in an interview.")
    assert got[1][1] == "anonymous-source"


def test_writing_with_no_leak_before_it_is_the_writer_s() -> None:
    got = labels("Managers scrambled to fill shifts. “We have nobody for nights again,” one supervisor wrote.")
    assert got[1][1] == "anonymous-source"


def test_a_statement_between_breaks_the_run() -> None:
    got = labels(f"{TEXTS} The hospital hired travel nurses in February. "
                 "“We have nobody for nights again,” one supervisor wrote.")
    assert got[2][1] == "anonymous-source"


def test_without_the_message_pattern_writing_back_keeps_its_label() -> None:
    rules = load_rules()
    bare = dataclasses.replace(rules, patterns={k: v for k, v in rules.patterns.items() if k != "LEAK_MESSAGE_CUE"})
    wrote = Attribution("rule", 1, Match("rule", 0, 5, "wrote"), "one supervisor", 6, 20, SourceKind.UNNAMED,
                        Label.ANONYMOUS, "source-anonymous-determiner")
    attrs = [[_attribution(0, "text messages", Label.LEAKED)], [wrote]]
    assert carry_leaks(attrs, bare)[1][0].label is Label.ANONYMOUS
    assert carry_leaks(attrs, rules)[1][0].label is Label.LEAKED


CABLE = "A confidential cable from the embassy, reviewed by the Ledger, warns that talks could fail."


def test_it_says_straight_after_a_leaked_cable_quotes_the_cable() -> None:
    got = labels(f"{CABLE} “Our hosts were visibly anxious,” it says.")
    assert [label for _, label in got] == ["leaked-transcript", "leaked-transcript"]


def test_the_cable_named_again_is_leaked() -> None:
    got = labels(f"{CABLE} The cable says the ministry asked for more flights.")
    assert got[1][1] == "leaked-transcript"


def test_it_says_after_a_public_report_between_stays_a_document() -> None:
    got = labels(f"{CABLE} A state audit released Monday found that costs doubled. “Costs doubled,” it says.")
    assert got[2][1] == "document"


def test_a_public_reply_after_leaked_texts_stays_named() -> None:
    got = labels("Text messages obtained by the Ledger show the chief ordered the raid. "
                 "The chief responded that the texts were taken out of context.")
    assert got[1][1] == "named-source"


def test_a_message_of_the_leaked_thread_further_on_is_leaked() -> None:
    got = labels(f"{TEXTS} The hospital hired travel nurses in February. "
                 "“Pull from the floor,” Dana Ruiz wrote in a text dated March 2. "
                 "In a reply, the night manager warned that the floor was short too.")
    assert [label for _, label in got][2:] == ["leaked-transcript", "leaked-transcript"]


def test_later_in_the_leaked_call_is_leaked() -> None:
    got = labels("In a call recorded by a participant and reviewed by the Ledger, the chief can be heard ordering "
                 "the raid. The raid began at dawn. Later in the call, he tells a deputy to “keep it quiet.”")
    assert got[2][1] == "leaked-transcript"


def test_an_email_to_the_newsroom_after_a_leak_is_the_writer_s() -> None:
    got = labels(f"{TEXTS} The hospital hired travel nurses in February. "
                 "Dana Ruiz wrote in an email to the Ledger that the texts were taken out of context. "
                 "A spokeswoman, Jo Park, said in an email that the hospital was hiring.")
    assert [label for _, label in got][2:] == ["named-source", "named-source"]


def test_a_message_with_no_leak_before_it_is_the_writer_s() -> None:
    got = labels("Managers scrambled to fill shifts. “Pull from the floor,” Dana Ruiz wrote in a text dated March 2.")
    assert got[1][1] == "named-source"


MEMO_THEN = f"{LEAK}\n\nThe district board meets on Monday.\n\n"


def test_on_record_speech_paragraphs_after_a_leak_stays_named() -> None:
    for text in ("Lee wrote in an email Friday that the claims were false.",
                 "Lee wrote in an email to the newspaper that the claims were false.",
                 "Later in the call with reporters, Ruiz said the plan was dead.",
                 "Later in the earnings call, the chief executive said sales would rise."):
        assert labels(MEMO_THEN + text)[-1][1] == "named-source", text


def test_an_email_to_the_newspaper_straight_after_a_leak_is_the_writer_s() -> None:
    got = labels(f"{LEAK} Lee wrote in an email to the newspaper that the claims were false.")
    assert got[1][1] == "named-source"


def test_the_document_after_a_public_audit_brought_in_is_that_document() -> None:
    for between in ("", "\n\nThe district board meets on Monday.\n\n"):
        got = labels(f"{LEAK}{between or ' '}On Tuesday the state auditor released a 90-page public audit of the "
                     "program. A table in the document shows spending doubled.")
        assert got[-1][1] == "document"


def test_the_memo_after_a_public_audit_and_a_new_leak_is_leaked() -> None:
    got = labels(f"On Tuesday the state auditor released a public audit of the program. {LEAK} "
                 "A table in the document shows spending doubled.")
    assert got[-1][1] == "leaked-transcript"


def test_the_letter_after_a_letter_made_public_is_that_letter() -> None:
    """A public document brought in with its verb after it ("a letter that the board made public") is the one
    "the letter" names next, not the leaked memo before it."""
    got = labels(f"{LEAK}\n\nA letter to the district that the state made public on Tuesday asks the "
                 "board to turn over its enrollment data. The letter also asks the board to list the schools at risk.")
    assert got[-1][1] == "document"


def test_a_memo_never_made_public_is_no_public_document() -> None:
    got = labels(f"{LEAK} A second letter that the district never made public went to the board. "
                 "The memo lists three schools for closure.")
    assert got[-1][1] == "leaked-transcript"


def test_the_letter_after_a_letter_members_signed_is_that_letter() -> None:
    """A letter that members signed ("had signed a letter demanding …") is an open letter: "the letter" next is
    that public one, not the leaked memo before it."""
    got = labels(f"{LEAK}\n\nBy Friday, 20 members had signed a letter demanding a new vote. "
                 "The letter warned that the plan “breaks every promise we made.”")
    assert got[-1][1] != "leaked-transcript"
