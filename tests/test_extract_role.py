"""Roles, one test per construction, on sentences written for these tests."""

from extract_support import facts_of


def roles(nlp, text, published="2019-03-14", **meta):
    return {(r["person"], r["organization"]): r for r in facts_of(nlp, text, published, "role", **meta)}


def test_extract_role_title_before_name(nlp):
    found = roles(nlp, "ESA Director General Jan Woerner opened the conference in Darmstadt.")
    assert found[("Jan Woerner", "ESA")]["role"] == "Director General"


def test_extract_role_apposition_with_of(nlp):
    found = roles(
        nlp, "The talks were led by Jim Bridenstine, Administrator of NASA, and a Japanese delegation."
    )
    assert found[("Jim Bridenstine", "NASA")]["role"] == "Administrator"


def test_extract_role_apposition_office_after_org(nlp):
    found = roles(nlp, "Hiroshi Yamakawa, JAXA President, welcomed the decision.")
    assert ("Hiroshi Yamakawa", "JAXA") in found


def test_extract_role_organisation_with_acronym_in_parentheses(nlp):
    found = roles(
        nlp,
        "Kailasavadivoo Sivan, chairman of the Indian Space Research Organisation (ISRO), "
        "announced the schedule.",
    )
    assert ("Kailasavadivoo Sivan", "ISRO") in found


def test_extract_role_office_of_org_then_name(nlp):
    found = roles(nlp, "The head of Roscosmos, Dmitry Rogozin, said the engines were ready.")
    assert ("Dmitry Rogozin", "Roscosmos") in found


def test_extract_role_possessive_crew(nlp):
    found = roles(
        nlp, "The crew comprises NASA's Christina Koch and Russia's Alexey Ovchinin aboard the station."
    )
    assert ("Christina Koch", "NASA") in found
    assert ("Alexey Ovchinin", "Russia") in found


def test_extract_role_crew_list_shares_the_title(nlp):
    found = roles(
        nlp,
        "The Soyuz carried NASA astronaut Nick Hague and Roscosmos cosmonauts Alexey Ovchinin "
        "and Oleg Skripochka to the station.",
    )
    assert found[("Oleg Skripochka", "Roscosmos")]["role"].lower().startswith("cosmonaut")
    assert found[("Nick Hague", "NASA")]["role"].lower() == "astronaut"


def test_extract_role_list_of_appositions_keeps_each_organisation(nlp):
    found = roles(
        nlp,
        "Present were ESA Director General Josef Aschbacher, Lucia Marino, Chief Executive "
        "Officer of Arianespace and Giulio Ranzo, Chief Executive Officer of Avio.",
    )
    assert ("Lucia Marino", "Arianespace") in found
    assert ("Giulio Ranzo", "Avio") in found
    assert ("Giulio Ranzo", "ESA") not in found


def test_extract_role_state_office_takes_the_country(nlp):
    found = roles(nlp, "French President Emmanuel Macron visited the Guiana Space Centre.")
    assert ("Emmanuel Macron", "France") in found


def test_extract_role_known_person_keeps_organisation(nlp):
    text = (
        "Roscosmos cosmonaut Oleg Kononenko reached the station. "
        "Kononenko, commander of the expedition, will stay six months."
    )
    found = roles(nlp, text)
    assert ("Oleg Kononenko", "Roscosmos") in found


def test_extract_role_as_of_event_and_release_dates_agree_on_month(nlp):
    text = "On Monday 11 March, CNES President Jean-Yves Le Gall met NASA Administrator Jim Bridenstine."
    found = roles(nlp, text, published="2019-03-14")
    # the meeting was on 11 March, the release is of 14 March: both say March 2019
    assert found[("Jean-Yves Le Gall", "CNES")]["as_of"] == "2019-03"


def test_extract_role_historical_date_in_sentence(nlp):
    text = "The agreement was first signed in 1966 by President Charles de Gaulle during a visit to Moscow."
    found = roles(nlp, text, published="2016-04-19", publisher="CNES")
    assert found[("Charles de Gaulle", "France")]["as_of"] == "1966"


