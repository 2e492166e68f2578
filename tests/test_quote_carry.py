"""Carry-over into quotations whose speaker is in another statement (audit.label.carry, audit.label.quotes).

The expected labels were decided by reading each invented text against ../shared/eval/GUIDELINES.md
(carry-over: a statement inside a direct quotation takes that quotation's label; a statement that clearly goes
on with the same source's account takes it too; scare quotes and titles carry nothing), not taken from the
tool's output.
"""
from __future__ import annotations

from audit.label.narration import plain_narration
from audit.label.quotes import find_quotations
from audit.read.text import split_paragraphs
from tests.label_helpers import labels, speaker

NAMED, UNATT = "named-source", "unattributed"


def _labels(text: str) -> list[str]:
    return [label for _, label in labels(text)]


def test_a_quotation_after_a_long_indirect_quote_in_its_paragraph_is_the_same_speaker() -> None:
    text = ("The mayor said on Monday that the bridge would be closed for most of the next two years. "
            "“We have no other choice. The steel is rotten.”")
    assert _labels(text) == [NAMED, NAMED, NAMED]


def test_a_quotation_opening_a_statement_after_its_speakers_statement_is_theirs() -> None:
    # the quoted words open the statement and the sentence goes on in the writer's words: the speaker is the one
    # just before, in the paragraph ("argues that …"); a quotation closed by a comma goes on into a tag of its own
    text = ("Ruiz, the defence lawyer, argues that his client never urged anyone to fight. "
            "\"He asked people to come with flowers and to stay calm\" was the message, she said he told her.")
    assert _labels(text)[1] == NAMED
    plain = ("Ruiz, the defence lawyer, argues that his client never urged anyone to fight. "
             "\"He asked people to come with flowers and to stay calm\" were the words the jury heard.")
    assert _labels(plain) == [NAMED, NAMED]
    short = ("Ruiz, the defence lawyer, argues that his client never urged anyone to fight. "
             "\"Stay calm\" was the slogan on every sign.")
    assert _labels(short) == [NAMED, UNATT]


def test_no_speaker_from_before_for_words_in_quotation_marks_inside_narration() -> None:
    # the quoted words are the subject of a statement of the writer's own, or a nickname: nobody's quotation
    saying = ("A survey by the institute found that most residents fear the new tower would block the view. "
              "“Soon we will all live in the shade,” is a common joke in town.")
    assert _labels(saying) == ["document", UNATT]
    nickname = ("The sheriff said the man had been seen near the school for several weeks. "
                "‘Sneakers’ left before the officers arrived.")
    assert _labels(nickname) == [NAMED, UNATT]


def test_a_quotation_paragraph_that_takes_the_tag_in_the_next_paragraph_is_not_carried_back() -> None:
    # the next speaker's tag is in another paragraph: the quotation stays without one
    text = "“We have no other choice.”\n\nThe governor said on Monday that the state would pay for the repairs."
    assert _labels(text) == [UNATT, NAMED]


def test_a_closing_mark_turned_the_wrong_way_opens_a_quotation() -> None:
    # '” … they are not like him,” she said': the first mark opens the quotation, so the tag after it is found
    # and the next quotation of the paragraph goes on with the same speaker
    text = "” … they are not like us at all,” she said in May. “The party has left us. It will not come back.”"
    assert find_quotations(text, split_paragraphs(text))[0] == (0, text.index(" she"))
    assert _labels(text) == [NAMED, NAMED, NAMED]
    mid = "Jane Roe said the count was over. Doing so ”looked like an attempt to end the race early.”"
    assert find_quotations(mid, split_paragraphs(mid)) == ((mid.index("”looked"), len(mid)),)


def test_a_closing_mark_after_a_word_opens_nothing() -> None:
    # an inch mark or a closing mark with no opening one is no quotation: the statement after it stays visible
    text = "He is 5’2” tall, the coach said. Officials said the team would travel on Friday."
    assert find_quotations(text, split_paragraphs(text)) == ()
    assert _labels(text) == [NAMED, "anonymous-source"]


def test_a_quotation_ending_in_a_comma_takes_the_tag_that_follows_however_long() -> None:
    # '"Go, go!!!," / Jane Roe, leader of the party in the north of the country, wrote on Facebook.'
    text = ("“Vote for him, vote for him!!!,” The Northern Party leader Jane Roe wrote on her Facebook page "
            "late on Sunday.")
    assert _labels(text) == [NAMED, NAMED]


