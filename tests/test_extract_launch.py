"""Launches, one test per construction, on sentences written for these tests."""

from extract_support import facts_of


def launches(nlp, text, published="2016-04-19"):
    return facts_of(nlp, text, published, "launch")


def test_extract_launch_dated_list_items_take_the_document_year(nlp):
    text = (
        "- 15 March: launch of ExoMars 2016 by Proton from Baikonur.\n"
        "- 22 April: launch by Soyuz from the Guiana Space Centre of the Sentinel-1B satellite."
    )
    facts = {f["date"]: f for f in launches(nlp, text)}
    assert facts["2016-03-15"]["status"] == "done"
    assert facts["2016-03-15"]["vehicle"] == "Proton"
    assert facts["2016-03-15"]["site"] == "Baikonur"
    assert facts["2016-04-22"]["status"] == "planned"
    assert facts["2016-04-22"]["site"] == "Guiana Space Centre"


def test_extract_launch_two_launches_in_one_sentence(nlp):
    text = (
        "They discussed the launch this October of the BepiColombo mission, and the launch in 2019 "
        "of the Bion-M N°2 mission."
    )
    facts = launches(nlp, text, published="2018-06-15")
    by_date = {f["date"]: f for f in facts}
    assert any("BepiColombo" in p for p in by_date["2018-10"]["payloads"])
    assert any("Bion-M" in p for p in by_date["2019"]["payloads"])
    assert all(f["status"] == "planned" for f in facts)


def test_extract_launch_lift_off_without_the_word_launch(nlp):
    text = "A Soyuz-2.1a rocket lifted off from the Baikonur Cosmodrome at 3:42 a.m. Eastern, placing the Soyuz MS-18 spacecraft into orbit."
    [fact] = launches(nlp, text, published="2021-04-09")
    assert fact["vehicle"] == "Soyuz-2.1a"
    assert fact["site"] == "Baikonur"
    assert fact["payloads"] == ["Soyuz MS-18"]
    assert fact["status"] == "done"


def test_extract_launch_vehicle_keeps_the_text_variant(nlp):
    text = "The H-2A rocket carrying the Hope probe lifted off from the Tanegashima Space Center on Monday."
    [fact] = launches(nlp, text, published="2020-07-20")
    assert fact["vehicle"] == "H-2A"
    assert fact["date"] == "2020-07-20"


def test_extract_launch_scheduled_is_planned(nlp):
    text = "The first Soyuz launch from Europe's Spaceport is scheduled to take place in 2008."
    [fact] = launches(nlp, text, published="2007-02-22")
    assert fact["status"] == "planned"
    assert fact["date"] == "2008"
    assert fact["site"] == "Guiana Space Centre"


def test_extract_launch_in_an_agreement_title_is_not_a_launch(nlp):
    text = (
        "They signed agreements on the implementation of Soyuz launches from the Guiana Space Centre (2005)."
    )
    assert launches(nlp, text, published="2009-05-12") == []


def test_extract_launch_rocket_phrase_belongs_to_the_launch(nlp):
    text = "The CFOSAT satellite was launched on a Long March 2C rocket from Jiuquan on 29 October."
    [fact] = launches(nlp, text, published="2018-10-30")
    assert fact["vehicle"] == "Long March 2C"
    assert fact["site"] == "Jiuquan"
    assert any("CFOSAT" in p for p in fact["payloads"])


def test_extract_launch_blasted_off_atop_a_rocket_is_one_launch(nlp):
    text = (
        "Russia's Progress MS-20 cargo ship blasted off from the Baikonur cosmodrome atop a "
        "Soyuz-2.1a rocket on Thursday, Roscosmos said."
    )
    [fact] = launches(nlp, text, published="2022-03-04")
    assert fact["vehicle"] == "Soyuz-2.1a"
    assert fact["payloads"] == ["Progress MS-20"]
    assert fact["date"] == "2022-03-03"


