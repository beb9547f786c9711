"""Agreements, one test per construction, on sentences written for these tests."""

from extract_support import facts_of


def agreements(nlp, text, published="2021-06-11", **meta):
    return facts_of(nlp, text, published, "agreement", **meta)


def test_extract_agreement_signed_with_date_place_and_signatories(nlp):
    text = (
        "NASA Administrator Bill Nelson and JAXA President Hiroshi Yamakawa signed a framework "
        "agreement on lunar exploration in Tokyo on Tuesday 8 June."
    )
    [fact] = agreements(nlp, text)
    assert set(fact["parties"]) == {"NASA", "JAXA"}
    assert fact["date"] == "2021-06-08"
    assert fact["place"] == "Tokyo"
    assert fact["status"] == "signed"
    assert {"Bill Nelson", "Hiroshi Yamakawa"} <= set(fact["signatories"])
    assert "lunar exploration" in fact["title"]


def test_extract_agreement_between_parties(nlp):
    text = "There is a framework agreement between ESA and the Government of the Russian Federation on cooperation."
    [fact] = agreements(nlp, text, published="2007-02-22")
    assert set(fact["parties"]) == {"ESA", "Russia"}
    assert fact["status"] == "in_force"


def test_extract_agreement_enumeration_with_years_in_parentheses(nlp):
    text = (
        "Earlier agreements include launch service contracts for Earth observation satellites "
        "(2010, 2012 (2)), and an arrangement on tracking stations (2008)."
    )
    facts = agreements(nlp, text, published="2015-01-01")
    years = sorted((f["date"], f.get("count", 1)) for f in facts)
    assert years == [("2008", 1), ("2010", 1), ("2012", 2)]
    tracking = next(f for f in facts if f["date"] == "2008")
    assert "tracking stations" in tracking["title"]


def test_extract_agreement_expected(nlp):
    text = "A cooperation agreement on Mars sample return is expected to be signed by ESA and NASA this year."
    [fact] = agreements(nlp, text, published="2020-10-01")
    assert fact["status"] == "expected"
    assert set(fact["parties"]) == {"ESA", "NASA"}


def test_extract_agreement_later_mention_enriches_first(nlp):
    text = (
        "Russia and ESA signed an agreement on launcher research in Moscow. "
        "The agreement was signed here by ESA Director General Jean-Jacques Dordain and "
        "Roscosmos head Anatoly Perminov."
    )
    [fact] = agreements(nlp, text, published="2005-01-19")
    assert "Jean-Jacques Dordain" in fact["signatories"]


def test_extract_agreement_accession_one_fact_per_state(nlp):
    text = "Colombia and Chile signed the Artemis Accords on Wednesday."
    facts = agreements(nlp, text, published="2024-05-01")
    assert sorted(tuple(f["parties"]) for f in facts) == [("Chile",), ("Colombia",)]


def test_extract_agreement_before_1992_russia_is_the_soviet_union(nlp):
    text = "France and Russia signed their first space cooperation agreement in 1966."
    [fact] = agreements(nlp, text, published="2016-04-19")
    assert set(fact["parties"]) == {"France", "Soviet Union"}


def test_extract_agreement_passing_mention_is_not_a_fact(nlp):
    text = "The programme aims to facilitate implementing arrangements in areas such as climate monitoring."
    assert agreements(nlp, text) == []


def test_extract_agreement_weekday_conflict_keeps_stated_day(nlp):
    # 15 June 2018 was a Friday: the stated day wins, the weekday's reading is an alternative
    text = "Thursday 15 June, CNES and Roscosmos signed a framework agreement on space science in Moscow."
    [fact] = agreements(nlp, text, published="2018-06-15")
    assert fact["date"] == "2018-06-15"
    assert "2018-06-14" in fact.get("date_alternatives", [])


def test_extract_agreement_headline_without_a_verb_finishes(nlp):
    # a sentence whose root is a noun: the search for the governing verb must stop at the root
    text = "Accord de coopération spatiale : une étape pour les deux agences."
    assert isinstance(agreements(nlp, text), list)


def test_extract_agreement_topic_hung_under_the_last_party_stays_in_the_title(nlp):
    text = (
        "Today, the cooperation rests on an Agreement between ESA and the Government of Japan on "
        "Cooperation in Earth Observation, signed in Paris on 3 March 2010."
    )
    [fact] = agreements(nlp, text, published="2012-01-01")
    assert "Earth Observation" in fact["title"]
    assert set(fact["parties"]) == {"ESA", "Japan"}