def test_a_tag_with_an_apposition_after_a_quotation() -> None:
    text = ("“He just stopped and said, ‘We have to win this county. How do we win it?’” "
            "Will Smith, the chairman for the county party, said of the meeting he had with the candidate.")
    assert _labels(text) == [NAMED, NAMED, NAMED]


def test_a_heading_in_single_marks_takes_no_speaker() -> None:
    # a short paragraph all in single marks after a quotation is a section heading, and the speaker of the
    # quotation before it does not reach it; a paragraph of quotation in double marks does take its speaker
    text = ("“We will build it in two years,” the mayor said.\n\n‘A long road ahead.’\n\n"
            "The council votes on the plan in May.")
    assert _labels(text) == [NAMED, UNATT, UNATT]
    quoted = "“We will build it in two years,” the mayor said.\n\n“It is a long road.”"
    assert _labels(quoted) == [NAMED, NAMED]


def test_a_title_that_opens_a_statement_takes_no_speaker() -> None:
    # a show's title in quotation marks opens the statement after a quotation: the writer's words, not the speaker's
    text = ("“People laugh at our troubles,” said Ana Ortega, one of the stars.\n\n"
            "“Sons of Money” is a version of a Spanish play that mocks the rich.")
    assert _labels(text) == [NAMED, UNATT]
    # a short quotation that is all of its statement goes on with the speaker
    text = "“We are ready,” said Ana Ortega. “No.”"
    assert _labels(text) == [NAMED, NAMED]


def test_an_unclosed_quotation_ends_before_its_tag() -> None:
    # the closing mark was left out: the tag after the comma is no quoted words, so its speaker is found
    text = "\"There was no help for the parents back then, said Kessel, whose group is pushing for a bill."
    assert find_quotations(text, split_paragraphs(text)) == ((0, text.index(" said")),)
    assert _labels(text) == [NAMED]


def test_a_short_line_in_the_middle_of_a_quotation_is_no_signature() -> None:
    # "No, Mayor." looks like a signature line, but the quotation runs on both sides of it: the speaker's words
    text = "\"The plan is cruel and it is wrong. No, Mayor. Go home,\" Jane Roe wrote."
    assert _labels(text) == [NAMED, NAMED, NAMED]
    # alone, after the quotation has closed, the same line is a signature
    signed = "\"The plan is cruel and it is wrong,\" Jane Roe wrote.\n\nJane Roe."
    assert _labels(signed) == [NAMED, "none"]


def test_a_stage_direction_in_the_middle_of_a_quotation_stays_furniture() -> None:
    text = "\"We will cut taxes for everyone. (APPLAUSE.) And we will do it soon,\" the governor said."
    assert _labels(text) == [NAMED, "none", NAMED]
    transcript = "\"WALLACE: We will cut taxes for all and —.\n\n\"(CROSSTALK.)\n\n\"WALLACE: We will do it soon.\""
    assert _labels(transcript)[1] == "none"


def test_a_quotation_after_one_statement_of_narration_is_the_same_speakers() -> None:
    # one statement of narration between two quotations of one paragraph: the second quotation goes on with the
    # first one's speaker; the narration itself stays the writer's
    text = ("“The road is closed for good,” Woolson said. The towns are far apart. “That is a tough area for "
            "anyone to reach.”")
    assert _labels(text) == [NAMED, UNATT, NAMED]
    # not when the second quotation is not the end of its paragraph (the next statement may name its own speaker)
    text2 = text + " The council disagrees."
    assert _labels(text2)[2] == UNATT


def test_a_quotation_after_narration_that_names_someone_takes_no_speaker_from_before() -> None:
    # the narration between names a new person, who may be the one speaking next: no speaker is carried over
    text = ("“The race is over for all of us,” a campaign aide said. Mayor Ana Ruiz was not so sure. “We have only "
            "just begun to fight.”")
    assert _labels(text)[2] == UNATT


def test_quotation_paragraphs_after_a_paragraph_of_narration_that_names_only_the_speaker() -> None:
    # 'Lee told …' then a paragraph of narration that names nobody but Lee, then quotation paragraphs: Lee's words
    text = ("Instead, Dana Lee told a radio host on Monday that her plan would be “to act fast.”\n\n"
            "What that means is unclear, since Lee spoke only in slogans during the interview.\n\n"
            "“We have to be a lot tougher.”\n\n“We are not fighting hard enough. We need more boats.”")
    assert _labels(text) == [NAMED, UNATT, NAMED, NAMED, NAMED]