def test_extract_launch_the_satellite_is_the_craft_named_before(nlp):
    text = (
        "The SWOT satellite will map the oceans. The satellite is currently in development and "
        "scheduled to launch end February 2022."
    )
    [fact] = launches(nlp, text, published="2020-12-18")
    assert fact["payloads"] == ["SWOT"]
    assert fact["date"] == "2022-02"
    assert fact["status"] == "planned"


def test_extract_launch_date_nearest_the_trigger(nlp):
    text = (
        "The mission was created by the two agencies in 2009 with plans to launch the SWOT satellite by 2020."
    )
    [fact] = launches(nlp, text, published="2014-05-05")
    assert fact["date"] == "2020"


def test_extract_launch_family_and_variant_are_one_launch(nlp):
    text = (
        "A Long March 2C rocket lifted off from Jiuquan on Monday. "
        "The Long March rocket carried the CFOSAT satellite into orbit."
    )
    facts = launches(nlp, text, published="2018-10-30")
    assert len(facts) == 1
    assert facts[0]["vehicle"] == "Long March 2C"


def test_extract_launch_a_satellite_is_the_craft_named_before(nlp):
    text = (
        "ESA's EarthCARE satellite will study clouds. SpaceX is set to launch a European Earth "
        "observation satellite from Vandenberg Space Force Base on Tuesday."
    )
    [fact] = launches(nlp, text, published="2024-05-28")
    assert fact["payloads"] == ["EarthCARE"]
    assert fact["status"] == "planned"
    assert fact["date"] == "2024-05-28"


def test_extract_launch_rocket_and_craft_told_apart_are_one_launch(nlp):
    text = (
        "The first two Galileo satellites will be launched from the CSG. "
        "The October launch will mark the first flight of Soyuz from the CSG."
    )
    facts = launches(nlp, text, published="2011-05-23")
    assert len(facts) == 1
    assert facts[0]["vehicle"] == "Soyuz"


def test_extract_launch_hoped_for_launch_did_not_happen(nlp):
    text = (
        "ESA hoped that the satellite could launch on a Vega-C rocket, but a test failure paused those plans."
    )
    assert launches(nlp, text, published="2024-05-28") == []


def test_extract_launch_craft_named_twice_is_one_launch(nlp):
    text = (
        "A Soyuz-2.1a rocket lifted off from Baikonur, placing the Soyuz MS-18 spacecraft into orbit. "
        "The Soyuz spacecraft docked a few hours after its launch."
    )
    assert len(launches(nlp, text, published="2021-04-09")) == 1


def test_extract_launch_vehicle_designation_keeps_its_serial(nlp):
    text = "The PSLV-C77 rocket lifted off from Sriharikota on Monday carrying the Oceanix-3 satellite."
    [fact] = launches(nlp, text, published="2031-03-10")
    assert fact["vehicle"] == "PSLV-C77"
    assert fact["payloads"] == ["Oceanix-3"]
    assert fact["date"] == "2031-03-10"


def test_extract_launch_unknown_rocket_named_by_its_noun(nlp):
    text = "A Zephyr-4B launch vehicle placed the Kestrel observatory into orbit in May 2029."
    [fact] = launches(nlp, text, published="2029-06-02")
    assert fact["vehicle"] == "Zephyr-4B"
    assert fact["payloads"] == ["Kestrel"]
    assert fact["status"] == "done"


def test_extract_launch_unknown_satellite_named_after_its_noun(nlp):
    text = "In March 2027 the country launched its first satellite, Tumaini-1, aboard a Falcon 9."
    [fact] = launches(nlp, text, published="2028-01-15")
    assert fact["payloads"] == ["Tumaini-1"]
    assert fact["vehicle"] == "Falcon 9"
    assert fact["date"] == "2027-03"


