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


def test_extract_meeting_receiving_a_contract_is_no_meeting(nlp):
    text = "The launch company received the NASA contract in February 2020 after a long competition."
    assert facts_of(nlp, text, "2020-03-01", "meeting") == []


def test_extract_meeting_council_in_session_is_no_meeting(nlp):
    text = "Following its approval by the ESA Council, meeting in Paris on 24 June, the agreement was signed."
    assert facts_of(nlp, text, "2020-06-30", "meeting") == []


def test_extract_meeting_visit_to_meet_someone_happened(nlp):
    text = "Roscosmos head Ivan Petrov visited New Delhi on 25 September 2018 to meet adviser Rahul Mehta."
    [fact] = facts_of(nlp, text, "2018-10-01", "meeting")
    assert fact["status"] == "done"
    assert "Ivan Petrov" in fact["participants"]


def test_extract_meeting_french_interview_by_video(nlp):
    text = (
        "Jeudi 11 février 2021, Jean-Yves Le Gall, Président du CNES, s'est entretenu en visioconférence "
        "avec Steve Jurczyk, Administrateur de la NASA."
    )
    [fact] = facts_of(nlp, text, "2021-02-12", "meeting", language="fr")
    assert "Steve Jurczyk" in fact["participants"]
    assert fact["date"] == "2021-02-11"


def test_extract_meeting_german_welcome(nlp):
    text = "Am 22. Juni 2018 begrüßte Prof. Karl Berger vom DLR den Präsidenten der ISRO, Dr. Ravi Kumar, in Köln."
    [fact] = facts_of(nlp, text, "2018-06-25", "meeting", language="de")
    assert fact["date"] == "2018-06-22"
    assert {"Karl Berger", "Ravi Kumar"} & set(fact["participants"])


def test_extract_meeting_article_taken_for_a_name_is_no_participant(nlp):
    text = "Une rencontre avec Charles Bolden, Administrateur de la NASA, a permis de passer en revue les projets."
    facts = facts_of(nlp, text, "2016-12-20", "meeting", language="fr")
    assert all(not any(p.startswith("Une") for p in f["participants"]) for f in facts)


def test_extract_meeting_caption_of_a_gathering(nlp):
    text = "At the Ministerial Council in Lisbon in 1999, from left to right: Maria Sousa, Pedro Alves and Anna Lind."
    [fact] = facts_of(nlp, text, "2010-01-01", "meeting")
    assert {"Maria Sousa", "Anna Lind"} <= set(fact["participants"])
    assert fact["date"] == "1999"
    assert fact["place"] == "Lisbon"


def test_extract_meeting_discussed_between_two_people(nlp):
    text = (
        "The plan was discussed between the head of the agency, Laura Bennett, and the NASA Administrator, "
        "Tom Baker, in Washington on 20 November 2009."
    )
    [fact] = facts_of(nlp, text, "2009-11-25", "meeting")
    assert {"Laura Bennett", "Tom Baker"} <= set(fact["participants"])


def test_extract_meeting_said_at_a_meeting_happened(nlp):
    text = (
        'Roscosmos head Ivan Petrov met Kazakh minister Aidar Nurlan on 19 April 2023. "The project will '
        'go ahead," he said at the working meeting with Aidar Nurlan.'
    )
    facts = facts_of(nlp, text, "2023-04-20", "meeting")
    assert facts and all(f["status"] == "done" for f in facts)


def test_extract_meeting_met_in_a_name_is_no_meeting(nlp):
    text = "Anna Clarke built her career at the UK Met Office before she joined the agency in 2020."
    assert facts_of(nlp, text, "2020-07-02", "meeting") == []


def test_extract_meeting_stronger_word_wins_over_delegation(nlp):
    text = (
        "On 30 May 2023, Administrator Li Wei led a delegation to visit EUMETSAT in Darmstadt and met "
        "with Director-General Paul Evans."
    )
    [fact] = facts_of(nlp, text, "2023-06-01", "meeting")
    assert fact["status"] == "done"
    assert fact["date"] == "2023-05-30"
