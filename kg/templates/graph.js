(function () {
  "use strict";
  var t0 = performance.now();
  var data = JSON.parse(document.getElementById("kg-data").textContent);
  var T = data.text;
  var UNDERTAKINGS = ["Agreement", "AgreementSet", "Initiative"];
  var view = { stable: false, stableMs: null, counts: data.counts };
  window.kgView = view;

  // Every piece of text from the data goes in as a text node: nothing is parsed as HTML.
  function el(tag, cls) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    for (var i = 2; i < arguments.length; i++) {
      var c = arguments[i];
      if (c === null || c === undefined || c === "") continue;
      e.appendChild(c instanceof Node ? c : document.createTextNode(String(c)));
    }
    return e;
  }
  function wikidataLink(qid) {
    if (!/^Q[1-9][0-9]*$/.test(qid)) return null;
    var a = el("a", null, "wikidata:" + qid);
    a.href = "https://www.wikidata.org/wiki/" + qid;
    a.target = "_blank";
    a.rel = "noopener noreferrer";
    return a;
  }
  var domainLabels = {};
  data.domains.forEach(function (d) { domainLabels[d.iri] = d.label; });

  function sourcesLine(sources, contextSources) {
    var parts = [];
    if (sources.indexOf("article") >= 0) parts.push(T.from_article);
    if (sources.indexOf("context") >= 0) {
      parts.push(T.from_context + (contextSources && contextSources.length ? " (" + contextSources.join("; ") + ")" : ""));
    }
    return parts.length ? el("div", "from", parts.join(" · ")) : null;
  }
  function evidenceBlock(evidence) {
    if (!evidence || !evidence.length) return null;
    var list = el("ul", "evidence");
    var seen = {};
    evidence.forEach(function (e) {
      var key = e.start + ":" + e.end;
      if (seen[key]) return;
      seen[key] = true;
      list.appendChild(el("li", null, el("q", null, e.exact), " ",
        el("span", "offsets", "[" + e.start + "–" + e.end + "]"),
        e.speaker ? el("span", "speaker", " — " + T.said_by + " " + e.speaker) : null));
    });
    return el("div", null, el("div", "section", T.words), list);
  }
  function nodeCard(n) {
    var k = n.kg;
    var title = k.labels[data.lang] || k.labels.en;
    var other = data.lang === "fr" ? k.labels.en : k.labels.fr;
    var card = el("div", "card", el("div", "card-title", title));
    if (other && other !== title) card.appendChild(el("div", "alt", other));
    var what = T.kind + ": " + k.kind;
    if (k.status_label) what += " · " + T.status.toLowerCase() + ": " + k.status_label;
    card.appendChild(el("div", null, what));
    if (k.domains.length) {
      card.appendChild(el("div", null, T.domain + ": " + k.domains.map(function (d) { return domainLabels[d] || d; }).join(", ")));
    }
    if (k.wikidata) card.appendChild(el("div", null, wikidataLink(k.wikidata)));
    if (k.description) card.appendChild(el("div", "desc", k.description));
    card.appendChild(sourcesLine(k.sources, []) || document.createTextNode(""));
    var words = evidenceBlock(k.evidence);
    if (words) card.appendChild(words);
    card.appendChild(el("div", "iri", k.short));
    return card;
  }
  function edgeCard(e) {
    var k = e.kg;
    var from = nodes.get(e.from), to = nodes.get(e.to);
    var card = el("div", "card", el("div", "card-title",
      (from ? from.kg.labels[data.lang] : e.from) + " → " + k.label + " → " + (to ? to.kg.labels[data.lang] : e.to)));
    if (k.attested_at && k.attested_at.length) card.appendChild(el("div", null, T.attested + ": " + k.attested_at.join(", ")));
    if (k.start || k.end) card.appendChild(el("div", null, (k.start || "…") + " – " + (k.end || "…")));
    var src = sourcesLine(k.sources, k.context_sources);
    if (src) card.appendChild(src);
    var words = evidenceBlock(k.evidence);
    if (words) card.appendChild(words);
    card.appendChild(el("div", "iri", k.property + " · " + T.graphs + " " + k.graphs.join(", ")));
    return card;
  }

  var nodes = new vis.DataSet(data.nodes.map(function (n) { n.title = nodeCard(n); return n; }));
  var edges = new vis.DataSet(data.edges.map(function (e) { e.title = edgeCard(e); return e; }));

  // Filters: by status and by domain (they hide agreements and initiatives only).
  var hiddenStatus = {};
  var domainFilter = "";
  function visible(n) {
    var k = n.kg;
    if (UNDERTAKINGS.indexOf(k.category) < 0) return true;
    if (hiddenStatus[k.status || "none"]) return false;
    if (domainFilter && k.domains.indexOf(domainFilter) < 0) return false;
    return true;
  }
  var nodeView = new vis.DataView(nodes, { filter: visible });
  var edgeView = new vis.DataView(edges, { filter: function (e) { return nodeView.get(e.from) !== null && nodeView.get(e.to) !== null; } });

  var container = document.getElementById("network");
  var network = new vis.Network(container, { nodes: nodeView, edges: edgeView }, data.options);
  view.network = network;
  view.nodes = nodes;
  view.edges = edges;
  view.visibleCounts = function () { return { nodes: nodeView.length, edges: edgeView.length }; };

  function updateCounts() {
    var c = view.visibleCounts();
    document.getElementById("counts").textContent = c.nodes + " " + T.nodes + " · " + c.edges + " " + T.edges;
  }
  function refresh() { nodeView.refresh(); edgeView.refresh(); updateCounts(); }

  function settled() {
    if (view.stable) return;
    network.setOptions({ physics: { enabled: false } });
    view.stable = true;
    view.stableMs = Math.round(performance.now() - t0);
    document.body.setAttribute("data-stable", "true");
  }
  if (data.options.physics && data.options.physics.enabled) {
    network.once("stabilizationIterationsDone", settled);
  } else {
    network.once("afterDrawing", settled);
  }

  // Header: search, status checkboxes, domain menu; legend; side panel.
  var search = document.getElementById("search");
  search.placeholder = T.search;
  search.setAttribute("aria-label", T.search);
  search.addEventListener("input", function () {
    var q = search.value.trim().toLowerCase();
    var count = document.getElementById("search-count");
    if (!q) { network.unselectAll(); count.textContent = ""; return; }
    var ids = nodeView.getIds({ filter: function (n) {
      return (n.kg.labels.fr + " " + n.kg.labels.en + " " + n.kg.short).toLowerCase().indexOf(q) >= 0;
    } });
    network.selectNodes(ids);
    count.textContent = ids.length + " " + T.matches;
    if (ids.length) network.focus(ids[0], { scale: 1.1, animation: false });
  });

  var statusBox = document.getElementById("status-filter");
  statusBox.appendChild(el("legend", null, T.status));
  data.statuses.forEach(function (s) {
    var box = el("input");
    box.type = "checkbox";
    box.checked = true;
    box.value = s.status;
    box.addEventListener("change", function () { hiddenStatus[s.status] = !box.checked; refresh(); });
    var sw = el("span", "swatch" + (s.dashes ? " dashed" : ""));
    sw.style.background = s.color;
    var label = nodes.get({ filter: function (n) { return n.kg.status === s.status; } })[0];
    statusBox.appendChild(el("label", null, box, sw, label ? label.kg.status_label : s.status));
  });

  var select = document.getElementById("domain-filter");
  document.getElementById("domain-label").insertBefore(document.createTextNode(T.domain + " "), select);
  select.appendChild(el("option", null, T.all));
  select.firstChild.value = "";
  data.domains.forEach(function (d) { var o = el("option", null, d.label); o.value = d.iri; select.appendChild(o); });
  select.addEventListener("change", function () { domainFilter = select.value; refresh(); });

  var legend = document.getElementById("legend");
  var items = el("ul");
  data.legend.forEach(function (c) {
    var sw = el("span", "swatch");
    sw.style.background = c.color;
    items.appendChild(el("li", null, sw, " ", c.label + " (" + c.shape + ")"));
  });
  legend.appendChild(el("h2", null, T.legend));
  legend.appendChild(items);
  legend.appendChild(el("div", "from", T.signed_note));
  legend.appendChild(el("div", "from", T.help));

  var panel = document.getElementById("panel");
  var panelBody = document.getElementById("panel-body");
  var close = document.getElementById("panel-close");
  close.textContent = T.close;
  close.addEventListener("click", function () { panel.hidden = true; });
  network.on("click", function (p) {
    var card = null;
    if (p.nodes.length) card = nodeCard(nodes.get(p.nodes[0]));
    else if (p.edges.length) card = edgeCard(edges.get(p.edges[0]));
    while (panelBody.firstChild) panelBody.removeChild(panelBody.firstChild);
    if (card) { panelBody.appendChild(card); panel.hidden = false; } else { panel.hidden = true; }
  });
  updateCounts();
})();