def test_a_quotation_paragraph_after_a_tag_and_one_statement_of_narration() -> None:
    # the narration closes the tag's paragraph and names nobody; the next paragraph is all one quotation
    text = ("“We will build the bridge,” Jane Roe added. She then turned to face the crowd.\n\n"
            "“Who will pay for it?”")
    assert _labels(text) == [NAMED, UNATT, NAMED]
    # a pronoun opening the narration in the same paragraph names nobody either
    same = "“We had a good year,” the mayor said on Monday. He smiled at the reporters. “The budget is balanced.”"
    assert _labels(same) == [NAMED, UNATT, NAMED]


def test_the_chain_breaks_at_narration_that_names_another_person_or_is_no_sentence() -> None:
    tag = "“We will build the bridge,” Jane Roe added.\n\n"
    quote = "\n\n“Who will pay for it?”"
    assert _labels(tag + "The council chairman Tom Ward then shook his head." + quote)[2] == UNATT
    # narration that gives another person the turn to speak: the quotation after it is theirs, not Jane Roe's
    assert speaker(tag + "The council chairman Tom Ward then stood up to speak." + quote, 2) == "Tom Ward"
    assert _labels(tag + "the hall, seen from the stage" + quote)[-1] == UNATT  # a caption: no full stop
    assert _labels(tag + "(Photo by the city.)" + quote)[-1] == UNATT  # a credit in brackets
    # two statements of narration between are too far
    assert _labels(tag + "The hall was full. The doors were shut early." + quote)[-1] == UNATT
    # a paragraph more between the tag and the quotation is too far as well
    far = "“We will build the bridge,” Jane Roe added.\n\nThe hall was full.\n\nIt was hot.\n\n“Who will pay?”"
    assert _labels(far)[-1] == UNATT


def test_a_photo_caption_is_no_speaker_for_the_quotation_after_it() -> None:
    # a caption names who is shown in a picture; the quotation after the narration has no speaker in the text
    text = ("Jane Roe (left) met Tom Ward (right) in May and said the deal was done.\n\n"
            "The hall is for sale.\n\n“It has been returned to me by the city. It is a piece of history.”")
    assert _labels(text)[2:] == [UNATT, UNATT]


def test_narration_that_names_a_place_or_has_the_speaker_as_its_subject_keeps_the_chain() -> None:
    tag = "“The road is closed for good,” Jane Roe said."
    quote = " “That is a tough area.”"
    # a place names nobody who speaks next
    assert _labels(tag + " The towns lie far from either Sioux City or Mason City." + quote) == [NAMED, UNATT, NAMED]
    # the speaker is the subject: whoever else the narration names is no speaker
    assert _labels(tag + " Roe backs Tom Ward in the race." + quote) == [NAMED, UNATT, NAMED]
    # not the writer's "I", nor a name after "When …", where the main clause may have another subject
    assert not plain_narration("I sat down and Tom Ward stood up.", "“Sit down,” I said to the clerk.")
    assert plain_narration("I sat down at the back.", "“Sit down,” I said to the clerk.")
    assert _labels(tag + " When Roe left, Tom Ward stood up to speak." + quote)[-1] == UNATT


def test_page_furniture_between_breaks_the_chain() -> None:
    # a line a furniture rule labels `none` is no narration of the speaker's: the quotation after it keeps no speaker
    text = "“We will build the bridge,” Jane Roe added.\n\nThis story has been updated.\n\n“Who will pay for it?”"
    assert _labels(text) == [NAMED, "none", UNATT]


def test_narration_about_someone_else_breaks_the_chain() -> None:
    # the speaker's words are their source, not every name in their statement: a name inside the quotation or the
    # person told is someone else, and so is a person noun or a pronoun of the other gender as the subject
    inside = ("“Tom Ward has never read the plan,” Jane Roe said. Ward shook his head slowly at that.\n\n"
              "“She is the one who has not read it.”")
    assert _labels(inside)[-1] == UNATT
    told = ("Jane Roe told Mayor Tom Ward on Monday that the plan was dead. Ward waited a long moment before "
            "answering.\n\n“Then we will find the money somewhere else.”")
    assert _labels(told)[-1] == UNATT
    noun = ("“We will build the bridge,” Jane Roe said.\n\nThe mayor shook her head at the idea.\n\n"
            "“There is no money for it in this budget.”")
    assert _labels(noun)[-1] == UNATT
    gender = "“We will find the money,” Tom Ward said. She rolled her eyes at the idea. “That is a fantasy of his.”"
    assert _labels(gender)[-1] == UNATT
    # the speaker's own pronoun, or the speaker's own title, keeps it
    same = "“We will find the money,” Tom Ward said. He smiled at the idea. “That is a promise to the town.”"
    assert _labels(same)[-1] == NAMED


