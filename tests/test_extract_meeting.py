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
