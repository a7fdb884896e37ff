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
  var byId = {};
  data.nodes.forEach(function (n) { byId[n.id] = n; });
  var edgesOf = {};  // a node's links, once: a click reads its own few, not all 5,000 of a large graph
  data.nodes.forEach(function (n) { edgesOf[n.id] = []; });
  data.edges.forEach(function (e) {
    if (edgesOf[e.from]) edgesOf[e.from].push(e);
    if (e.to !== e.from && edgesOf[e.to]) edgesOf[e.to].push(e);
  });

  function citation(c) {
    if (!c || !c.title) return null;
    var line = el("span", "cite", "— ", el("cite", null, c.title));
    if (c.publisher) line.appendChild(document.createTextNode(", " + c.publisher));
    if (c.date) line.appendChild(document.createTextNode(", " + c.date));
    if (c.url && /^https?:\/\//.test(c.url)) { line.appendChild(document.createTextNode(" · ")); line.appendChild(link(c.url, T.link)); }
    return line;
  }
  // The project's own article retells a report: say so, and cite the report it retells, with its address
  function retelling(c) {
    if (!c || !c.retells || !/^https?:\/\//.test(c.retells)) return null;
    var host = c.retells.replace(/^https?:\/\/([^\/]+).*$/, "$1");
    var line = el("span", "retelling", T.retelling + " · " + T.original + ": ", link(c.retells, host));
    if (c.retells_note) line.appendChild(document.createTextNode(" — " + c.retells_note));
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
  // A source's words: never someone's own words (only a statement's quotation is); on whose word the
  // claim rests is said as such, and a retelling is marked as the project's
  function evidenceBlock(evidence) {
    if (!evidence || !evidence.length) return null;
    var list = el("ul", "evidence");
    var seen = {};
    evidence.forEach(function (e) {
      var key = (e.source ? e.source.iri : "") + "|" + e.start + ":" + e.end + "|" + e.exact;
      if (seen[key]) return;
      seen[key] = true;
      var told = retelling(e.source);
      list.appendChild(el("li", told ? "retold" : null, told ? el("span", null, e.exact) : el("q", null, e.exact),
        e.speaker ? el("span", "speaker", " — " + T.according_to + " " + e.speaker) : null, citation(e.source), told));
    });
    return el("div", null, el("div", "section", T.words), list);
  }
  function title(n) { return n.kg.labels[data.lang] || n.kg.labels.en || n.kg.labels.fr || n.kg.short; }
  function nameOf(id) { return byId[id] ? title(byId[id]) : id; }
  function goButton(id, text) {
    var b = el("button", null, text);
    b.type = "button";
    b.setAttribute("data-node", id);
    b.addEventListener("click", function () { view.openNode(id); });
    return b;
  }
  function unique(xs) { return xs.filter(function (x, i) { return xs.indexOf(x) === i; }); }
  function linksOf(id, property, end) {  // the data's links of a node, shown or not
    return (edgesOf[id] || []).filter(function (e) { return e.kg.property === property && e[end] === id; });
  }
  function officesBlock(id) {  // a person's tenures: the office, when, where attested
    var held = linksOf(id, "cd:office", "from");
    if (!held.length) return null;
    var list = el("ul", "linked");
    held.forEach(function (e) {
      var when = [];
      if (e.kg.start || e.kg.end) when.push((e.kg.start || "…") + " – " + (e.kg.end || "…"));
      if (e.kg.attested_at && e.kg.attested_at.length) when.push(T.attested + ": " + unique(e.kg.attested_at).join(", "));
      list.appendChild(el("li", null, goButton(e.to, nameOf(e.to)), when.length ? el("span", "from", when.join(" · ")) : null));
    });
    return el("div", null, el("div", "section", T.offices), list);
  }
  function statementsBlock(id) {  // a person's words: the statements they are the speaker of
    var said = linksOf(id, "cd:speaker", "to");
    if (!said.length) return null;
    var list = el("ul", "evidence");
    said.forEach(function (e) {
      var st = byId[e.from];
      if (!st) return;
      var at = linksOf(e.from, "cd:statedAt", "from").map(function (x) { return nameOf(x.to); });
      var source = (st.kg.evidence[0] || {}).source;
      list.appendChild(el("li", null, st.kg.quotation ? el("q", "quotation", st.kg.quotation) : title(st),
        at.length ? el("span", "from", " — " + T.stated_at + " " + at.join(", ")) : null,
        citation(source), retelling(source), goButton(e.from, title(st))));
    });
    return el("div", null, el("div", "section", T.their_words), list);
  }
  function linkedBlock(id) {  // every neighbour, a button: the graph can be walked from the keyboard
    var seen = {}, items = [];
    (edgesOf[id] || []).forEach(function (e) {
      if (e.from === e.to || (e.from !== id && e.to !== id)) return;
      var other = e.from === id ? e.to : e.from;
      var key = other + "|" + e.kg.label;
      if (seen[key]) return;
      seen[key] = true;
      // said in the link's own direction, as a sentence reads: "office held: President of France", and
      // "Kazakh heritage exhibition in Paris — put forward by: Emmanuel Macron" (not "put forward by ← …")
      items.push(e.from === id ? ["0" + e.kg.label + nameOf(other), other, e.kg.label + ": " + nameOf(other)]
        : ["1" + nameOf(other) + e.kg.label, other, nameOf(other) + " — " + e.kg.label + ": " + nameOf(id)]);
    });
    if (!items.length) return null;
    items.sort(function (a, b) { return a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0; });
    items = items.map(function (it) { return [it[2], it[1]]; });
    var list = el("ul", "linked");
    items.forEach(function (it) { list.appendChild(el("li", null, goButton(it[1], it[0]))); });
    return el("div", null, el("div", "section", T.linked), list);
  }
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
      card.appendChild(el("div", null, T.domain + ": " + k.domains.map(function (d) {
        return domainLabels[d] || k.domain_labels[d] || d; }).join(", ")));
    }
    if (k.quotation) {  // a statement: its own words, and who said them
      var by = linksOf(n.id, "cd:speaker", "from").map(function (e) { return nameOf(e.to); });
      card.appendChild(el("div", null, el("q", "quotation", k.quotation), by.length ? el("span", "speaker", " — " + T.said_by + " " + by.join(", ")) : null));
    }
    (data.timelines[n.id] || []).forEach(function (t) {  // a state's relations over time, each a page
      var a = el("a", null, T.timeline + ": " + T.timeline_with + " " + t["with"]);
      a.href = t.href;
      card.appendChild(el("div", "timeline-link", a));
    });
    if (k.wikidata) card.appendChild(el("div", null, wikidataLink(k.wikidata)));
    if (k.description) card.appendChild(el("div", "desc", k.description));
    [officesBlock(n.id), statementsBlock(n.id)].forEach(function (b) { if (b) card.appendChild(b); });
    var from = sourcesLine(k.sources, []);
    if (from) card.appendChild(from);
    var words = evidenceBlock(k.evidence);
    if (words) card.appendChild(words);
    var linked = linkedBlock(n.id);
    if (linked) card.appendChild(linked);
    card.appendChild(el("div", "iri", k.short));
    return card;
  }
  function edgeCard(e) {
    var k = e.kg;
    var card = el("div", "card", el("div", "card-title", nameOf(e.from) + " → " + k.label + " → " + nameOf(e.to)));
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
    var ends = el("ul", "linked");
    [e.from, e.to].forEach(function (id) { ends.appendChild(el("li", null, goButton(id, nameOf(id)))); });
    card.appendChild(ends);
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
    return inYears(k.years);
  }
  function compute() {
    var pass = {};
    data.nodes.forEach(function (n) { if (passes(n)) pass[n.id] = true; });
    if (state.domain) {  // a domain: its undertakings, the domain, and what those undertakings connect
      var keepD = {};
      keepD[state.domain] = true;
      data.nodes.forEach(function (n) {
        if (!n.kg.status || !pass[n.id] || n.kg.domains.indexOf(state.domain) < 0) return;
        keepD[n.id] = true;
        // what it connects, but no other undertaking: one outside the domain is not in it
        neighbours[n.id].forEach(function (m) { if (!byId[m].kg.status) keepD[m] = true; });
      });
      Object.keys(pass).forEach(function (id) { if (!keepD[id]) delete pass[id]; });
    }
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

  // --- what is drawn: a label at LEGIBLE px or more, at full opacity, or none ------------------------
  // vis-network fades a label below its threshold and draws the dimmed at a quarter of their ink; here a
  // label is drawn whole or not at all, a dimmed element's label not at all, and (most connected first) a
  // label that would cover another label is left out: no two labels overlap at any zoom. Shapes do not
  // overlap either: the layout keeps them apart (at scale, within the spacing of kg/view.py's _grouped).
  var LEGIBLE = data.legible;
  var INSIDE = { box: true, ellipse: true, circle: true, database: true, text: true };
  var bright = {}, selected = null, brightEdges = [];
  function dim(id) { return selected !== null && !bright[id]; }  // dimmed: not around the selection
  var occupied = null;
  var home = null, measuring = false, extents = {}, routes = {};  // a neighbourhood's own layout (see layOut)
  var CELL = 64;
  function occupy(r, id) {
    for (var cx = Math.floor(r.l / CELL); cx <= Math.floor(r.r / CELL); cx++) {
      for (var cy = Math.floor(r.t / CELL); cy <= Math.floor(r.b / CELL); cy++) {
        var key = cx + "," + cy;
        (occupied[key] || (occupied[key] = [])).push([r, id]);
      }
    }
  }
  function taken(r, id) {
    for (var cx = Math.floor(r.l / CELL); cx <= Math.floor(r.r / CELL); cx++) {
      for (var cy = Math.floor(r.t / CELL); cy <= Math.floor(r.b / CELL); cy++) {
        var here = occupied[cx + "," + cy];
        if (!here) continue;
        for (var i = 0; i < here.length; i++) {
          var o = here[i][0];
          if (here[i][1] !== id && o.l < r.r && r.l < o.r && o.t < r.b && r.t < o.b) return true;
        }
      }
    }
    return false;
  }
  var patched = false, edgesPatched = false;
  function patch(network) {
    patchEdges(network);  // a large graph's links arrive after its first nodes
    var ids = Object.keys(network.body.nodes);
    if (patched || !ids.length) return;
    patched = true;
    var aNode = network.body.nodes[ids[0]];
    var NodeP = Object.getPrototypeOf(aNode), LabelP = Object.getPrototypeOf(aNode.labelModule);
    var nodeOk = internals("Node", NodeP, ["draw", "isOverlappingWith"]);
    if (!internals("Label", LabelP, ["draw", "visible", "calculateLabelSize", "getTextSize", "differentState"]) ||
        !nodeOk) return;
    var nodeDraw = NodeP.draw, labelDraw = LabelP.draw;
    NodeP.draw = function (ctx) {
      this.labelModule.__kg = this.id;
      this.labelModule.__inside = !!INSIDE[this.options.shape];
      if (!dim(this.id)) return nodeDraw.call(this, ctx);
      var alpha = ctx.globalAlpha;  // not save/restore: the whole canvas state, for each of 2,000 nodes
      ctx.globalAlpha = 0.15;
      try { return nodeDraw.call(this, ctx); } finally { ctx.globalAlpha = alpha; }
    };
    LabelP.draw = function (ctx, x, y, selected, hover, baseline) {
      var id = this.__kg;
      this.__drawn = false;
      if (id === undefined || this.elementOptions.label === undefined) return;
      if (dim(id) || this.fontOptions.size * this.body.view.scale < LEGIBLE - 0.001) return;
      if (this.isEdgeLabel && !bright[id]) return;  // a link is named around a selection, where it is read
      if (occupied) {  // a box's own name is inside it: it takes its room, and is never left out for another
        this.calculateLabelSize(ctx, selected, hover, x, y, baseline || "middle");
        var v = this.body.view, sz = this.size;
        var r = { l: sz.left * v.scale + v.translation.x, r: (sz.left + sz.width) * v.scale + v.translation.x,
                  t: sz.top * v.scale + v.translation.y, b: (sz.top + sz.height) * v.scale + v.translation.y };
        // a neighbourhood laid out on its own (layOut): a link's name that would cover a node is left out
        if (this.isEdgeLabel && home && taken(r, id)) return;
        if (!this.isEdgeLabel && !this.__inside && !measuring && taken(r, id)) {
          if (!bright[id]) return;
          // a selection's neighbour keeps its name: moved a line or a few down or up, where it is free
          var step = sz.height * v.scale, moves = [1, -1, 2, -2, 3, -3];
          for (var i = 0; i < moves.length; i++) {
            var moved = { l: r.l, r: r.r, t: r.t + moves[i] * step, b: r.b + moves[i] * step };
            if (!taken(moved, id)) { r = moved; y += moves[i] * sz.height; break; }
          }
        }
        occupy(r, id);
      }
      this.__drawn = true;
      return labelDraw.call(this, ctx, x, y, selected, hover, baseline);
    };
    // a label not drawn is not there to hover or click either; a drawn one may lie over another node's shape
    // (never over another label): the pointer then finds the shape, so hover and click name the same node
    LabelP.visible = function () { return !!this.__drawn; };
    NodeP.isOverlappingWith = function (obj) {
      if (inShape(this, obj)) return true;
      var sz = this.labelModule.size;
      if (!this.labelModule.__drawn || !sz || !(obj.left < sz.left + sz.width && obj.right > sz.left &&
          obj.top < sz.top + sz.height && obj.bottom > sz.top)) return false;
      return !shapeAt(obj);
    };
  }
  function patchEdges(network) {
    var anEdge = network.body.edges[Object.keys(network.body.edges)[0]];
    if (anEdge && !edgesPatched) {
      edgesPatched = true;
      var EdgeP = Object.getPrototypeOf(anEdge);
      if (!internals("Edge", EdgeP, ["draw", "drawArrows", "getFormattingValues", "isOverlappingWith"])) return;
      ["draw", "drawArrows"].forEach(function (m) {
        var own = EdgeP[m], routed = m === "draw" ? drawRoute : drawRouteArrow;
        var orig = function (ctx) {
          var route = home && routes[this.id];
          return route ? routed(this, ctx, route) : own.apply(this, arguments);
        };
        EdgeP[m] = function (ctx) {
          this.labelModule.__kg = this.id;
          if (!dim(this.id)) return orig.apply(this, arguments);
          if (large) return;  // at scale a selection draws its own links only: thousands of faint ones cost 0.1 s
          ctx.save();
          ctx.globalAlpha = 0.08;
          try { return orig.apply(this, arguments); } finally { ctx.restore(); }
        };
      });
      var overlaps = EdgeP.isOverlappingWith;
      EdgeP.isOverlappingWith = function (obj) {
        var route = home && routes[this.id];
        return route ? nearRoute(route, obj.left, obj.top) < 10 : overlaps.call(this, obj);
      };
      // at scale, with a node selected, the renderer visits its few bright links, not all 5,000 (each a
      // call that drew nothing: 10,000 calls a frame, the slowest part of a click's redraw)
      var R = network.renderer;
      if (!internals("Renderer", R, ["_drawEdges", "_drawArrows"])) return;
      ["_drawEdges", "_drawArrows"].forEach(function (m) {
        var all = R[m], one = m === "_drawEdges" ? "draw" : "drawArrows";
        R[m] = function (ctx) {
          if (!large || selected === null) return all.call(this, ctx);
          var body = this.body;
          brightEdges.forEach(function (id) { var e = body.edges[id]; if (e && e.connected === true) e[one](ctx); });
        };
      });
    }
  }
  // vis-network 9.1.2's internals patched here (kg/view.py refuses another version): if one is gone, the page
  // says so on the console (every browser test fails on it) and draws by vis-network's own rules
  function internals(what, proto, names) {
    var missing = names.filter(function (m) { return typeof proto[m] !== "function"; });
    var r = view.network.renderer;  // what the _requestRedraw, _blockRedraw and _allowRedraw events drive
    if (what === "Node" && !(r && typeof r._requestRedraw === "function" && typeof r.allowRedraw === "boolean")) {
      missing.push("renderer _requestRedraw/allowRedraw");
    }
    if (missing.length) console.error("kg view: vis-network internals changed, not patched: " + what + " " + missing.join(", "));
    return !missing.length;
  }
  view.internals = internals;
  function inShape(n, obj) {
    var w = (n.shape.width || 2 * n.options.size) / 2, h = (n.shape.height || 2 * n.options.size) / 2;
    return obj.left < n.x + w && obj.right > n.x - w && obj.top < n.y + h && obj.bottom > n.y - h;
  }
  var lastAt = { key: null, hit: false };
  function shapeAt(obj) {  // is any drawn node's shape under the pointer (asked once per pointer position)
    var key = obj.left + "," + obj.top + "," + obj.right + "," + obj.bottom;
    if (lastAt.key === key) return lastAt.hit;
    var body = view.network.body, hit = false;
    for (var i = 0; i < body.nodeIndices.length && !hit; i++) hit = inShape(body.nodes[body.nodeIndices[i]], obj);
    lastAt = { key: key, hit: hit };
    return hit;
  }
  function newFrame() {
    occupied = {};
    lastAt = { key: null, hit: false };
    if (!home || measuring) return;
    // the nodes of a laid-out neighbourhood take their room first: the links' names, drawn before the
    // nodes, go only where no node is
    var v = view.network.body.view, b = view.network.body.nodes;
    Object.keys(extents).forEach(function (id) {
      var n = b[id], e = extents[id];
      if (!n) return;
      occupy({ l: (n.x - e.l) * v.scale + v.translation.x, r: (n.x + e.r) * v.scale + v.translation.x,
               t: (n.y - e.t) * v.scale + v.translation.y, b: (n.y + e.b) * v.scale + v.translation.y }, id);
    });
  }

  // A routed link (a laid-out neighbourhood's): its line through its points, its arrow at the last, its name
  // where the layout left room for it; hovered and clicked along its line
  view.routes = function () { return home ? routes : null; };
  function drawRoute(edge, ctx, route) {
    var v = edge.getFormattingValues();
    if (v.hidden) return;
    var pts = route.pts;
    ctx.save();
    ctx.strokeStyle = v.color;
    ctx.globalAlpha *= v.opacity;
    ctx.lineWidth = v.width;
    ctx.setLineDash(v.dashes ? (Array.isArray(v.dashes) ? v.dashes : [5, 5]) : []);
    ctx.beginPath();
    ctx.moveTo(pts[0][0], pts[0][1]);
    for (var i = 1; i < pts.length; i++) ctx.lineTo(pts[i][0], pts[i][1]);
    ctx.stroke();
    ctx.restore();
    if (edge.options.label === undefined) return;
    if (edge.labelModule.differentState(edge.selected, edge.hover)) edge.labelModule.getTextSize(ctx, edge.selected, edge.hover);
    edge.labelModule.draw(ctx, route.name[0], route.name[1], edge.selected, edge.hover);
  }
  function drawRouteArrow(edge, ctx, route) {
    var v = edge.getFormattingValues();
    if (v.hidden || !v.toArrow) return;
    var pts = route.pts, end = pts[pts.length - 1], prev = pts[pts.length - 2], n = edge.to;
    var dir = prev[0] < end[0] ? -1 : 1, w = (n.shape.width || 2 * n.options.size) / 2;
    var len = 15 * (v.toArrowScale || 0.5) + 3 * v.width, tip = end[0] + dir * w;
    ctx.save();
    ctx.fillStyle = v.color;
    ctx.globalAlpha *= v.opacity;
    ctx.beginPath();
    ctx.moveTo(tip, end[1]);
    ctx.lineTo(tip + dir * len, end[1] - len * 0.35);
    ctx.lineTo(tip + dir * len, end[1] + len * 0.35);
    ctx.closePath();
    ctx.fill();
    ctx.restore();
  }
  function nearRoute(route, x, y) {  // the distance from a point to a routed link's line
    var best = Infinity, pts = route.pts;
    for (var i = 1; i < pts.length; i++) {
      var ax = pts[i - 1][0], ay = pts[i - 1][1], dx = pts[i][0] - ax, dy = pts[i][1] - ay;
      var t = dx || dy ? Math.max(0, Math.min(1, ((x - ax) * dx + (y - ay) * dy) / (dx * dx + dy * dy))) : 0;
      best = Math.min(best, Math.hypot(ax + t * dx - x, ay + t * dy - y));
    }
    return best;
  }
  // the network is built in a task of its own, so that no one task holds the page for long
  setTimeout(start, 0);
  function start() {
  var container = document.getElementById("network");
  // on a wide screen the filters, which draw every shape and fill, are open; the legend is one click away.
  // Opened before the network measures its room: opened after, they shrink it, and vis-network's resize
  // then rescales whatever view was set (the opening zoom, 0.475 → 0.417 at 1440×900)
  if (window.matchMedia("(min-width: 900px)").matches) document.getElementById("filters").open = true;
  var network = new vis.Network(container, { nodes: nodeView, edges: edgeView }, data.options);
  view.network = network;
  view.nodes = nodes;
  view.edges = edges;
  view.state = state;
  view.visibleCounts = function () { return { nodes: nodeView.length, edges: edgeView.length }; };
  view.visibleIds = function () { return nodeView.getIds().sort(); };
  view.visibleLinks = function () { return edgeView.get().map(function (e) { return [e.from, e.to]; }); };
  container.setAttribute("aria-label", T.title);
  patch(network);
  network.on("beforeDrawing", function () { patch(network); newFrame(); });

  var kindCounts = {};
  function updateCounts() {
    var c = view.visibleCounts();
    document.getElementById("counts").textContent = c.nodes + " " + T.nodes + " · " + c.edges + " " + T.edges;
    var per = {};
    nodeView.get().forEach(function (n) { per[n.kg.category] = (per[n.kg.category] || 0) + 1; });
    data.kinds.forEach(function (k) {
      var span = kindCounts[k.category];
      if (!span) return;
      var now = per[k.category] || 0;
      span.textContent = " (" + (now === k.count ? k.count : now + " " + T.of + " " + k.count) + ")";
    });
  }
  function refresh() {
    compute();
    nodeView.refresh();
    edgeView.refresh();
    updateCounts();
  }
  // The opening view: the whole graph where the most connected names read at that zoom; else the zoom at
  // which the names of the most connected (up to HUBS, as many as fit the screen) are LEGIBLE, the rest of
  // the graph around them as far as the screen goes, and "Full view" one click away.
  var HUBS = 8;
  function opening() {
    network.setSize("100%", "100%");  // the room as it is now (vis-network's own resize check comes later)
    network.fit({ animation: false });
    var whole = network.getScale();
    var room = container.getBoundingClientRect(), margin = 24;
    var hubs = data.nodes.filter(function (n) { return shown[n.id]; }).slice(0, HUBS);  // most connected first
    var best = null, box = null, font = Infinity;
    for (var i = 0; i < hubs.length; i++) {
      var n = hubs[i], f = (n.font && n.font.size) || 14, lines = String(n.label || "").split("\n");
      var half = Math.max(n.size || 10, Math.max.apply(null, lines.map(function (l) { return l.length; })) * f * 0.31);
      var tall = (n.size || 10) + lines.length * f * 1.3;
      var b = { l: n.x - half, r: n.x + half, t: n.y - tall, b: n.y + tall };
      box = box ? { l: Math.min(box.l, b.l), r: Math.max(box.r, b.r), t: Math.min(box.t, b.t), b: Math.max(box.b, b.b) } : b;
      font = Math.min(font, f);
      var scale = LEGIBLE * 1.02 / font;
      if ((box.r - box.l) * scale > room.width - 2 * margin || (box.b - box.t) * scale > room.height - 2 * margin) break;
      best = { scale: scale, box: box, hubs: i + 1 };
    }
    view.opening = { whole: whole, hubs: best ? best.hubs : 0 };
    if (!best || best.scale <= whole) return;
    // centred where the whole graph is, moved only as far as the hubs need to stay on screen
    var centre = network.getViewPosition(), w = (room.width - 2 * margin) / 2 / best.scale,
        h = (room.height - 2 * margin) / 2 / best.scale;
    var x = Math.min(Math.max(centre.x, best.box.r - w), best.box.l + w);
    var y = Math.min(Math.max(centre.y, best.box.b - h), best.box.t + h);
    network.moveTo({ position: { x: x, y: y }, scale: best.scale, animation: false });
    document.getElementById("full-view").hidden = false;
  }
  function ready() {
    network.body.emitter.emit("_allowRedraw");
    opening();
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
      if (!slices.length) { patch(network); ready(); return; }
      var s = slices.shift();
      s[0].add(s[1]);
      setTimeout(next, 0);
    };
    setTimeout(next, 0);
  }  // else ready() at the end of start(), once the filters above the graph are filled: the room is final
  // dragged nodes stay where they are put, also after a filter hides and shows them again
  network.on("dragEnd", function (p) {
    if (!p.nodes.length || home) return;  // a neighbourhood's own layout is not where the nodes live
    var at = network.getPositions(p.nodes);
    nodes.update(p.nodes.map(function (id) { return { id: id, x: at[id].x, y: at[id].y }; }));
  });

  // Selecting a node keeps its neighbours and their links bright, their names (and the links') at a
  // legible size whatever the zoom; the rest dims and loses its labels. Flags read while drawing: no
  // data set is rewritten but the few enlarged labels, so a click on 2,000 nodes answers at once.
  var fonts = {};
  data.nodes.forEach(function (n) { fonts[n.id] = n.font || {}; });
  var edgeFont = (data.options.edges && data.options.edges.font && data.options.edges.font.size) || 11;
  var edgeAlign = (data.options.edges && data.options.edges.font && data.options.edges.font.align) || "horizontal";
  // a laid-out neighbourhood's links are named level, where their boxes are what is read (see layOut)
  function linkFont(size) { return { size: size, align: home ? "horizontal" : edgeAlign }; }
  var enlarged = { nodes: [], edges: [] };
  function enlarge() {
    var scale = network.getScale(), want = LEGIBLE * 1.05 / scale;
    var back = enlarged.nodes.map(function (id) { return { id: id, font: fonts[id] }; });
    var backE = enlarged.edges.map(function (id) { return { id: id, font: linkFont(edgeFont), label: byEdge[id].label }; });
    enlarged = { nodes: [], edges: [] };
    var nodeUp = {}, edgeUp = {};
    back.forEach(function (u) { nodeUp[u.id] = u; });
    backE.forEach(function (u) { edgeUp[u.id] = u; });
    if (selected !== null) {
      Object.keys(bright).forEach(function (id) {
        if (byId[id] && (fonts[id].size || 14) < want) {
          var f = {};
          Object.keys(fonts[id]).forEach(function (k) { f[k] = fonts[id][k]; });
          f.size = Math.round(want * 10) / 10;
          nodeUp[id] = { id: id, font: f };
          enlarged.nodes.push(id);
        } else if (byEdge[id] && (edgeFont < want || byEdge[id].label === undefined)) {
          edgeUp[id] = { id: id, font: linkFont(Math.max(edgeFont, Math.round(want * 10) / 10)), label: byEdge[id].kg.label };
          enlarged.edges.push(id);
        }
      });
    }
    // straight onto the drawn elements: a data set update re-reads the whole network (86 ms for 20 of 600)
    var body = network.body;
    Object.keys(nodeUp).forEach(function (k) { if (body.nodes[k]) body.nodes[k].setOptions({ font: nodeUp[k].font }); });
    Object.keys(edgeUp).forEach(function (k) {
      if (body.edges[k]) body.edges[k].setOptions({ font: edgeUp[k].font, label: edgeUp[k].label });
    });
  }
  var byEdge = {};
  data.edges.forEach(function (e) { byEdge[e.id] = e; });
  function highlight(id) {
    selected = id;
    bright = {};
    brightEdges = [];
    if (id !== null) {
      bright[id] = true;
      neighbours[id].forEach(function (m) { bright[m] = true; });
      edgesOf[id].forEach(function (e) { bright[e.id] = true; brightEdges.push(e.id); });
    }
    enlarge();
    network.body.emitter.emit("_requestRedraw");  // drawn once, with vis-network's own redraw of the click
  }
  var zoomTimer = null;
  network.on("zoom", function () {
    if (selected === null) return;
    clearTimeout(zoomTimer);
    zoomTimer = setTimeout(function () { enlarge(); network.redraw(); }, 60);
  });
  view.dimmed = function () { return nodes.getIds().filter(function (k) { return dim(k); }).sort(); };

  var panel = document.getElementById("panel");
  var panelBody = document.getElementById("panel-body");
  var phone = window.matchMedia("(max-width: 600px)");
  function resized() { if (phone.matches) network.setSize("100%", "100%"); }
  function showCard(card) {
    clear(panelBody);
    if (card) { panelBody.appendChild(card); panel.hidden = false; panel.scrollTop = 0; } else { panel.hidden = true; }
    resized();
  }
  function selectNode(id, open) {
    network.selectNodes([id]);
    highlight(id);
    if (open) {
      showCard(nodeCard(nodes.get(id)));
      placeCard(id);
      clearTimeout(clearTimer);  // after a double click's second click, which must find the node where it was
      var was = JSON.stringify([network.getViewPosition(), network.getScale()]);
      clearTimer = setTimeout(function () {  // unless the view has been moved meanwhile
        panel.style.pointerEvents = "";
        if (!state.focus && was === JSON.stringify([network.getViewPosition(), network.getScale()])) clearOfCard(id);
      }, DOUBLE_CLICK);
    }
  }
  var clearTimer = null;
  // vis-network (Hammer.js) takes two taps within 300 ms as a double click; the card must not take the second
  var DOUBLE_CLICK = 350;
  // On a wide screen the card sits over one side of the graph, the right unless the node it is about is
  // there: then the left. A card opened over its node took the second click of a double click, which then
  // never reached the node. Where neither side is clear (a narrow window), the card lets the pointer through
  // until a double click's second click is past, and the node is then brought beside it (clearOfCard).
  function nodeRect(id) {  // the node's shape and name on screen, in page px
    var b = network.getBoundingBox(id), box = container.getBoundingClientRect();
    var p = network.canvasToDOM({ x: b.left, y: b.top }), q = network.canvasToDOM({ x: b.right, y: b.bottom });
    return { l: box.left + p.x, t: box.top + p.y, r: box.left + q.x, b: box.top + q.y };
  }
  function covers(card, r) { return card.left < r.r && r.l < card.right && card.top < r.b && r.t < card.bottom; }
  function placeCard(id) {
    panel.style.pointerEvents = "";
    if (phone.matches || panel.hidden || !network.body.nodes[id]) return;
    var r = nodeRect(id);
    if (!covers(panel.getBoundingClientRect(), r)) return;
    var onLeft = panel.classList.toggle("left");
    if (!list.hidden && onLeft) { panel.classList.remove("left"); onLeft = false; }  // the list is on the left
    if (covers(panel.getBoundingClientRect(), r)) panel.style.pointerEvents = "none";
  }
  view.nodeRect = nodeRect;
  // a node the card still hides is brought beside it, into the free part of the graph
  function clearOfCard(id) {
    if (phone.matches || panel.hidden || !network.body.nodes[id]) return;
    var box = container.getBoundingClientRect(), card = panel.getBoundingClientRect();
    if (!covers(card, nodeRect(id))) return;
    var at = network.canvasToDOM(network.getPositions([id])[id]);
    var free = panel.classList.contains("left") ? (card.right - box.left + box.width) / 2 : (card.left - box.left) / 2;
    network.moveTo({ position: network.getPositions([id])[id], scale: network.getScale(),
                     offset: { x: free - box.width / 2, y: at.y - box.height / 2 }, animation: false });
  }
  network.on("click", function (p) {
    var t = performance.now();
    if (p.nodes.length) selectNode(p.nodes[0], true);
    else {
      highlight(null);
      showCard(p.edges.length ? edgeCard(edges.get(p.edges[0])) : null);
    }
    view.lastClickMs = performance.now() - t;
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
    if (phone.matches) { layOut(id); return; }
    network.fit({ nodes: nodeView.getIds(), animation: false });
    enlarge();
    network.redraw();
  }
  // On a phone the neighbourhood fitted into 390 px drew its names too small, and enlarged to be read they
  // covered each other (8 of 9 around a person). Shown alone it gets a layout of its own, put back by "Full
  // view": at the zoom the smallest name reads at (LEGIBLE px), the node on top, its neighbours below it
  // (most connected first) in as many columns as the screen holds, each row as tall as its names, with a
  // line's room between rows for the links' names; what does not fit the screen is reached by panning.
  var order = {};
  data.nodes.forEach(function (n, i) { order[n.id] = i; });
  var GAP = 14;  // px between two nodes' boxes
  function layOut(id) {
    restore();
    var body = network.body, ids = nodeView.getIds().filter(function (m) { return body.nodes[m]; });
    var others = ids.filter(function (m) { return m !== id; }).sort(function (a, b) { return order[a] - order[b]; });
    var scale = LEGIBLE * 1.05 / Math.min.apply(null, ids.map(function (m) { return fonts[m].size || 14; }));
    home = {};
    ids.forEach(function (m) { home[m] = { x: body.nodes[m].x, y: body.nodes[m].y }; });
    network.moveTo({ scale: scale, animation: false });
    enlarge();
    // each node's extent around its position, its name included, as drawn at this zoom (no name moved aside),
    // measured with all of them at the middle of the screen: vis-network draws only what is on screen
    var c = network.getViewPosition();
    ids.forEach(function (m) { body.nodes[m].x = c.x; body.nodes[m].y = c.y; });
    moved(ids);
    measuring = true;
    try { network.redraw(); } finally { measuring = false; }
    extents = {};
    ids.forEach(function (m) {
      var n = body.nodes[m], L = n.labelModule, z = L.size;
      var w = (n.shape.width || 2 * n.options.size) / 2, h = (n.shape.height || 2 * n.options.size) / 2;
      var e = { l: w, r: w, t: h, b: h };
      if (L.__drawn && z && z.width) {
        e = { l: Math.max(w, n.x - z.left), r: Math.max(w, z.left + z.width - n.x), t: Math.max(h, n.y - z.top),
              b: Math.max(h, z.top + z.height - n.y) };
      }
      extents[m] = e;
    });
    ids.forEach(function (m) { body.nodes[m].labelModule.__drawn = false; });  // drawn there, not where they go
    var room = container.getBoundingClientRect(), margin = 12, gap = GAP / scale;
    var linkSize = Math.max(edgeFont, LEGIBLE * 1.05 / scale), line = linkSize * 1.3;
    var between = gap + linkSize * 1.6;
    // the node's links, and how many join it to each neighbour (their names are stacked, one a line)
    var shownEdges = edgeView.getIds().filter(function (e) { return body.edges[e] && byEdge[e].from !== byEdge[e].to; });
    var ctx = network.canvas.getContext(), count = {}, nameWidth = {};
    shownEdges.forEach(function (e) {
      var E = byEdge[e];
      if (body.edges[e].options.label !== undefined) nameWidth[e] = body.edges[e].labelModule.getTextSize(ctx, false, false).width;
      if (E.from === id || E.to === id) { var m = E.from === id ? E.to : E.from; count[m] = (count[m] || 0) + 1; }
    });
    // One column, the node on top: its links run down a trunk on the left, then right into each neighbour,
    // their names on the line above it, from the trunk; links between two neighbours run down lanes on the
    // right. No line passes through another node (straight lines to lower rows ran behind the rows above).
    var trunk = 0, left = trunk + gap;
    var at = {};
    at[id] = { x: left + extents[id].l, y: 0 };
    var top = extents[id].b + between;
    others.forEach(function (m) {
      var up = extents[m].t + (count[m] || 0) * line;
      at[m] = { x: left + extents[m].l, y: top + up };
      top += up + extents[m].b + between;
    });
    var right = Math.max.apply(null, ids.map(function (m) { return at[m].x + extents[m].r; }));
    ids.forEach(function (m) { body.nodes[m].x = at[m].x; body.nodes[m].y = at[m].y; });
    routes = {};
    var stacked = {}, lane = 0;
    shownEdges.forEach(function (e) {
      var E = byEdge[e], a = at[E.from], b = at[E.to];
      if (!a || !b) return;
      if (E.from === id || E.to === id) {
        var m = E.from === id ? E.to : E.from, k = stacked[m] = (stacked[m] || 0) + 1, n = at[m], c = at[id];
        var pts = [[c.x, c.y], [trunk, c.y], [trunk, n.y], [n.x, n.y]];
        routes[e] = { pts: E.from === id ? pts : pts.reverse(),
                      name: [trunk + gap / 3 + (nameWidth[e] || 0) / 2, n.y - extents[m].t - (k - 0.5) * line] };
      } else {
        var x = right + gap * (1 + 0.5 * lane++);
        routes[e] = { pts: [[a.x, a.y], [x, a.y], [x, b.y], [b.x, b.y]],
                      name: [x + gap / 3 + (nameWidth[e] || 0) / 2, (a.y + b.y) / 2] };
      }
    });
    moved(ids);
    // the whole of it centred when it fits the screen, else its top (the node itself) at the top; its left
    // (the trunk) at the screen's left
    var tall = top - between + extents[id].t, high = (room.height - 2 * margin) / scale;
    var y = tall <= high ? tall / 2 - extents[id].t : high / 2 - extents[id].t;
    var x = trunk - gap / 2 - margin / scale + room.width / 2 / scale;
    network.moveTo({ position: { x: x, y: y }, scale: scale, animation: false });
    network.redraw();
  }
  function moved(ids) {  // vis-network draws a node whose box, as last measured, is on screen
    var ctx = network.canvas.getContext();
    ids.forEach(function (m) { if (network.body.nodes[m]) network.body.nodes[m].updateBoundingBox(ctx, m === selected, false); });
  }
  function restore() {  // the nodes back where they were before a neighbourhood's own layout
    if (!home) return;
    var body = network.body;
    Object.keys(home).forEach(function (m) { if (body.nodes[m]) { body.nodes[m].x = home[m].x; body.nodes[m].y = home[m].y; } });
    moved(Object.keys(home));
    home = null;
    extents = {};
    routes = {};
  }
  view.laidOut = function () { return home ? extents : null; };
  function backToFull() {
    restore();
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

  // Opening a node from the list, the search or a card: on a phone, the graph of its neighbourhood fitted
  // above its card; on a screen, the node centred at a zoom its name reads at, its card beside it.
  function openNode(id) {
    if (!byId[id]) return;
    showList(false);
    if (phone.matches) { focusOn(id); return; }
    if (!shown[id]) { state.focus = null; focusNote.textContent = ""; fullView.hidden = true; }
    if (!shown[id]) refresh();
    if (!shown[id]) { showCard(nodeCard(nodes.get(id))); return; }  // filtered out: its card still tells
    selectNode(id, true);
    var need = LEGIBLE / ((fonts[id] && fonts[id].size) || 14);
    network.focus(id, { scale: Math.max(network.getScale(), Math.min(need, 2)), animation: false, locked: false });
    enlarge();
    placeCard(id);
  }
  view.openNode = openNode;

  // Search: accent-insensitive, ranked (a name that is the words, then one that starts with them, then a
  // word that does, shorter names first); Enter opens the best match, the list offers the next ones.
  function fold(text) { return String(text || "").normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase(); }
  var names = {};
  data.nodes.forEach(function (n) { names[n.id] = [fold(n.kg.labels.fr), fold(n.kg.labels.en)]; });
  function rank(n, q) {
    var best = null;
    names[n.id].forEach(function (name) {
      var at = name.indexOf(q);
      if (at < 0) return;
      var tier = name === q ? 0 : at === 0 ? 1 : /[\s'’\-(«"]/.test(name.charAt(at - 1)) ? 2 : 3;
      var r = [tier, name.length];
      if (!best || r[0] < best[0] || (r[0] === best[0] && r[1] < best[1])) best = r;
    });
    if (!best && fold(n.kg.short).indexOf(q) >= 0) best = [4, n.kg.short.length];
    return best;
  }
  function ranked(query) {
    var q = fold(query).trim().replace(/\s+/g, " ");
    if (!q) return [];
    var found = [];
    data.nodes.forEach(function (n) { var r = rank(n, q); if (r) found.push([r[0], r[1], n.id]); });
    found.sort(function (a, b) { return a[0] - b[0] || a[1] - b[1] || (a[2] < b[2] ? -1 : a[2] > b[2] ? 1 : 0); });
    return found.map(function (f) { return f[2]; });
  }
  view.ranked = ranked;
  var search = document.getElementById("search");
  var results = document.getElementById("results");
  search.placeholder = T.search;
  search.setAttribute("aria-label", T.search);
  results.setAttribute("aria-label", T.results);
  var matches = [];
  function resultButton(id) {
    var n = byId[id];
    var b = el("button", null, title(n), el("span", "kind-of", " · " + n.kg.kind));
    b.type = "button";
    b.setAttribute("role", "option");
    b.setAttribute("data-node", id);
    b.addEventListener("click", function () { closeResults(); openNode(id); });
    return el("li", null, b);
  }
  function closeResults() { results.hidden = true; search.setAttribute("aria-expanded", "false"); }
  search.addEventListener("input", function () {
    var count = document.getElementById("search-count");
    matches = ranked(search.value);
    clear(results);
    if (!search.value.trim()) { network.unselectAll(); highlight(null); count.textContent = ""; closeResults(); return; }
    count.textContent = matches.length ? matches.length + " " + T.matches : T.no_match;
    matches.slice(0, 8).forEach(function (id) { results.appendChild(resultButton(id)); });
    results.hidden = !matches.length;
    search.setAttribute("aria-expanded", matches.length ? "true" : "false");
    var visible = matches.filter(function (id) { return shown[id]; });
    network.selectNodes(visible);
  });
  search.addEventListener("keydown", function (ev) {
    if (ev.key === "Enter" && matches.length) { ev.preventDefault(); closeResults(); openNode(matches[0]); }
    if (ev.key === "ArrowDown" && !results.hidden) { ev.preventDefault(); results.querySelector("button").focus(); }
  });
  results.addEventListener("keydown", function (ev) {
    var items = Array.prototype.slice.call(results.querySelectorAll("button"));
    var at = items.indexOf(document.activeElement);
    if (ev.key === "ArrowDown" && at < items.length - 1) { ev.preventDefault(); items[at + 1].focus(); }
    if (ev.key === "ArrowUp") { ev.preventDefault(); (at > 0 ? items[at - 1] : search).focus(); }
  });

  // The list: every node drawn, by kind, a button each (the keyboard's and a phone's way in)
  var list = document.getElementById("list");
  var toggle = document.getElementById("toggle-list");
  list.setAttribute("aria-label", T.list);
  function fillList() {
    clear(list);
    data.kinds.forEach(function (k) {
      var ids = data.nodes.filter(function (n) { return n.kg.category === k.category && shown[n.id]; })
        .map(function (n) { return n.id; });
      if (!ids.length) return;
      ids.sort(function (a, b) { var x = fold(nameOf(a)), y = fold(nameOf(b)); return x < y ? -1 : x > y ? 1 : 0; });
      var ul = el("ul");
      ids.forEach(function (id) {
        var b = el("button", null, nameOf(id));
        b.type = "button";
        b.setAttribute("data-node", id);
        b.addEventListener("click", function () { openNode(id); });
        ul.appendChild(el("li", null, b));
      });
      list.appendChild(el("section", null, el("h2", null, k.label + " (" + ids.length + ")"), ul));
    });
  }
  function showList(on) {
    if (on) fillList();
    list.hidden = !on;
    toggle.textContent = on ? T.graph : T.list;
    toggle.setAttribute("aria-expanded", on ? "true" : "false");
  }
  view.showList = showList;
  toggle.addEventListener("click", function () {
    showList(list.hidden);
    if (!list.hidden && list.querySelector("button")) list.querySelector("button").focus();
  });
  showList(phone.matches);  // a phone opens on the list

  // Keyboard: "/" goes to the search box, Escape closes the card, then leaves a focus, then clears.
  document.addEventListener("keydown", function (ev) {
    var typing = /^(INPUT|SELECT|TEXTAREA)$/.test(document.activeElement.tagName) && document.activeElement.type !== "checkbox";
    if (ev.key === "/" && !typing) { ev.preventDefault(); search.focus(); search.select(); return; }
    if (ev.key === "Escape") {
      if (!results.hidden) { closeResults(); return; }
      if (!panel.hidden) { panel.hidden = true; resized(); return; }
      if (state.focus) { backToFull(); return; }
      if (search.value) { search.value = ""; search.dispatchEvent(new Event("input")); }
      network.unselectAll();
      highlight(null);
    }
  });

  // --- filters ---------------------------------------------------------------------------------------
  var filters = document.getElementById("filters");
  filters.querySelector("summary").textContent = T.filters;
  var legendBox = document.getElementById("legend-box");
  legendBox.querySelector("summary").textContent = T.legend;

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
    var count = el("span", "kind-count", " (" + k.count + ")");
    kindCounts[k.category] = count;
    var label = checkbox(k.category, "kind", k.label, icon(k.shape, k.colour, false),
      function (hidden) { state.hiddenKind[k.category] = hidden; });
    label.appendChild(count);
    kindBox.appendChild(label);
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
  var yearMessage = document.getElementById("year-message");
  if (data.years.length) {
    state.from = data.years[0];
    state.to = data.years[1];
    yearBox.appendChild(el("legend", null, T.years));
    var inputs = {};
    ["from", "to"].forEach(function (which) {
      var input = el("input");
      input.type = "number";
      input.min = data.years[0];
      input.max = data.years[1];
      input.step = 1;
      input.value = which === "from" ? data.years[0] : data.years[1];
      input.id = "year-" + which;
      inputs[which] = input;
      input.addEventListener("change", function () {
        var v = parseInt(input.value, 10);
        if (isNaN(v)) v = which === "from" ? data.years[0] : data.years[1];
        v = Math.min(Math.max(v, data.years[0]), data.years[1]);
        var from = which === "from" ? v : state.from, to = which === "to" ? v : state.to;
        if (from > to) {  // refused, and said: the range in force stays, and its inputs show it
          yearMessage.textContent = T.reversed;
          yearMessage.hidden = false;
          input.setAttribute("aria-invalid", "true");
          input.value = state[which];
          return;
        }
        yearMessage.hidden = true;
        inputs.from.removeAttribute("aria-invalid");
        inputs.to.removeAttribute("aria-invalid");
        state[which] = v;
        input.value = v;
        refresh();
      });
      yearBox.appendChild(el("label", null, T[which] + " ", input));
    });
    view.yearInputs = [inputs.from, inputs.to];
  } else yearBox.hidden = true;

  // --- legend: the kind and status filters draw each shape and fill they name; here, both dashes ------
  var legend = document.getElementById("legend");
  legend.setAttribute("aria-label", T.legend);
  data.kinds.forEach(function (k) { legend.appendChild(el("div", "dash-note", icon(k.shape, k.colour, false), k.label)); });
  data.statuses.forEach(function (s) { legend.appendChild(el("div", "dash-note", icon("box", s.colour, s.dashes), s.label)); });
  if (data.statuses.length) legend.appendChild(el("div", "dash-note", icon("box", "#ffffff", true), T.dashed_box));
  legend.appendChild(el("div", "dash-note", lineIcon(false), T.solid_line));
  legend.appendChild(el("div", "dash-note", lineIcon(true), T.dashed_line));
  legend.appendChild(el("div", "dash-note", T.help));

  var close = document.getElementById("panel-close");
  close.textContent = T.close;
  close.addEventListener("click", function () { panel.hidden = true; resized(); });
  updateCounts();
  if (!large) ready();
  }
})();