def test_a_document_question_or_caption_before_the_narration_gives_no_speaker() -> None:
    report = ("A report by the city auditor found that costs had doubled since May.\n\n"
              "The bridge was built almost seventy years ago.\n\n“It is a sad day for all of us in this town.”")
    assert _labels(report)[-1] == UNATT  # a document does not speak on in a quotation
    tag = "“We will build the bridge,” Jane Roe said.\n\n"
    quote = "\n\n“Nobody has told us anything at all.”"
    assert _labels(tag + "What happens to the old one now?" + quote)[-1] == UNATT  # a heading
    assert _labels(tag + "Jane Roe (left) greets voters at a rally in Sioux City." + quote)[-1] == UNATT  # a caption


def test_the_audience_answering_breaks_the_chain() -> None:
    # the crowd or a heckler may be who speaks next: the quotation after them keeps no speaker from before
    tag = "“We have done our part,” Mayor Tom Ward said."
    quote = " “You have done nothing for us.”"
    assert _labels(tag + " The crowd booed him loudly." + quote)[-1] == UNATT
    assert _labels(tag + " Then a heckler cut him off at once." + quote)[-1] == UNATT


def test_a_paragraph_of_quotation_without_its_opening_mark_takes_its_tag() -> None:
    # 'We lost. … again,” she said.': every statement of the paragraph is the speaker's
    text = ("Coach Lena Ward spoke after the game.\n\n"
            "We lost the ball too often. We will fix that in practice,” Ward said.\n\nThe team plays again on Friday.")
    assert _labels(text) == [UNATT, NAMED, NAMED, UNATT]


def test_a_paragraph_that_closes_a_quotation_left_open_without_its_mark_is_the_speakers() -> None:
    # the quotation runs on into the next paragraph, whose opening mark was left out (or turned the wrong way)
    text = ('"We have no money left," Ruiz said. "The steel is rotten.\n\n'
            'We will rebuild it in two years. Nobody will pay more."\n\nThe council meets on Friday.')
    assert _labels(text) == [NAMED, NAMED, NAMED, NAMED, UNATT]
    turned = ('"We have no money left," Ruiz said. "The steel is rotten.\n\n'
              '”We will rebuild it in two years. Nobody will pay more.”\n\nThe council meets on Friday.')
    assert _labels(turned) == [NAMED, NAMED, NAMED, NAMED, UNATT]


def test_a_signature_under_a_quotation_left_open_is_not_its_words() -> None:
    # a name (and title) closing the quotation is who signed it, not more of what was said; a paragraph that opens a
    # quotation of its own is not the open one's either
    text = '"We have no money left," Ruiz said. "The steel is rotten.\n\nAna Ruiz, mayor of Millbrook."'
    assert _labels(text)[-1] == UNATT
    text = ('"We have no money left," Ruiz said. "The steel is rotten.\n\n'
            'The chief engineer disagreed with "every word of it" on Friday."')
    assert _labels(text)[-1] == UNATT


def test_a_quotation_opening_the_paragraph_after_its_speakers_statement_is_theirs_though_narration_follows() -> None:
    # "X said …" closes a paragraph; the next one opens with a whole quotation and goes on in the writer's words
    text = ("The council voted on Monday. Ruiz said the plan was dead for this year and maybe for good.\n\n"
            "“We lost the vote. We will win the next one.” The council meets again in May.")
    assert _labels(text) == [UNATT, NAMED, NAMED, NAMED, UNATT]


def test_a_statement_that_closes_with_the_speakers_words_goes_on_with_their_account() -> None:
    # the words before the quotation are the writer's bridge, the quoted words the speaker's: the account goes on
    text = ("Ruiz said the levy had failed by forty votes. "
            "Without it, the village would “have to shut the pool for good.”")
    assert _labels(text) == [NAMED, NAMED]
    # a judgement framing the quoted words ('for', 'as'), or another person as the subject, is the writer's
    framed = ("Ruiz said the levy had failed by forty votes. "
              "Children in the village know the pool as “the only cool place in the whole town.”")
    assert _labels(framed) == [NAMED, UNATT]
    other = ("Ruiz said the levy had failed by forty votes. "
             "The treasurer was in no mood for “a long night of counting it all again.”")
    assert _labels(other) == [NAMED, UNATT]
    short = "Ruiz said the levy had failed by forty votes. The result was “a shame.”"
    assert _labels(short) == [NAMED, UNATT]


