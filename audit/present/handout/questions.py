"""Discussion questions drawn from this article's findings: one per kind of problem, naming its paragraph, in the
order of the paragraphs. The student sees the prompt; the key adds a model answer and the finding's why.

Prompts name the paragraph but never the label or the source: those are what students hunt for.
"""
from __future__ import annotations

from dataclasses import dataclass

from audit.models import DocumentResult, Finding, Label, LabelledStatement
from audit.present.annotate import STYLES
from audit.present.handout.reasons import quote, source_answer, source_of
from audit.rules.ruleset import Check, RuleSet

PROMPTS = {
    "opinion": "Someone gives an opinion or attacks someone here. Who is speaking? Is the person named? "
               "Why might it matter that a reader cannot check who said it?",
    "secondhand": "Where did this information first appear? Trace it to the original report (SIFT: trace "
                  "claims to the original). Does this article say it confirmed the report?",
    "leak": "This account rests on material that was not meant to be public. Who obtained it? Does the "
            "article say whether it was verified, and how?",
    "lede": "This is the article's opening claim. What does it rest on? How many sources stand behind it?",
    "duplicate": "Read this paragraph next to paragraph {original}. What do you notice, and what does it "
                 "suggest about how carefully the article was checked?",
    "reply": "Who is criticised in this article? Does the article say they were asked to reply, and what "
             "came of it?",
    "quote": "Whose words are in quotation marks here? How can you tell?",
}
#: check kinds (and right-of-reply's modes) to the question they raise
KINDS = {"anonymous-opinion": "opinion", "secondhand-unconfirmed": "secondhand", "reports-unnamed": "secondhand",
         "leak-unverified": "leak", "lede-weak": "lede", "lede-unsourced": "lede", "duplicate-paragraph": "duplicate",
         "right-of-reply": "reply", "quote-unattributed": "quote"}


@dataclass(frozen=True)
class Question:
    paragraph: int
    statement: int  # numbered from 1, as printed
    kind: str
    check_id: str
    prompt: str  # for students: names the paragraph's problem, never its label or source
    answer: str  # for the key
    discussion: str  # for the key: why it matters (the check's why)


def _kind(finding: Finding, rules: RuleSet) -> str | None:
    check = rules.rule(finding.check_id)
    return KINDS.get(check.kind) if isinstance(check, Check) else None


def draw_questions(result: DocumentResult, rules: RuleSet) -> tuple[Question, ...]:
    """One question per kind of problem, on the first paragraph it is found in, in the order of the
    paragraphs (the key's model answer names the statement)."""
    seen: set[str] = set()
    out = []
    for f in sorted(result.findings, key=lambda f: (f.paragraph or 0, f.start, f.check_id)):
        kind = _kind(f, rules)
        if kind is None or f.paragraph is None or f.statement is None:
            continue
        if kind in seen:
            continue
        seen.add(kind)
        ls = result.statements[f.statement]
        original = _original(f)
        prompt = PROMPTS[kind].format(original=original)
        out.append(Question(f.paragraph, ls.index + 1, kind, f.check_id, prompt, _answer(kind, f, ls, result, original),
                            first_sentence(f.why)))
    return tuple(out)


def first_sentence(text: str) -> str:
    """The check's why up to its first full stop: the point to discuss, without the editor's advice."""
    head, dot, _ = text.partition(". ")
    return head + "." if dot else text


def _original(f: Finding) -> int:
    """The paragraph a repeated paragraph copies ('paragraph 20 repeats paragraph 12' in the message)."""
    tail = f.message.rsplit("paragraph ", 1)[-1].rstrip(")")
    return int(tail) if f.check_id == "duplicate-paragraph" and tail.isdigit() else 0


def _rests_on(ls: LabelledStatement, result: DocumentResult) -> LabelledStatement:
    nxt = result.statements[ls.index + 1] if ls.index + 1 < len(result.statements) else None
    if ls.label is Label.UNATTRIBUTED and nxt is not None and nxt.label not in (Label.UNATTRIBUTED, Label.NONE):
        return nxt
    return ls


def _answer(kind: str, f: Finding, ls: LabelledStatement, result: DocumentResult, original: int) -> str:
    n, src = ls.index + 1, source_answer(ls, result)
    if kind == "opinion":
        found = source_of(ls, result)
        why = found.anonymity_reason if found is not None and found.anonymity_reason else None
        return (f"Statement {n}: the speaker is {src}, who is not named; "
                + (f"the article says why: “{why}”." if why else "the article gives no reason for not naming them."))
    if kind == "secondhand":
        return (f"Statement {n} comes from another outlet's reporting: {src}. The article does not say it "
                "confirmed it; find that outlet's original report and see what it says and who confirmed it.")
    if kind == "leak":
        return (f"Statement {n} rests on leaked or recorded material ({src}). The article does not say who "
                "obtained it or whether it was verified.")
    if kind == "lede":
        base = _rests_on(ls, result)
        return (f"The opening claim (statement {n}) rests on statement {base.index + 1}: "
                f"{STYLES[base.label].name}, {source_answer(base, result)}. One source that a reader cannot "
                "check carries the article's main claim.")
    if kind == "duplicate":
        return f"Paragraph {f.paragraph} repeats paragraph {original} word for word: an editing slip."
    if kind == "reply" and f.good:
        return (f"The article reports asking for comment (statement {n}: {quote(f.excerpt)}). Check whether "
                "everyone it criticises was given the same chance.")
    if kind == "reply":
        return (f"No: statement {n} criticises ({quote(f.excerpt)}) and the article does not say anyone was "
                "asked to reply.")
    return f"The article never says who said it (statement {n}: {quote(f.excerpt)})."