def test_extract_agreement_purpose_names_it_and_possessive_state_is_not_a_party(nlp):
    text = "India's ISRO and France's CNES signed an agreement on Tuesday to jointly build a thermal imaging satellite."
    [fact] = agreements(nlp, text, published="2022-03-04")
    assert set(fact["parties"]) == {"ISRO", "CNES"}
    assert "thermal imaging satellite" in fact["title"]
    assert fact["date"] == "2022-03-01"


def test_extract_agreement_extension_is_its_own_agreement(nlp):
    text = (
        "An agreement between the governments of Brazil and China on remote sensing satellites was "
        "signed in 1988 and extended in 2002."
    )
    facts = sorted(agreements(nlp, text, published="2014-12-08"), key=lambda f: f["date"])
    assert [f["date"] for f in facts] == ["1988", "2002"]
    assert facts[1]["title"].startswith("extension of")


def test_extract_agreement_also_signed_is_another_agreement(nlp):
    text = (
        "Russia and ESA signed an agreement allowing Russia to use the Kourou spaceport. "
        "They also signed a launcher agreement on sharing research."
    )
    facts = agreements(nlp, text, published="2005-01-19")
    assert len(facts) == 2
    assert any("Kourou" in f["title"] for f in facts)


def test_extract_agreement_involving_parties_finalized(nlp):
    text = "NASA finalized an agreement involving Roscosmos and Axiom Space to acquire a seat on a Soyuz."
    [fact] = agreements(nlp, text, published="2021-04-09")
    assert {"Roscosmos", "Axiom Space"} <= set(fact["parties"])
    assert fact["status"] == "signed"


def test_extract_agreement_definition_is_not_a_signing(nlp):
    text = (
        "The Artemis Accords are a series of non-binding multilateral agreements between the United "
        "States and other nations taking part in lunar exploration by 2025."
    )
    assert agreements(nlp, text, published="2022-12-13") == []


def test_extract_agreement_with_the_agencies_of_the_states_named_before(nlp):
    text = (
        "The Philippine and Japanese governments marked the signing of a memorandum of cooperation on "
        "Saturday. The Philippine Space Agency (PhilSA) signed the agreement with the Japan Aerospace "
        "Exploration Agency (JAXA) in a virtual ceremony."
    )
    facts = agreements(nlp, text, published="2021-06-12")
    assert len(facts) == 1
    assert set(facts[0]["parties"]) == {"PhilSA", "JAXA"}


def test_extract_agreement_the_agency_is_the_one_named_before(nlp):
    text = (
        "NASA announced the crew on Friday. The agency finalized an agreement involving Roscosmos and "
        "Axiom Space to acquire a seat."
    )
    [fact] = agreements(nlp, text, published="2021-04-09")
    assert set(fact["parties"]) == {"NASA", "Roscosmos", "Axiom Space"}


def test_extract_agreement_the_agency_is_not_one_the_sentence_names(nlp):
    text = (
        "NASA astronaut Ann Reed joined the crew. Roscosmos may also fly tourists in October. "
        "The agency finalized an agreement involving Roscosmos and Axiom Space to buy the seat."
    )
    [fact] = agreements(nlp, text, published="2021-04-09")
    assert set(fact["parties"]) == {"NASA", "Roscosmos", "Axiom Space"}


def test_extract_agreement_headline_folds_into_the_story(nlp):
    text = (
        "CNES and DLR Sign Agreement on Climate Satellite\n\n"
        "The French and German space agencies CNES and DLR signed an agreement on a methane-sensing "
        "satellite in Bonn on 3 May 2016."
    )
    [fact] = agreements(nlp, text, published="2016-05-04")
    assert set(fact["parties"]) == {"CNES", "DLR"}
    assert fact["date"] == "2016-05-03"
    assert "methane" in fact["title"]


def test_extract_agreement_treaty_cited_as_background_is_not_a_fact(nlp):
    text = "The new principles reinforce and implement the 1967 Outer Space Treaty and the Registration Convention."
    assert agreements(nlp, text, published="2023-05-01") == []


def test_extract_agreement_a_tally_of_agreements_is_not_one(nlp):
    text = "Over the years the agency has concluded several partnership agreements with African countries."
    assert agreements(nlp, text, published="2023-05-01") == []