def test_extract_launch_french_launcher_word_before_the_name(nlp):
    text = "Le satellite Azurite a été lancé par le lanceur Ariane 5 le 3 mars 2019."
    [fact] = launches(nlp, text, published="2019-03-04")
    assert fact["vehicle"] == "Ariane 5"
    assert "Azurite" in fact["payloads"]


def test_extract_launch_date_from_a_sentence_that_only_says_the_rocket(nlp):
    text = (
        "A telecommunications satellite for Ruritania reached orbit on Saturday after the rocket lifted "
        "off from the equator.\n"
        "The Zephyr-4B rocket carried the Kestrel-2 satellite to a transfer orbit, the company said."
    )
    [fact] = launches(nlp, text, published="2030-09-23")
    assert fact["vehicle"] == "Zephyr-4B"
    assert fact["payloads"] == ["Kestrel-2"]
    assert fact["date"] == "2030-09-21"
    assert fact["status"] == "done"


def test_extract_launch_headline_and_lead_are_one_launch(nlp):
    text = (
        "Kestrel-2 launched on a Falcon 9.\n"
        "The Kestrel-2 weather satellite was launched on 4 March 2030 by a Falcon 9 rocket from "
        "Vandenberg, the agency said."
    )
    [fact] = launches(nlp, text, published="2030-03-05")
    assert fact["date"] == "2030-03-04"
    assert fact["site"] == "Vandenberg"


def test_extract_launch_date_heading_on_its_own_line(nlp):
    text = "Milestones\nMarch 12, 2001:\nLaunch of Kestrel-1 communications satellite."
    [fact] = launches(nlp, text, published="2005-01-01")
    assert fact["payloads"] == ["Kestrel-1"]
    assert fact["date"] == "2001-03-12"


def test_extract_launch_spanish_past_with_evidence_in_spanish(nlp):
    text = "El satélite Quetzal-2 fue lanzado con éxito en 2029 desde Vandenberg."
    [fact] = launches(nlp, text, published="2029-04-02")
    assert fact["payloads"] == ["Quetzal-2"]
    assert fact["status"] == "done"
    assert fact["date"] == "2029"
    assert "lanzado" in fact["evidence"]


def test_extract_launch_german_planned_with_soll(nlp):
    text = "Der Satellit Kestrel-5 soll 2031 an Bord einer Falcon-9-Rakete starten."
    [fact] = launches(nlp, text, published="2029-04-02")
    assert fact["payloads"] == ["Kestrel-5"]
    assert fact["vehicle"] == "Falcon-9"
    assert fact["status"] == "planned"
    assert fact["date"] == "2031"


def test_extract_launch_put_into_orbit_is_a_launch(nlp):
    text = "A Falcon 9 rocket put the Kestrel-7 satellite into orbit in June 2028."
    [fact] = launches(nlp, text, published="2029-04-02")
    assert fact["vehicle"] == "Falcon 9"
    assert fact["payloads"] == ["Kestrel-7"]
    assert fact["date"] == "2028-06"


def test_extract_launch_its_launch_refers_to_the_craft_named_before(nlp):
    text = (
        "The Borealis Space Telescope will study distant galaxies. Its launch is targeted for 2033 "
        "and it will operate for ten years."
    )
    [fact] = launches(nlp, text, published="2029-04-02")
    assert fact["payloads"] == ["Borealis Space Telescope"]
    assert fact["date"] == "2033"
    assert fact["status"] == "planned"


def test_extract_launch_a_rocket_leaving_a_launch_site(nlp):
    text = "The Zephyr-4B rocket left the Baikonur Cosmodrome on 4 May 2030 with the Kestrel-9 satellite."
    [fact] = launches(nlp, text, published="2030-05-05")
    assert fact["vehicle"] == "Zephyr-4B"
    assert fact["site"] == "Baikonur"
    assert fact["date"] == "2030-05-04"


def test_extract_launch_craft_named_in_apposition(nlp):
    text = "The agency's next project is TERNLOOK, a small Venus orbiter set to launch in 2032."
    [fact] = launches(nlp, text, published="2029-04-02")
    assert fact["payloads"] == ["TERNLOOK"]
    assert fact["status"] == "planned"


