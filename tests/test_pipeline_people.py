"""People the small NER mislabels: known office holders, repeated whole names, names with initials."""


def test_office_holders_the_knowledge_knows_are_people_wherever_they_occur(nlp):
    doc = nlp("Jean-Yves Le Gall opened the session with the delegation from Beijing.")
    people = [ent.text for ent in doc.ents if ent.label_ == "PERSON"]
    assert "Jean-Yves Le Gall" in people


def test_a_name_given_as_a_person_stays_a_person_where_repeated(nlp):
    from spacy.tokens import Span

    from spacecoop.pipeline.people import repeated_people

    doc = nlp.make_doc("Marta Quillen spoke first. Later Marta Quillen and the Quillen Institute signed.")
    ents = [Span(doc, 0, 2, label="PERSON"), Span(doc, 6, 8, label="ORG"), Span(doc, 10, 12, label="ORG")]
    relabelled = repeated_people(ents)
    # the repeated whole name becomes a person; a body that only shares the surname does not
    assert [(s.text, s.label_) for s in relabelled] == [("Marta Quillen", "PERSON")]


def test_names_written_with_initials_are_people(nlp):
    doc = nlp("Agency Chairman R T Vasudevan and M Anandakumar, director of the centre, met K. Ramesh.")
    people = {ent.text for ent in doc.ents if ent.label_ == "PERSON"}
    assert {"R T Vasudevan", "M Anandakumar", "K. Ramesh"} <= people
    doc = nlp("A Falcon rocket carried the Phase B Payloads.")
    assert not [ent for ent in doc.ents if ent.label_ == "PERSON"]