def test_extract_agreement_foreign_article_refers_back(nlp):
    text = (
        "Das DLR und die NASA haben am 2. Mai 2012 ein Rahmenabkommen unterzeichnet. "
        "Das Abkommen ist eine große Chance für beide Seiten."
    )
    facts = agreements(nlp, text, published="2012-05-03")
    assert all(f["title"] != "Das Abkommen" for f in facts)


def test_extract_agreement_french_signing_with_date_and_place(nlp):
    text = (
        "Le mardi 4 mars 2014, le CNES et l'ISRO ont signé à Paris un accord de coopération sur "
        "un satellite d'observation du climat."
    )
    [fact] = agreements(nlp, text, published="2014-03-05", language="fr")
    assert set(fact["parties"]) == {"CNES", "ISRO"}
    assert fact["date"] == "2014-03-04"
    assert fact["status"] == "signed"
    assert fact["title"].startswith("accord de coopération")


def test_extract_agreement_german_people_present_are_not_signatories(nlp):
    text = (
        "In Bonn haben das DLR und die NASA im Beisein von Ministerin Anna Berger am 14. Mai 2019 "
        "ein Kooperationsabkommen unterzeichnet."
    )
    [fact] = agreements(nlp, text, published="2019-05-15", language="de")
    assert set(fact["parties"]) == {"DLR", "NASA"}
    assert fact["date"] == "2019-05-14"
    assert "Anna Berger" not in fact["signatories"]


def test_extract_agreement_spanish_later_sentence_refers_back(nlp):
    text = (
        "La CONAE y la ESA firmaron un acuerdo sobre estaciones terrenas el 3 de junio de 2022. "
        "El acuerdo fue firmado en Buenos Aires por Raúl Kulichevsky y Josef Aschbacher."
    )
    [fact] = agreements(nlp, text, published="2022-06-04", language="es")
    assert set(fact["parties"]) == {"CONAE", "ESA"}
    assert "Josef Aschbacher" in fact["signatories"]


def test_extract_agreement_portuguese_negotiation_is_expected(nlp):
    text = "Um novo acordo entre a AEB e a NASA está em negociação entre as duas agências."
    [fact] = agreements(nlp, text, published="2020-01-01", language="pt")
    assert fact["status"] == "expected"
    assert set(fact["parties"]) == {"AEB", "NASA"}


def test_extract_agreement_office_remit_is_not_a_party(nlp):
    text = (
        "ESA's Director of Legal Affairs and External Relations, Peter Hall, and the Minister for "
        "Education and Science, Anna Berzina, signed the Cooperation Agreement in Riga on 3 May 2010."
    )
    facts = agreements(nlp, text, published="2010-05-04")
    assert facts
    parties = {p for f in facts for p in f["parties"]}
    assert not parties & {"Legal Affairs and", "External Relations", "Science", "Education and Science"}
    assert "ESA" in parties


def test_extract_agreement_artemis_accession_lists_the_acceding_state(nlp):
    text = "POLSA signed the Artemis Accords on behalf of the country on 2 October 2023."
    [fact] = agreements(nlp, text, published="2023-10-03")
    assert fact["parties"] == ["Poland"]


def test_extract_agreement_host_welcoming_a_signatory_is_not_an_accession(nlp):
    text = "NASA is proud to welcome the newest member of the Artemis Accords, said the NASA Administrator."
    assert all("NASA" not in f["parties"] for f in agreements(nlp, text, published="2023-10-03"))


def test_extract_agreement_count_of_contracts_is_not_one_agreement(nlp):
    text = "Since 2010 the launch company has signed 25 launch service contracts with foreign operators."
    assert agreements(nlp, text, published="2020-01-01") == []


def test_extract_agreement_purpose_year_is_not_the_signing_date(nlp):
    text = "Japan and NASA signed an agreement to land a pressurised rover on the Moon by 2029."
    [fact] = agreements(nlp, text, published="2024-04-10")
    assert fact["date"] != "2029"


def test_extract_agreement_intergovernmental_binds_the_states(nlp):
    text = "Roscosmos and ISRO signed an intergovernmental agreement on human spaceflight in Moscow."
    [fact] = agreements(nlp, text, published="2019-01-01")
    assert set(fact["parties"]) == {"Russia", "India"}