def test_extract_role_no_organisation_no_fact(nlp):
    assert not roles(nlp, "Chief engineer Sam Field checked the valves.")


def test_extract_long_document_is_analysed_in_chunks(nlp):
    from extract_support import make_document

    from spacecoop.pipeline import analyze
    from spacecoop.pipeline.analyze import CHUNK_CHARS

    filler = "Engineers continued testing the instruments in the clean room.\n\n" * (CHUNK_CHARS // 60 + 10)
    text = filler + "ESA Director General Jan Woerner opened the meeting in Darmstadt."
    analyzed = analyze(make_document(text, "2019-03-14"), nlp)
    [role] = [f for f in analyzed.facts if f.type == "role"]
    assert text[role.evidence.start : role.evidence.end].startswith("ESA Director General Jan Woerner")
    assert analyzed.sentences[-1].end <= len(text)


def test_extract_role_who_heads_the_organisation(nlp):
    found = roles(
        nlp, "The plan was presented by Yuri Koptev, who headed the Russian Space Agency at the time."
    )
    assert ("Yuri Koptev", "Russian Space Agency") in found


def test_extract_role_envoy_belongs_to_the_sending_state(nlp):
    found = roles(nlp, "Also present was Indian Ambassador to France Jawed Ashraf.")
    assert ("Jawed Ashraf", "India") in found
    assert ("Jawed Ashraf", "France") not in found


def test_extract_role_honorific_between_office_and_name(nlp):
    found = roles(
        nlp, "The accord was signed by the Minister of Science Prof. Amara Diallo on behalf of Senegal."
    )
    assert ("Amara Diallo", "Senegal") in found


def test_extract_role_org_led_by_office_holder(nlp):
    found = roles(nlp, "At the time NASA was led by Administrator Daniel Goldin.", published="1998-02-01")
    assert found[("Daniel Goldin", "NASA")]["role"] == "Administrator"


def test_extract_role_news_site_is_not_an_employer(nlp):
    found = roles(nlp, "Reid Wiseman, commander, spoke to reporters.", publisher="Example Daily News")
    assert not found


def test_extract_role_presided_over_the_agency_named_before(nlp):
    text = (
        "The French cabinet appointed a new head of CNES on Wednesday. "
        "She replaced Marc Lenoir, who presided over the agency since 2015."
    )
    found = roles(nlp, text, published="2021-04-15")
    assert found[("Marc Lenoir", "CNES")]["role"] == "President"


def test_extract_role_minister_named_like_an_organisation(nlp):
    text = (
        "The accord was signed by the Minister of Science and Innovation Dr. Kwame Mensah on behalf of Ghana."
    )
    found = roles(nlp, text, published="2023-01-10")
    assert ("Kwame Mensah", "Ghana") in found


def test_extract_role_institute_named_with_its_parent_agency(nlp):
    text = "The sample was received by Dr. Kenji Mori, group manager at the JAXA Institute of Space and Astronautical Science."
    found = roles(nlp, text, published="2024-08-23")
    assert ("Kenji Mori", "JAXA") in found


def test_extract_role_title_the_ner_took_for_an_organisation(nlp):
    text = "The samples were received by Dr. Maria Lopez, Astromaterials Curator from NASA's Johnson Space Center."
    found = roles(nlp, text, published="2024-08-23")
    assert ("Maria Lopez", "NASA") in found


def test_extract_role_german_compound_office_and_crew_list(nlp):
    found = roles(
        nlp,
        "Am Montag sind die NASA-Astronauten Lena Morgenthal, Piet Abrahams und Olga Stern "
        "zur Raumstation gestartet.",
        language="de",
    )
    assert {("Lena Morgenthal", "NASA"), ("Piet Abrahams", "NASA"), ("Olga Stern", "NASA")} <= set(found)


def test_extract_role_foreign_adjective_names_the_state(nlp):
    found = roles(
        nlp,
        "Die Crew wurde von den russischen Kosmonauten Boris Lemski und Gleb Tarasov empfangen.",
        language="de",
    )
    assert ("Boris Lemski", "Russia") in found
    assert ("Gleb Tarasov", "Russia") in found


def test_extract_role_abbreviated_prime_minister(nlp):
    found = roles(nlp, "Fiji PM Anton Velic said the satellite would serve remote valleys.")
    assert found[("Anton Velic", "Fiji")]["role"] == "Prime Minister"


def test_extract_role_minister_portfolio_serves_the_state(nlp):
    found = roles(
        nlp,
        "Ivana Kolar, Minister for Science, Technology and Innovation, Croatia, opened the session.",
    )
    assert found[("Ivana Kolar", "Croatia")]["role"].startswith("Minister for Science")


def test_extract_role_spanish_minister_the_parser_took_for_an_organisation(nlp):
    found = roles(
        nlp,
        "El acto contó con la presencia de la ministra de Defensa, Lucía Ferrán, en Madrid. "
        "El Gobierno de España aprobó el plan.",
        language="es",
    )
    assert ("Lucía Ferrán", "Spain") in found


def test_extract_role_implied_state_is_not_the_one_another_minister_serves(nlp):
    found = roles(
        nlp,
        "The pact was signed by Portuguese Sea Minister Rui Calado and by Minister Hana Novak, "
        "who flew in from Berlin.",
    )
    assert ("Rui Calado", "Portugal") in found
    assert ("Hana Novak", "Germany") in found


def test_extract_role_french_release_minister_serves_france(nlp):
    found = roles(
        nlp,
        "L'accord a été signé en présence de Claire Vautrin, ministre des Armées, et de "
        "représentants allemands.",
        language="fr",
    )
    assert ("Claire Vautrin", "France") in found


def test_extract_role_portfolio_before_minister_after_the_state_adjective(nlp):
    found = roles(
        nlp,
        "The deal was signed by Australian Industry, Science and Technology Minister Joan Pike.",
    )
    assert found[("Joan Pike", "Australia")]["role"] == "Industry, Science and Technology Minister"


def test_extract_role_spanish_delegation_list_of_titled_people(nlp):
    found = roles(
        nlp,
        "La delegación argentina fue encabezada por el canciller Tomás Ibarra, el director "
        "ejecutivo de la CONAE, Mario Quiroga, y la viceministra de Ciencia y Tecnología, "
        "Elena Sosa.",
        language="es",
    )
    assert ("Tomás Ibarra", "Argentina") in found
    assert ("Mario Quiroga", "CONAE") in found
    assert ("Elena Sosa", "Argentina") in found
    assert ("Tomás Ibarra", "CONAE") not in found


def test_extract_role_state_and_long_form_before_acronym_name_the_body(nlp):
    found = roles(
        nlp,
        "Rui Tembe, Director General of Mozambique's National Institute of Meteorology (INAM), "
        "thanked the donors. Said Al-Harthy, Director General of Oman Meteorological Service (OMS), "
        "agreed.",
    )
    assert ("Rui Tembe", "INAM") in found
    assert ("Said Al-Harthy", "OMS") in found


def test_extract_role_remit_after_an_office_of_a_named_body(nlp):
    found = roles(
        nlp,
        "It was signed by Laura Penn, NOAA Assistant Administrator for Satellite and Information Services.",
    )
    assert found[("Laura Penn", "NOAA")]["role"].startswith("Assistant Administrator for Satellite")


def test_extract_role_name_with_initials_after_an_office(nlp):
    found = roles(nlp, "ISRO chairman R K Menon said the launch window opens next week.")
    assert found[("R K Menon", "ISRO")]["role"] == "Chairman"


def test_extract_role_name_the_ner_missed_after_office_of_org(nlp):
    found = roles(
        nlp,
        "Chairman and CEO of Arianespace Jean-Marc Delorme met the delegation in Evry.",
    )
    assert ("Jean-Marc Delorme", "Arianespace") in found


def test_extract_role_holder_after_remit_and_ministry_acronym(nlp):
    found = roles(
        nlp,
        "The Estonian Minister of Education and Research (HTM) Mrs Liina Kask signed it in Tallinn. "
        "Minister for Industry and Science Tom Harlow will visit Estonia.",
    )
    assert ("Liina Kask", "Estonia") in found
    assert found[("Tom Harlow", "Estonia")]["role"] == "Minister for Industry and Science"


def test_extract_role_french_name_at_sentence_start_before_office(nlp):
    found = roles(
        nlp,
        "Jean-Luc Moreau, Président du CNES, a rencontré son homologue à Tokyo.",
        language="fr",
    )
    assert ("Jean-Luc Moreau", "CNES") in found


def test_extract_role_german_remit_in_lower_case_and_state_adjective_after_office(nlp):
    found = roles(
        nlp,
        "Der russische Minister für wirtschaftliche Entwicklung, Ivan Sorokin, unterschrieb.",
        language="de",
    )
    assert ("Ivan Sorokin", "Russia") in found
    found = roles(nlp, "El Ministro de Ciencia chileno, Pablo Rojas, firmó el acuerdo.", language="es")
    assert ("Pablo Rojas", "Chile") in found


def test_extract_role_italian_elided_body_and_envoy_with_host(nlp):
    found = roles(
        nlp,
        "Il presidente dell’ASI, Marco Ferri, e l’ambasciatore d’Italia a Buenos Aires, "
        "Luca Conti, hanno firmato.",
        language="it",
    )
    assert ("Marco Ferri", "ASI") in found
    assert ("Luca Conti", "Italy") in found


def test_extract_role_curly_apostrophe_alias_still_names_the_agency(nlp):
    found = roles(
        nlp,
        "Paul Girard, president of the Centre National d’Études Spatiales, signed it in Paris.",
    )
    assert ("Paul Girard", "CNES") in found


def test_extract_role_division_is_not_a_person(nlp):
    found = roles(nlp, "The craft is named for NASA's Earth Science Division and its staff.")
    assert not any(person.endswith("Division") for person, _ in found)


def test_extract_role_european_commissioner_serves_the_commission(nlp):
    found = roles(nlp, "European Commissioner Ana Lindqvist welcomed the decision in Brussels.")
    assert ("Ana Lindqvist", "European Commission") in found


def test_extract_role_signature_block_name_then_title_line(nlp):
    found = roles(
        nlp,
        "The satellite will be built in Toulouse.\n\nFor more information:\n\nAnna Kowalska\n\n"
        "Head of External Communications - Airbus\n",
    )
    assert ("Anna Kowalska", "Airbus") in found


def test_extract_role_byline_names_the_paper_and_the_title(nlp):
    found = roles(nlp, "By: Tom Fenwick - Orbital Ledger Senior Deputy Editor\n\nThe agency signed the pact.")
    assert found[("Tom Fenwick", "Orbital Ledger")]["role"] == "Senior Deputy Editor"


def test_extract_role_lower_case_remit_then_the_holder(nlp):
    found = roles(
        nlp,
        "ESA director of human and robotic exploration Daniel Meier said the rover is ready. "
        "The prize honours Michael Fry, the former director of NASA’s Earth Science Division.",
    )
    assert found[("Daniel Meier", "ESA")]["role"] == "Director of Human and Robotic Exploration"
    assert ("Michael Fry", "NASA") in found
    assert not any(person.startswith("Earth") for person, _ in found)


def test_extract_role_holder_the_ner_took_for_an_organisation_after_a_remit(nlp):
    found = roles(nlp, "NASA associate administrator for science Nora Finch said the rover is ready.")
    assert found[("Nora Finch", "NASA")]["role"] == "Associate Administrator for Science"


def test_extract_role_and_does_not_join_another_body_to_an_office(nlp):
    found = roles(nlp, "The deal came after SpaceX CEO and Tesla founder Elon Musk met officials.")
    assert found[("Elon Musk", "Tesla")]["role"] == "Founder"
