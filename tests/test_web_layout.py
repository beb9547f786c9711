"""Page geometry: highlighted runs of text, timeline markers, network positions, office bars."""

from __future__ import annotations

from spacecoop.web import layout


def test_layout_highlight_runs_split_overlapping_evidence():
    text = "Alpha met Beta. Then they signed."
    runs = layout.highlight_runs(text, [(0, 15, "a"), (10, 33, "b"), (-3, 99, "c")])
    assert "".join(r["text"] for r in runs) == text  # nothing lost or doubled
    assert [r["facts"] for r in runs] == [["a", "c"], ["a", "b", "c"], ["b", "c"]]
    assert [r["anchors"] for r in runs] == [["a", "c"], ["b"], []]


def test_layout_timeline_draws_planned_hollow_and_done_filled():
    items = [
        {"id": "1", "type": "launch", "date": "2020-03-01", "status": "done"},
        {"id": "2", "type": "launch", "date": "2021", "status": "planned"},
        {"id": "3", "type": "agreement", "date": "2020-03", "status": "terminated"},
        {"id": "4", "type": "meeting", "date": None, "status": None},
    ]
    drawn = layout.timeline_layout(items, None, None)
    kinds = {m["item"]["id"]: m["kind"] for m in drawn["markers"]}
    assert kinds == {"1": "happened", "2": "announced", "3": "ended"}
    xs = {m["item"]["id"]: m["x"] for m in drawn["markers"]}
    assert xs["1"] < xs["2"]
    assert (drawn["first_year"], drawn["last_year"]) == (2020, 2021)


def test_layout_zoom_range_halves_and_doubles():
    zoom = layout.zoom_range(2010, 2019)
    assert zoom["halves"] == [{"since": "2010", "until": "2014"}, {"since": "2015", "until": "2019"}]
    assert zoom["out"] == {"since": "2005", "until": "2024"}


def test_layout_network_is_deterministic_and_inside_the_frame():
    graph = {
        "nodes": [{"id": n, "name": n, "type": None, "weight": w} for n, w in (("a", 3), ("b", 2), ("c", 1))],
        "edges": [{"source": "a", "target": "b", "weight": 2}, {"source": "a", "target": "c", "weight": 1}],
    }
    first, second = layout.network_layout(graph), layout.network_layout(graph)
    assert first == second
    assert all(0 <= n["x"] <= first["width"] and 0 <= n["y"] <= first["height"] for n in first["nodes"])
    assert first["edges"][0]["stroke"] > first["edges"][1]["stroke"]


def test_layout_office_chart_bars_follow_time():
    terms = [
        {"office": "Head", "organization": "x", "person": "p", "start": "2010", "end": "2014-06"},
        {"office": "Head", "organization": "x", "person": "q", "start": "2014-07", "end": None},
    ]
    chart = layout.office_chart(terms, "2020-01-01")
    first, second = chart["bars"]
    assert first["x"] < second["x"] and second["open"] and not first["open"]
    assert len(chart["rows"]) == 1


def test_layout_timeline_skips_dates_it_cannot_place():
    items = [
        {"id": "1", "type": "launch", "date": "2019-SU", "status": "done"},
        {"id": "2", "type": "launch", "date": "summer", "status": "done"},
        {"id": "3", "type": "launch", "date": "2019-02-30", "status": "done"},
    ]
    drawn = layout.timeline_layout(items, None, None)
    assert {m["item"]["id"] for m in drawn["markers"]} == {"1", "3"}  # 2019-SU sits in 2019
    assert layout.office_chart([{"office": "Head", "organization": "x", "person": "p", "start": "soon",
                                 "end": None}], "2020-01-01")["bars"] == []  # fmt: skip