def test_extract_agreement_country_after_a_city_is_a_place(nlp):
    text = "At a ceremony in Le Bourget, France, NASA and ESA signed an agreement on a Mars orbiter."
    [fact] = agreements(nlp, text, published="2019-06-20")
    assert set(fact["parties"]) == {"NASA", "ESA"}


def test_extract_agreement_later_sentence_gives_the_day(nlp):
    text = (
        "NOAA and EUMETSAT signed a long-term cooperation agreement on weather satellites. "
        "The agreement was signed at a ceremony in Washington on 27 August 2013 by both heads."
    )
    [fact] = agreements(nlp, text, published="2013-08-28")
    assert fact["date"] == "2013-08-27"
    assert set(fact["parties"]) == {"NOAA", "EUMETSAT"}


def test_extract_agreement_statement_of_intent_and_reached_agreement(nlp):
    text = "ESA and NASA signed a statement of intent on 26 April 2018 to plan a Mars sample return."
    [fact] = agreements(nlp, text, published="2018-04-27")
    assert set(fact["parties"]) == {"ESA", "NASA"}
    text = "The Australian government said it has reached an agreement with NASA to send a rover to the Moon."
    [fact] = agreements(nlp, text, published="2021-10-13")
    assert "NASA" in fact["parties"]


def test_extract_agreement_lease_is_an_agreement(nlp):
    text = "Under the lease signed with Kazakhstan in 1994, Russia pays a yearly rent for the cosmodrome."
    [fact] = agreements(nlp, text, published="2004-01-10")
    assert fact["date"] == "1994"
    assert "Kazakhstan" in fact["parties"]


def test_extract_agreement_apposition_and_based_describe_a_party(nlp):
    text = (
        "The launch followed an agreement signed between Antrix, the commercial arm of ISRO, and "
        "Singapore-based ST Electronics."
    )
    [fact] = agreements(nlp, text, published="2015-12-16")
    assert set(fact["parties"]) == {"Antrix", "ST Electronics"}


def test_extract_agreement_foreign_definite_takes_the_earlier_title(nlp):
    text = (
        "Angola assinou os Acordos Artemis em Washington no dia 30 de novembro de 2023. "
        "A Nigéria e o Ruanda assinaram o acordo em dezembro de 2022."
    )
    facts = agreements(nlp, text, published="2023-12-01", language="pt")
    assert ["Angola"] in [f["parties"] for f in facts]
    later = [f for f in facts if f["date"] == "2022-12"]
    assert later and all("Artemis" in f["title"] for f in later)


def test_extract_agreement_end_year_is_not_the_signing_date(nlp):
    text = "On 9 January 2004 Russia extended its lease of the launch site from Kazakhstan through 2050."
    [fact] = agreements(nlp, text, published="2004-01-10")
    assert fact["date"] == "2004-01-09"


def test_extract_agreement_running_total_is_not_one_agreement(nlp):
    text = "Since January 2000, the company has signed contracts for the launch of 19 payloads."
    assert agreements(nlp, text, published="2001-01-01") == []


def test_extract_agreement_foreign_count_is_not_one_agreement(nlp):
    text = "La France et le Brésil ont déjà signé 13 accords de coopération spatiale depuis 1965."
    assert agreements(nlp, text, published="2008-12-23", language="fr") == []


def test_extract_agreement_previous_and_new_stay_apart(nlp):
    text = (
        "Russia and Kazakhstan signed a new lease of the cosmodrome on 9 January 2004. "
        "Under the previous lease signed in 1994, Russia paid a yearly rent."
    )
    facts = agreements(nlp, text, published="2004-01-10")
    assert sorted(f["date"] for f in facts) == ["1994", "2004-01-09"]


def test_extract_agreement_membership_list_gives_one_accession_per_body(nlp):
    text = (
        "The charter on disaster imaging was founded by ESA and CNES in 2000.\n\n"
        "Since then, the following agencies have become members of the Charter:\n\n"
        "March 2004\n\n"
        "The Canadian Space Agency (CSA)\n\n"
        "June 2008\n\n"
        "The Korea Aerospace Research Institute (KARI)\n\n"
        "The charter is activated by authorised users during a disaster."
    )
    facts = [f for f in agreements(nlp, text, published="2020-01-01") if f["date"] in {"2004-03", "2008-06"}]
    assert sorted((f["parties"][0], f["date"]) for f in facts) == [("CSA", "2004-03"), ("KARI", "2008-06")]
