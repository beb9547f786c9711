"""Every export format round-trips: what is written reads back with the tools analysts use."""

from __future__ import annotations

import io
import json

import networkx as nx
import pyarrow.parquet as pq
import pytest
from click.testing import CliRunner
from rdflib import OWL, RDF, Graph, URIRef
from rdflib.namespace import PROV

from spacecoop.cli import cli
from spacecoop.errors import BadQuery
from spacecoop.export import FORMATS, events_table, export, rdf, tabular
from spacecoop.store.core import Store
from tests.test_web_sample_store import HOSTILE, build_store

FACTS_IN_SAMPLE = 10


@pytest.fixture()
def store(tmp_path):
    opened = Store.open(build_store(tmp_path / "e.db", hostile=True))
    yield opened
    opened.close()


def test_export_csv_reads_back_to_the_same_rows(store, tmp_path):
    path = tmp_path / "facts.csv"
    assert export(store, "csv", path) == FACTS_IN_SAMPLE + 1
    rows = tabular.read_csv(str(path))
    assert rows == tabular.fact_rows(store)
    jaxa = [r for r in rows if r["parties"] == ["NASA", "JAXA"]]
    assert {r["event_id"] for r in jaxa} == {"ev-nasa-jaxa-lunar"}
    assert any(HOSTILE in r["parties"] for r in rows)  # untrusted text kept exactly, not mangled


def test_export_parquet_reads_back_to_the_same_rows_with_types(store, tmp_path):
    path = tmp_path / "facts.parquet"
    export(store, "parquet", path)
    table = pq.read_table(path)
    assert table.schema.field("confidence").type == "double"
    assert str(table.schema.field("payloads").type) == "list<element: string>"
    assert tabular.read_parquet(path) == tabular.fact_rows(store)


def test_export_parquet_opens_in_pandas(store, tmp_path):
    pandas = pytest.importorskip("pandas")
    path = tmp_path / "facts.parquet"
    export(store, "parquet", path)
    frame = pandas.read_parquet(path)
    assert len(frame) == FACTS_IN_SAMPLE + 1
    assert set(frame["type"]) == {"agreement", "meeting", "launch", "role"}


@pytest.mark.parametrize("fmt, rdf_format", [("turtle", "turtle"), ("jsonld", "json-ld")])
def test_export_rdf_parses_into_the_same_number_of_facts(store, tmp_path, fmt, rdf_format):
    path = tmp_path / f"out.{fmt}"
    assert export(store, fmt, path) == FACTS_IN_SAMPLE + 1
    g = Graph().parse(path, format=rdf_format)
    assert rdf.count_facts(g) == FACTS_IN_SAMPLE + 1
    nasa = rdf.iri("entity", "nasa")
    assert (nasa, OWL.sameAs, URIRef("http://www.wikidata.org/entity/Q23548")) in g
    # Provenance: each fact names its document and quotes its evidence with offsets.
    for fact in g.subjects(RDF.type, rdf.SC.Fact):
        assert g.value(fact, PROV.wasDerivedFrom) is not None
        evidence = g.value(fact, rdf.SC.evidence)
        assert g.value(evidence, PROV.value) is not None
        assert g.value(evidence, rdf.SC.start) is not None


def test_export_rdf_iris_are_stable_between_exports(store, tmp_path):
    first, second = io.BytesIO(), io.BytesIO()
    export(store, "turtle", first)
    export(store, "turtle", second)
    subjects = [set(Graph().parse(data=b.getvalue(), format="turtle").subjects()) for b in (first, second)]
    named = [{s for s in found if isinstance(s, URIRef)} for found in subjects]
    assert named[0] == named[1]
    assert rdf.iri("event", "ev-nasa-jaxa-lunar") in named[0]


def test_export_graphml_parses_with_networkx(store, tmp_path):
    path = tmp_path / "network.graphml"
    export(store, "graphml", path)
    g = nx.read_graphml(path)
    assert g.nodes["nasa"]["label"] == "NASA"
    assert g.nodes["esa"]["wikidata"] == "Q25338"
    assert g.edges["cnes", "esa"]["agreements"] == 2
    assert isinstance(g.edges["jaxa", "nasa"]["weight"], int)
    # Dates Gephi's timeline reads: the first and last shared agreement or meeting.
    assert g.edges["cnes", "esa"]["start"] == "2019-06-12" and g.edges["cnes", "esa"]["end"] == "2020-12-31"
    assert g.nodes["cnes"]["start"] == "2019-06-12"


