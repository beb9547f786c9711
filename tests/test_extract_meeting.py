"""Meetings, on sentences written for these tests."""

from extract_support import facts_of


def test_extract_meeting_met_with_place_and_weekday(nlp):
    text = "Monday 4 July, CNES President Jean-Yves Le Gall met CNSA Administrator Xu Dazhe in Beijing."
    [fact] = facts_of(nlp, text, "2016-07-05", "meeting")
    assert {"Jean-Yves Le Gall", "Xu Dazhe"} <= set(fact["participants"])
    assert {"CNES", "CNSA"} <= set(fact["organizations"])
    assert fact["place"] == "Beijing"
    assert fact["date"] == "2016-07-04"
    assert fact["status"] == "done"


def test_extract_meeting_recounted_is_not_a_second_meeting(nlp):
    text = (
        "On Tuesday, ESA Director General Josef Aschbacher met JAXA President Hiroshi Yamakawa in Paris. "
        "After the meeting, Josef Aschbacher commented on the talks."
    )
    assert len(facts_of(nlp, text, "2023-03-15", "meeting")) == 1


def test_extract_meeting_planned(nlp):
    text = "NASA Administrator Bill Nelson will meet ISRO chairman S. Somanath in Bengaluru next week."
    [fact] = facts_of(nlp, text, "2023-06-01", "meeting")
    assert fact["status"] == "planned"


def test_extract_meeting_handover_between_two_people_takes_the_reported_day(nlp):
    text = (
        "On 3 May 2023, a sample of the asteroid was handed over to the agency. The handover took place "
        "at the institute between Dr. Aiko Tanaka, curator at JAXA, and Dr. Mark Reid, curator at NASA."
    )
    [fact] = facts_of(nlp, text, None, "meeting")
    assert {"Aiko Tanaka", "Mark Reid"} <= set(fact["participants"])
    assert fact["date"] == "2023-05-03"


def test_extract_meeting_cabinet_meeting_is_not_a_meeting_of_parties(nlp):
    text = "At its cabinet meeting on Wednesday, the government appointed Marie Dubois as President of CNES."
    assert facts_of(nlp, text, "2021-04-15", "meeting") == []


def test_extract_meeting_call_for_proposals_is_not_a_call(nlp):
    text = "JAXA will distribute the samples through an open call for proposals, said Dr. Aiko Tanaka."
    assert facts_of(nlp, text, "2024-08-23", "meeting") == []


def test_extract_meeting_two_people_joined_in_one_name_are_split(nlp):
    from spacecoop.extract.context import split_people

    doc = nlp.make_doc("Jean Dupont et Li Wei se sont rencontrés.")
    from spacy.tokens import Span

    [a, b] = split_people(Span(doc, 0, 5, label="PERSON"))
    assert (a.text, b.text) == ("Jean Dupont", "Li Wei")
