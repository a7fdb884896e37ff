"""Network analysis on the same projection: counts, centrality, communities, exports for Gephi."""

import csv
import xml.etree.ElementTree as ET

import networkx as nx

from kg.analysis import export, format_stats, stats
from kg.network import project


def test_stats_count_by_class_status_and_domain_and_rank_the_centre(built):
    _, ds = built
    G = project(ds.quads)
    s = stats(G)
    assert s["nodes"] == G.number_of_nodes() and s["edges"] == G.number_of_edges()
    # the six lifecycle, restitution and visit articles added two signed agreements, eight people, and made
    # France (party, host, origin) the most connected node ahead of the 2024 ministers' meeting
    assert s["by_status"]["signed"] == 7 and s["by_status"]["proposed"] == 2 and s["by_status"]["held"] == 4
    assert s["by_category"]["Person"] == 13
    assert s["degree"][0][0] == "France"
    assert s["degree"][1][0].startswith("Meeting of the culture ministers")
    assert sum(len(c) for c in s["communities"]) == G.number_of_nodes()
    assert stats(G) == s  # seeded: the same communities every time
    assert "most central (betweenness)" in format_stats(s)


def test_exports_open_in_graph_tools(built, tmp_path):
    _, ds = built
    G = project(ds.quads)
    (graphml,) = export(G, "graphml", tmp_path / "g.graphml")
    back = nx.read_graphml(graphml)
    assert back.number_of_nodes() == G.number_of_nodes() and back.number_of_edges() == G.number_of_edges()
    (gexf,) = export(G, "gexf", tmp_path / "g.gexf")
    assert ET.parse(gexf).getroot().tag.endswith("gexf")
    nodes, edges = export(G, "csv", tmp_path / "g.csv")
    assert len(list(csv.DictReader(nodes.open()))) == G.number_of_nodes()
    rows = list(csv.DictReader(edges.open()))
    assert len(rows) == G.number_of_edges() and {"source", "target", "label"} <= set(rows[0])