def test_export_events_table_in_csv_and_parquet(store, tmp_path):
    csv_path, parquet_path = tmp_path / "events.csv", tmp_path / "events.parquet"
    assert export(store, "events-csv", csv_path) == export(store, "events-parquet", parquet_path) == 10
    text = csv_path.read_text(encoding="utf-8")
    assert "NASA; JAXA" in text and "[" not in text.splitlines()[1].split(",")[0]  # lists as text
    rows = {r["id"]: r for r in events_table.read_csv(str(csv_path))}
    lunar = rows["ev-nasa-jaxa-lunar"]
    assert lunar["parties"] == ["NASA", "JAXA"] and lunar["actors"] == ["JAXA", "NASA"]
    assert lunar["sources"] == 2 and lunar["documents"] == ["nasa_esa_2021", "nasa_jaxa_2021"]
    assert lunar["first_reported"] == "2021-05-04" and lunar["conflicts"]
    assert tabular.read_parquet(parquet_path) == events_table.event_rows(store)


def test_export_rdf_events_carry_titles(store, tmp_path):
    path = tmp_path / "kb.ttl"
    export(store, "turtle", path)
    g = Graph().parse(path, format="turtle")
    from rdflib.namespace import DCTERMS

    title = str(g.value(rdf.iri("event", "ev-nasa-esa-gateway"), DCTERMS.title))
    assert title == "NASA – ESA: lunar Gateway (2021-10-27)"


def test_export_binary_format_refuses_a_terminal(tmp_path, monkeypatch):
    from spacecoop.cli import web_cmds

    db = build_store(tmp_path / "t.db")
    monkeypatch.setattr(web_cmds, "stdout_is_terminal", lambda: True)
    result = CliRunner().invoke(cli, ["export", "--format", "parquet", "--db", db])
    assert result.exit_code == 2 and "binary" in result.output
    monkeypatch.setattr(web_cmds, "stdout_is_terminal", lambda: False)  # redirected to a file: fine
    assert CliRunner().invoke(cli, ["export", "--format", "parquet", "--db", db]).exit_code == 0


def test_serve_refuses_a_busy_port_before_claiming_it(tmp_path):
    import socket

    db = build_store(tmp_path / "s.db")
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = CliRunner().invoke(cli, ["serve", "--db", db, "--port", str(port)])
    assert result.exit_code == 1
    assert "already in use" in result.output and "serving" not in result.output


def test_export_facts_jsonl_is_the_exchange_format(store, tmp_path):
    path = tmp_path / "facts.jsonl"
    export(store, "facts", path)
    records = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
    assert len(records) == FACTS_IN_SAMPLE + 1
    role = next(r for r in records if r["type"] == "role" and r["person"] == "Bill Nelson")
    assert role["doc"] == "nasa_jaxa_2021" and role["as_of"] == "2021-05-04" and "status" not in role
    assert all({"doc", "type", "evidence", "confidence"} <= set(r) for r in records)


def test_export_unknown_format_is_a_clear_error(store):
    with pytest.raises(BadQuery, match="format 'xml'"):
        export(store, "xml", io.BytesIO())
    assert set(FORMATS) == {
        "csv", "facts", "jsonld", "turtle", "graphml", "parquet", "events-csv", "events-parquet", "corrections"
    }  # fmt: skip


def test_export_command_writes_a_file_and_reports_a_missing_store(tmp_path):
    db = build_store(tmp_path / "c.db")
    out = tmp_path / "x.csv"
    result = CliRunner().invoke(cli, ["export", "--format", "csv", "--out", str(out), "--db", db])
    assert result.exit_code == 0, result.output
    assert len(tabular.read_csv(str(out))) == FACTS_IN_SAMPLE
    missing = CliRunner().invoke(cli, ["export", "--format", "csv", "--db", str(tmp_path / "none.db")])
    assert missing.exit_code != 0 and "none.db" in missing.output


@pytest.mark.parametrize("fmt, rdf_format", [("turtle", "turtle"), ("jsonld", "json-ld")])
def test_export_rdf_stream_says_exactly_what_the_graph_says(store, fmt, rdf_format):
    from rdflib.compare import isomorphic

    written = io.BytesIO()
    export(store, fmt, written)
    parsed = Graph().parse(data=written.getvalue().decode("utf-8"), format=rdf_format)
    assert isomorphic(parsed, rdf.build_graph(store))  # quotes, brackets and markup in text survive