def test_extract_launch_participle_tells_the_launch_of_its_noun(nlp):
    text = "Kestrel-9 was proposed in 2025, following the Merganser-2 survey mission launched in 2019."
    [fact] = launches(nlp, text, published="2029-04-02")
    assert fact["payloads"] == ["Merganser-2"]
    assert fact["date"] == "2019"


def test_extract_launch_agreement_named_after_a_programme_is_no_payload(nlp):
    text = "Ruritania signed the Artemis Accords on Tuesday, and its first satellite launched in 2027."
    facts = launches(nlp, text, published="2029-04-02")
    assert all("Artemis" not in " ".join(f["payloads"]) for f in facts)


def test_extract_launch_satellite_named_after_its_operator(nlp):
    text = "Arianespace will launch the Eutelsat 12 satellite on an Ariane 5 in March 2031."
    [fact] = launches(nlp, text, published="2030-11-02")
    assert fact["payloads"] == ["Eutelsat 12"]
    assert fact["vehicle"] == "Ariane 5"
    assert fact["date"] == "2031-03"


def test_extract_launch_announcement_day_is_not_the_launch_day(nlp):
    text = "On June 19th, the operator announced that it had chosen Arianespace to launch its Kestrel-4 satellite in 2032."
    [fact] = launches(nlp, text, published="2030-07-01")
    assert fact["payloads"] == ["Kestrel-4"]
    assert fact["date"] == "2032"
    assert fact["status"] == "planned"


def test_extract_launch_a_series_names_each_craft(nlp):
    text = "The rocket carried the Kestrel-A1, -A2 and -A3 satellites into orbit in May 2030."
    [fact] = launches(nlp, text, published="2030-06-01")
    assert fact["payloads"] == ["Kestrel-A1", "Kestrel-A2", "Kestrel-A3"]
    assert fact["date"] == "2030-05"


def test_extract_launch_designation_taken_for_an_organisation(nlp):
    text = "In April 1971, the country launched its first satellite, the QZX-1, with a Zephyr rocket."
    [fact] = launches(nlp, text, published="2001-01-01")
    assert fact["payloads"] == ["QZX-1"]
    assert fact["vehicle"] == "Zephyr"
    assert fact["date"] == "1971-04"


def test_extract_launch_a_count_of_launches_is_no_launch(nlp):
    text = "Since March 2021, Zephyr launch vehicles have achieved 14 consecutive successful launches."
    assert launches(nlp, text, published="2029-04-02") == []


def test_extract_launch_told_only_by_reference_takes_the_rocket_named_nearby(nlp):
    text = (
        "Ruritania launched a weather satellite by rocket on Tuesday.\n"
        "The maker said it would promote the Falcon 9 for future missions."
    )
    [fact] = launches(nlp, text, published="2030-06-06")
    assert fact["vehicle"] == "Falcon 9"
    assert fact["date"] == "2030-06-04"
    assert fact["status"] == "done"


def test_extract_launch_maiden_flight_of_a_named_rocket(nlp):
    text = "The maiden flight of the Ariane 6 has been scheduled for 17 January 2031."
    [fact] = launches(nlp, text, published="2030-06-06")
    assert fact["vehicle"] == "Ariane 6"
    assert fact["date"] == "2031-01-17"
    assert fact["status"] == "planned"


def test_extract_launch_a_plan_with_neither_day_nor_rocket_is_no_launch(nlp):
    text = "Officials said the Kestrel-6 satellite will be launched to help farmers."
    assert launches(nlp, text, published="2030-06-06") == []


def test_extract_launch_postponed_without_new_date_stays_planned(nlp):
    text = "The launch of the Kestrel-6 satellite has been postponed."
    [fact] = launches(nlp, text, published="2030-06-06")
    assert fact["status"] == "planned"
    assert fact["date"] is None