def test_a_short_gesture_between_two_quotations_keeps_the_speaker() -> None:
    text = "''We will see,'' Mr. Orlan said. ''I have heard promises before.'' He shrugged. ''Maybe this one is new.''"
    assert _labels(text)[-1] == NAMED
    assert plain_narration("He shrugged.", "Mr. Orlan") and plain_narration("Orlan paused a moment.", "Mr. Orlan")
    assert not plain_narration("Tough times.", "Mr. Orlan")  # a heading: no lower-case verb after its subject
    assert not plain_narration("Period.", "Mr. Orlan")


def test_a_sentence_after_a_quotation_is_no_tag_when_it_goes_on_as_a_clause() -> None:
    # GUIDELINES.md, carry-over: the quotation goes on in the speaker's words; the next sentence, of a plural
    # subject and a clause of its own, is the writer's narration and says nothing of who spoke the quotation
    from audit.pipeline import audit_text
    text = ("“The data are messy,” Jo Park said in an interview. “Still, the pattern is hard to ignore.” "
            "Smaller studies over the past decade have reported similar links.")
    got = {s.statement.text: s for s in audit_text(text, with_readability=False).statements}
    second = got["“Still, the pattern is hard to ignore.”"]
    assert second.label.value == "named-source"
    first = got["“The data are messy,” Jo Park said in an interview."]
    assert second.carried_from == first.statement.index


def test_a_pronoun_tag_after_a_word_of_going_on_is_the_speaker_of_the_quotation_before() -> None:
    # '“…” After all, she says, “…”': the speaker goes on, so the quotation before the tag is hers
    text = ("Roe is unapologetic about her aim. “I want the pool closed by June, and I will not hide it.” "
            "After all, she says, “I was elected to fix the budget.”")
    assert _labels(text) == [UNATT, NAMED, NAMED]
    # a tag opening with a word that may bring in someone new, and long, is no such going on
    other = ("The council met on Monday. “Nobody asked us about this plan before the vote was taken.” "
             "Then the mayor of the town said, “The council was asked twice, in writing, in March.”")
    assert _labels(other) == [UNATT, UNATT, NAMED]


def test_narration_whose_subject_is_nobody_else_keeps_the_chain_whatever_it_names_after() -> None:
    # the narration's subject is a thing or "it": the names after its verb are what it tells of, not who speaks
    # next, so the quotation closing the paragraph goes on with the speaker before it
    tag = "“This show is a critique of the elites,” said Tom Diaz, the host’s brother."
    quote = " “It has had a marvelous result.”"
    thing = " But the giant Ruiz face on the billboards has not hurt the ticket sales."
    assert _labels(tag + thing + quote) == [NAMED, UNATT, NAMED]
    assert _labels(tag + " And it threw Pete Ruiz for a loop." + quote) == [NAMED, UNATT, NAMED]
    # not a cleft that hands the turn to someone ("It was … who"), nor a person noun as the subject
    assert _labels(tag + " It was Ana Ruiz who answered him first." + quote)[-1] == UNATT
    assert _labels(tag + " The mayor thanked Ana Ruiz for the tickets." + quote)[-1] == UNATT


def test_a_cue_inside_a_quotation_with_no_speaker_labels_its_statement() -> None:
    # a block quoted after a colon, its speaker not given: a statement in it that says who said what is labelled by
    # that cue (GUIDELINES.md: judge by the attribution expressed in the statement itself); the others stay the
    # writer's, having no cue
    text = ("The fact checkers took the secretary at his word:\n\n"
            "\"As we have explained before, the only figure near that is an estimate by the agency. "
            "Then, in May, Ana Ruiz said that 10,000 would be admitted.\n\n"
            "\"That adds up to 18,000 over two years.\"\n\nSo the fact checkers were wrong.")
    assert _labels(text) == [UNATT, UNATT, NAMED, UNATT, UNATT]
    # a pronoun or a clause inside someone's words says nothing of who spoke
    lead = "The fact checkers took the secretary at his word:\n\n"
    pronoun = lead + "\"The figure is wrong. Then, in May, she said that 10,000 would come.\""
    assert _labels(pronoun)[-1] == UNATT
    clause = lead + "\"The figure is wrong. So if Ruiz says something false, we will say so.\""
    assert _labels(clause)[-1] == UNATT


def test_a_line_quoted_in_a_sentence_gives_no_turn_and_no_unsaid_cue() -> None:
    # a salutation or a title with a colon inside quotation marks is nobody's turn, and a cue of what is not (yet)
    # said is no report: the quoted line stays the writer's
    text = ("The newsletter opened with a line in bold. “Dear Friends: the city is broke and the council will not "
            "admit it.”\n\n“The Long Road Home: A Mayor in Hard Times” sold well.")
    assert _labels(text) == [UNATT, UNATT, UNATT]
