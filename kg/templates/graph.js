(function () {
  "use strict";
  var t0 = performance.now();
  var data = JSON.parse(document.getElementById("kg-data").textContent);
  var T = data.text;
  var view = { stable: false, stableMs: null, counts: data.counts };
  window.kgView = view;
  var SVG = "http://www.w3.org/2000/svg";

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
  function clear(node) { while (node.firstChild) node.removeChild(node.firstChild); }
  function link(href, text) {
    var a = el("a", null, text);
    a.href = href;
    a.target = "_blank";
    a.rel = "noopener noreferrer";
    return a;
  }
  function wikidataLink(qid) {
    return /^Q[1-9][0-9]*$/.test(qid) ? link("https://www.wikidata.org/wiki/" + qid, "wikidata:" + qid) : null;
  }

  // --- drawn symbols: the legend draws the shapes the graph uses ----------------------------------
  function svgEl(tag, attrs) {
    var e = document.createElementNS(SVG, tag);
    Object.keys(attrs).forEach(function (k) { e.setAttribute(k, attrs[k]); });
    return e;
  }
  function poly(points) { return points.map(function (p) { return p[0].toFixed(1) + "," + p[1].toFixed(1); }).join(" "); }
  function regular(n, r, start) {
    var pts = [];
    for (var i = 0; i < n; i++) { var a = start + 2 * Math.PI * i / n; pts.push([9 + r * Math.cos(a), 9 + r * Math.sin(a)]); }
    return pts;
  }
  function icon(shape, fill, dashed) {
    var s = svgEl("svg", { "class": "icon", viewBox: "0 0 18 18", "aria-hidden": "true", "data-shape": shape });
    var paint = { fill: fill, stroke: dashed ? "#1b1b1b" : "#333", "stroke-width": dashed ? "1.6" : "1" };
    if (dashed) paint["stroke-dasharray"] = "3 2";
    var shapeEl;
    if (shape === "dot" || shape === "circle") shapeEl = svgEl("circle", { cx: 9, cy: 9, r: shape === "dot" ? 6 : 7.5 });
    else if (shape === "square") shapeEl = svgEl("rect", { x: 3, y: 3, width: 12, height: 12 });
    else if (shape === "box") shapeEl = svgEl("rect", { x: 1, y: 4, width: 16, height: 10, rx: 2.5 });
    else if (shape === "ellipse") shapeEl = svgEl("ellipse", { cx: 9, cy: 9, rx: 8, ry: 5 });
    else if (shape === "database") shapeEl = svgEl("path", { d: "M3 5 A6 2 0 0 1 15 5 L15 13 A6 2 0 0 1 3 13 Z M3 5 A6 2 0 0 0 15 5" });
    else if (shape === "diamond") shapeEl = svgEl("polygon", { points: poly([[9, 1.5], [16.5, 9], [9, 16.5], [1.5, 9]]) });
    else if (shape === "triangle") shapeEl = svgEl("polygon", { points: poly([[9, 2], [16, 15], [2, 15]]) });
    else if (shape === "triangleDown") shapeEl = svgEl("polygon", { points: poly([[2, 3], [16, 3], [9, 16]]) });
    else if (shape === "hexagon") shapeEl = svgEl("polygon", { points: poly(regular(6, 7.5, 0)) });
    else if (shape === "star") {
      var pts = [];
      for (var i = 0; i < 10; i++) {
        var a = -Math.PI / 2 + Math.PI * i / 5, r = i % 2 ? 3.4 : 8;
        pts.push([9 + r * Math.cos(a), 9.5 + r * Math.sin(a)]);
      }
      shapeEl = svgEl("polygon", { points: poly(pts) });
    } else shapeEl = svgEl("circle", { cx: 9, cy: 9, r: 6 });
    Object.keys(paint).forEach(function (k) { shapeEl.setAttribute(k, paint[k]); });
    s.appendChild(shapeEl);
    return s;
  }
  function lineIcon(dashed) {
    var s = svgEl("svg", { viewBox: "0 0 34 18", "aria-hidden": "true", "data-line": dashed ? "dashed" : "solid" });
    var l = svgEl("line", { x1: 2, y1: 9, x2: 32, y2: 9, stroke: dashed ? "#9aa5b1" : "#5a6470", "stroke-width": 2 });
    if (dashed) l.setAttribute("stroke-dasharray", "5 3");
    s.appendChild(l);
    return s;
  }

  // --- cards (the side panel is the one place a card is shown) ------------------------------------
  var domainLabels = {};
  data.domains.forEach(function (d) { domainLabels[d.iri] = d.label; });

  function citation(c) {
    if (!c || !c.title) return null;
    var line = el("span", "cite", "— ", el("cite", null, c.title));
    if (c.publisher) line.appendChild(document.createTextNode(", " + c.publisher));
    if (c.date) line.appendChild(document.createTextNode(", " + c.date));
    if (c.url && /^https?:\/\//.test(c.url)) { line.appendChild(document.createTextNode(" · ")); line.appendChild(link(c.url, T.link)); }
    return line;
  }
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
      var key = (e.source ? e.source.iri : "") + "|" + e.start + ":" + e.end + "|" + e.exact;
      if (seen[key]) return;
      seen[key] = true;
      list.appendChild(el("li", null, el("q", null, e.exact),
        e.speaker ? el("span", "speaker", " — " + T.said_by + " " + e.speaker) : null, citation(e.source)));
    });
    return el("div", null, el("div", "section", T.words), list);
  }
  function title(n) { return n.kg.labels[data.lang] || n.kg.labels.en || n.kg.labels.fr || n.kg.short; }
  function nodeCard(n) {
    var k = n.kg;
    var name = title(n);
    var other = data.lang === "fr" ? k.labels.en : k.labels.fr;
    var card = el("div", "card", el("div", "card-title", name));
    if (other && other !== name) card.appendChild(el("div", "alt", other));
    var what = T.kind + ": " + k.kind;
    if (k.status_label) what += " · " + T.status.toLowerCase() + ": " + k.status_label;
    card.appendChild(el("div", null, what));
    if (k.conflict && k.conflict.length) {  // the latest date's sources disagree: the drawn status is one of them
      card.appendChild(el("div", "conflict", "⚠ " + T.conflict + (k.latest_date ? " (" + k.latest_date + ")" : "") + ": " +
        k.conflict.join(" / ") + " · " + T.drawn + " " + k.status_label));
    }
    if (k.history && k.history.length) {  // statuses differ by source and date: say who said which, when
      var hist = el("ul", "evidence");
      k.history.forEach(function (h) {
        hist.appendChild(el("li", null, h.status, h.date ? " (" + h.date + ")" : "", h.source ? el("span", "cite", h.source) : null));
      });
      card.appendChild(el("div", null, el("div", "section", T.history), hist));
    }
    if (k.domains.length) {
      card.appendChild(el("div", null, T.domain + ": " + k.domains.map(function (d) { return domainLabels[d] || d; }).join(", ")));
    }
    if (k.wikidata) card.appendChild(el("div", null, wikidataLink(k.wikidata)));
    if (k.description) card.appendChild(el("div", "desc", k.description));
    var from = sourcesLine(k.sources, []);
    if (from) card.appendChild(from);
    var words = evidenceBlock(k.evidence);
    if (words) card.appendChild(words);
    card.appendChild(el("div", "iri", k.short));
    return card;
  }
  function edgeCard(e) {
    var k = e.kg;
    var from = nodes.get(e.from), to = nodes.get(e.to);
    var card = el("div", "card", el("div", "card-title",
      (from ? title(from) : e.from) + " → " + k.label + " → " + (to ? title(to) : e.to)));
    if (k.attested_at && k.attested_at.length) card.appendChild(el("div", null, T.attested + ": " + k.attested_at.join(", ")));
    if (k.start || k.end) card.appendChild(el("div", null, (k.start || "…") + " – " + (k.end || "…")));
    var src = sourcesLine(k.sources, k.context_sources);
    if (src) card.appendChild(src);
    var words = evidenceBlock(k.evidence);
    if (words) card.appendChild(words);
    if (k.citations && k.citations.length) {
      var list = el("ul", "evidence");
      k.citations.forEach(function (c) { var line = citation(c); if (line) list.appendChild(el("li", null, line)); });
      card.appendChild(el("div", null, el("div", "section", T.sources), list));
    }
    card.appendChild(el("div", "iri", k.property + " · " + T.graphs + " " + k.graphs.join(", ")));
    return card;
  }

  // --- the network ---------------------------------------------------------------------------------
  // A large graph goes to vis-network in slices, each in a task of its own: the page never freezes for
  // the whole of it (at 2,000 nodes and 5,000 edges, one go held it for 0.6 s and more).
  var SLICE = { nodes: 1000, edges: 2500 };
  var large = data.nodes.length > SLICE.nodes || data.edges.length > SLICE.edges;
  var nodes = new vis.DataSet(large ? data.nodes.slice(0, SLICE.nodes) : data.nodes);
  var edges = new vis.DataSet(large ? [] : data.edges);
  var neighbours = {};
  data.nodes.forEach(function (n) { neighbours[n.id] = []; });
  data.edges.forEach(function (e) {
    if (e.from !== e.to) { neighbours[e.from].push(e.to); neighbours[e.to].push(e.from); }
  });

  // Filters: kind, status, domain (undertakings in it, and what they touch), years; and a focus.
  var state = { hiddenKind: {}, hiddenStatus: {}, domain: "", from: null, to: null, focus: null };
  var shown = {};
  function inYears(years) {
    if (!years || !years.length || state.from === null) return true;
    for (var i = 0; i < years.length; i++) if (years[i] >= state.from && years[i] <= state.to) return true;
    return false;
  }
  function passes(n) {
    var k = n.kg;
    if (state.hiddenKind[k.category]) return false;
    if (k.status && state.hiddenStatus[k.status]) return false;
    if (state.domain && k.status && k.domains.indexOf(state.domain) < 0) return false;
    if (state.domain && k.category === "Domain" && n.id !== state.domain) return false;
    return inYears(k.years);
  }
  function compute() {
    var pass = {};
    data.nodes.forEach(function (n) { if (passes(n)) pass[n.id] = true; });
    if (state.focus) {
      var keep = {};
      keep[state.focus] = true;
      neighbours[state.focus].forEach(function (m) { keep[m] = true; });
      Object.keys(pass).forEach(function (id) { if (!keep[id]) delete pass[id]; });
    }
    // a node with no link left to another passing node goes too, so no domain or person floats alone: a
    // link outside the years (a 2024 article's) does not hold up a node the years keep (a state, in 2008)
    var held = {};
    data.edges.forEach(function (e) {
      if (e.from === e.to || !pass[e.from] || !pass[e.to] || !inYears(e.kg.years)) return;
      held[e.from] = true;
      held[e.to] = true;
    });
    shown = {};
    Object.keys(pass).forEach(function (id) {
      if (!neighbours[id].length || id === state.focus || held[id]) shown[id] = true;
    });
  }
  compute();
  var nodeView = new vis.DataView(nodes, { filter: function (n) { return !!shown[n.id]; } });
  var edgeView = new vis.DataView(edges, { filter: function (e) {
    return !!shown[e.from] && !!shown[e.to] && inYears(e.kg.years);
  } });

  // the network is built in a task of its own, so that no one task holds the page for long
  setTimeout(start, 0);
  function start() {
  var container = document.getElementById("network");
  var network = new vis.Network(container, { nodes: nodeView, edges: edgeView }, data.options);
  view.network = network;
  view.nodes = nodes;
  view.edges = edges;
  view.state = state;
  view.visibleCounts = function () { return { nodes: nodeView.length, edges: edgeView.length }; };
  view.visibleIds = function () { return nodeView.getIds().sort(); };
  view.visibleLinks = function () { return edgeView.get().map(function (e) { return [e.from, e.to]; }); };
  container.setAttribute("aria-label", T.title);

  function updateCounts() {
    var c = view.visibleCounts();
    document.getElementById("counts").textContent = c.nodes + " " + T.nodes + " · " + c.edges + " " + T.edges;
  }
  function refresh() {
    compute();
    nodeView.refresh();
    edgeView.refresh();
    updateCounts();
  }
  function ready() {
    network.body.emitter.emit("_allowRedraw");
    network.fit({ animation: false });
    network.once("afterDrawing", function () {
      view.stable = true;
      view.stableMs = Math.round(performance.now() - t0);
      document.body.setAttribute("data-stable", "true");
    });
    network.redraw();
    updateCounts();
  }
  if (large) {
    // no drawing of a half-loaded graph (vis-network 9.1.2's own switch, the one it uses while it stabilises)
    network.body.emitter.emit("_blockRedraw");
    var slices = [];
    for (var i = SLICE.nodes; i < data.nodes.length; i += SLICE.nodes) slices.push([nodes, data.nodes.slice(i, i + SLICE.nodes)]);
    for (var j = 0; j < data.edges.length; j += SLICE.edges) slices.push([edges, data.edges.slice(j, j + SLICE.edges)]);
    var next = function () {
      if (!slices.length) { ready(); return; }
      var s = slices.shift();
      s[0].add(s[1]);
      setTimeout(next, 0);
    };
    setTimeout(next, 0);
  } else ready();
  // dragged nodes stay where they are put, also after a filter hides and shows them again
  network.on("dragEnd", function (p) {
    if (!p.nodes.length) return;
    var at = network.getPositions(p.nodes);
    nodes.update(p.nodes.map(function (id) { return { id: id, x: at[id].x, y: at[id].y }; }));
  });

  // Selecting a node shows its neighbours and dims the rest.
  var fonts = {};
  data.nodes.forEach(function (n) { fonts[n.id] = n.font || {}; });
  var dimmed = {};
  function highlight(id) {
    var keep = {};
    if (id !== null) { keep[id] = true; neighbours[id].forEach(function (m) { keep[m] = true; }); }
    var nodeUpdates = [], edgeUpdates = [];
    data.nodes.forEach(function (n) {
      var dim = id !== null && !keep[n.id];
      if (!!dimmed[n.id] === dim) return;
      dimmed[n.id] = dim;
      var font = {};
      Object.keys(fonts[n.id]).forEach(function (k) { font[k] = fonts[n.id][k]; });
      font.color = dim ? "rgba(27,27,27,0.25)" : (fonts[n.id].color || "#1b1b1b");
      nodeUpdates.push({ id: n.id, opacity: dim ? 0.15 : 1, font: font });
    });
    data.edges.forEach(function (e) {
      var dim = id !== null && e.from !== id && e.to !== id;
      if (!!dimmed[e.id] === dim) return;
      dimmed[e.id] = dim;
      edgeUpdates.push({ id: e.id, color: { color: e.color.color, opacity: dim ? 0.08 : e.color.opacity } });
    });
    if (nodeUpdates.length) nodes.update(nodeUpdates);
    if (edgeUpdates.length) edges.update(edgeUpdates);
  }
  view.dimmed = function () { return Object.keys(dimmed).filter(function (k) { return dimmed[k] && nodes.get(k); }).sort(); };

  var panel = document.getElementById("panel");
  var panelBody = document.getElementById("panel-body");
  function showCard(card) {
    clear(panelBody);
    if (card) { panelBody.appendChild(card); panel.hidden = false; } else { panel.hidden = true; }
  }
  function selectNode(id, open) {
    network.selectNodes([id]);
    highlight(id);
    if (open) showCard(nodeCard(nodes.get(id)));
  }
  network.on("click", function (p) {
    if (p.nodes.length) { selectNode(p.nodes[0], true); return; }
    highlight(null);
    showCard(p.edges.length ? edgeCard(edges.get(p.edges[0])) : null);
  });

  // A double click focuses on a node's neighbourhood; "Full view" (or Escape) comes back.
  var fullView = document.getElementById("full-view");
  fullView.textContent = T.full_view;
  var focusNote = document.getElementById("focus-note");
  function focusOn(id) {
    state.focus = id;
    refresh();
    fullView.hidden = false;
    focusNote.textContent = T.focus + " " + title(nodes.get(id));
    selectNode(id, true);
    network.fit({ nodes: nodeView.getIds(), animation: false });
  }
  function backToFull() {
    state.focus = null;
    refresh();
    fullView.hidden = true;
    focusNote.textContent = "";
    network.unselectAll();
    highlight(null);
    network.fit({ animation: false });
  }
  view.focusOn = focusOn;
  view.backToFull = backToFull;
  network.on("doubleClick", function (p) { if (p.nodes.length) focusOn(p.nodes[0]); });
  fullView.addEventListener("click", backToFull);

  // Search: matches are selected and their neighbours kept bright; Enter opens the first one.
  var search = document.getElementById("search");
  search.placeholder = T.search;
  search.setAttribute("aria-label", T.search);
  var matches = [];
  search.addEventListener("input", function () {
    var q = search.value.trim().toLowerCase();
    var count = document.getElementById("search-count");
    if (!q) { matches = []; network.unselectAll(); highlight(null); count.textContent = ""; return; }
    matches = nodeView.getIds({ filter: function (n) {
      return (n.kg.labels.fr + " " + n.kg.labels.en + " " + n.kg.short).toLowerCase().indexOf(q) >= 0;
    } }).sort();
    network.selectNodes(matches);
    count.textContent = matches.length + " " + T.matches;
    if (matches.length) network.focus(matches[0], { scale: Math.max(network.getScale(), 1), animation: false });
  });
  search.addEventListener("keydown", function (ev) {
    if (ev.key === "Enter" && matches.length) { ev.preventDefault(); selectNode(matches[0], true); }
  });

  // Keyboard: "/" goes to the search box, Escape closes the card, then leaves a focus, then clears.
  document.addEventListener("keydown", function (ev) {
    var typing = /^(INPUT|SELECT|TEXTAREA)$/.test(document.activeElement.tagName) && document.activeElement.type !== "checkbox";
    if (ev.key === "/" && !typing) { ev.preventDefault(); search.focus(); search.select(); return; }
    if (ev.key === "Escape") {
      if (!panel.hidden) { panel.hidden = true; return; }
      if (state.focus) { backToFull(); return; }
      if (search.value) { search.value = ""; search.dispatchEvent(new Event("input")); }
      network.unselectAll();
      highlight(null);
    }
  });

  // --- filters ---------------------------------------------------------------------------------------
  var filters = document.getElementById("filters");
  filters.querySelector("summary").textContent = T.filters;
  if (window.matchMedia("(min-width: 900px)").matches) filters.open = true;

  function checkbox(value, group, labelText, symbol, onChange) {
    var box = el("input");
    box.type = "checkbox";
    box.checked = true;
    box.value = value;
    box.name = group;
    box.addEventListener("change", function () { onChange(!box.checked); refresh(); });
    return el("label", null, box, symbol, labelText);
  }
  var kindBox = document.getElementById("kind-filter");
  kindBox.appendChild(el("legend", null, T.kinds));
  data.kinds.forEach(function (k) {
    kindBox.appendChild(checkbox(k.category, "kind", k.label + " (" + k.count + ")", icon(k.shape, k.colour, false),
      function (hidden) { state.hiddenKind[k.category] = hidden; }));
  });
  var statusBox = document.getElementById("status-filter");
  if (data.statuses.length) {
    statusBox.appendChild(el("legend", null, T.status));
    data.statuses.forEach(function (s) {
      statusBox.appendChild(checkbox(s.key, "status", s.label, icon("box", s.colour, s.dashes),
        function (hidden) { state.hiddenStatus[s.status] = hidden; }));
    });
  } else statusBox.hidden = true;

  var select = document.getElementById("domain-filter");
  if (data.domains.length) {
    document.getElementById("domain-label").insertBefore(document.createTextNode(T.domain + " "), select);
    select.appendChild(el("option", null, T.all));
    select.firstChild.value = "";
    data.domains.forEach(function (d) { var o = el("option", null, d.label); o.value = d.iri; select.appendChild(o); });
    select.addEventListener("change", function () { state.domain = select.value; refresh(); });
  } else document.getElementById("domain-box").hidden = true;

  var yearBox = document.getElementById("year-filter");
  if (data.years.length) {
    state.from = data.years[0];
    state.to = data.years[1];
    yearBox.appendChild(el("legend", null, T.years));
    var inputs = ["from", "to"].map(function (which) {
      var input = el("input");
      input.type = "number";
      input.min = data.years[0];
      input.max = data.years[1];
      input.step = 1;
      input.value = which === "from" ? data.years[0] : data.years[1];
      input.id = "year-" + which;
      input.addEventListener("change", function () {
        var v = parseInt(input.value, 10);
        if (isNaN(v)) v = which === "from" ? data.years[0] : data.years[1];
        state[which] = Math.min(Math.max(v, data.years[0]), data.years[1]);
        input.value = state[which];
        refresh();
      });
      yearBox.appendChild(el("label", null, T[which] + " ", input));
      return input;
    });
    view.yearInputs = inputs;
  } else yearBox.hidden = true;

  // --- legend: the kind and status filters draw each shape and fill they name; here, both dashes ------
  var legend = document.getElementById("legend");
  legend.setAttribute("aria-label", T.legend);
  if (data.statuses.length) legend.appendChild(el("div", "dash-note", icon("box", "#ffffff", true), T.dashed_box));
  legend.appendChild(el("div", "dash-note", lineIcon(false), T.solid_line));
  legend.appendChild(el("div", "dash-note", lineIcon(true), T.dashed_line));
  legend.appendChild(el("div", "dash-note", T.help));

  var close = document.getElementById("panel-close");
  close.textContent = T.close;
  close.addEventListener("click", function () { panel.hidden = true; });
  updateCounts();
  }
})();
