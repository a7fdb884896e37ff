// The review page: shows the article with each candidate's words highlighted, each candidate as a sentence in
// the page's language whose every part can be changed in place, and sends every decision to the local server,
// which writes it to the claims file at once. Everything from the article or the data is inserted as text
// (textContent, Option), never as markup. Keys: j/k next/previous, a accept, r reject, p pending, e edit, u undo.
"use strict";
(function () {
  const token = new URLSearchParams(window.location.search).get("token") || "";
  const state = { data: null, focus: null, entities: [], picker: null, blockersAsked: 0 };
  const PICK_MAX = 50; // options shown at once: the list stays short whatever the number of entities

  function el(tag, attrs, ...children) {
    const node = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) {
      if (v === null || v === undefined || v === false) continue;
      if (k === "class") node.className = v;
      else if (k === "text") node.textContent = v;
      else if (k.startsWith("on")) node.addEventListener(k.slice(2), v);
      else node.setAttribute(k, v);
    }
    for (const c of children) if (c !== null && c !== undefined && c !== false) node.append(c);
    return node;
  }

  const T = (key) => (state.data && state.data.ui.strings[key]) || key;

  function label(iri) {
    const d = state.data;
    return (d.labels && d.labels[iri]) || (iri || "").replace(/^.*[/#]/, "");
  }

  function say(text, kind, undo) {
    const m = document.getElementById("message");
    m.replaceChildren(document.createTextNode(text));
    m.className = kind || "";
    if (undo) {
      m.append(" ", el("button", { "data-role": "undo", text: T("undo"), onclick: () => doUndo() }));
    }
  }

  async function call(path, body) {
    const init = { headers: { "X-Review-Token": token }, cache: "no-store" };
    if (body !== undefined) {
      init.method = "POST";
      init.headers["Content-Type"] = "application/json";
      init.body = JSON.stringify(body);
    }
    const r = await fetch(path, init);
    const answer = await r.json().catch(() => ({ error: "the server answered " + r.status }));
    if (!r.ok) throw new Error(answer.error || ("the server answered " + r.status));
    return answer;
  }

  async function send(path, body, done) {
    closePicker();
    try {
      render(await call(path, body));
      say(done + " — " + T("saved"), "ok", true);
    } catch (e) {
      render(state.data); // the controls show the file's values again, not the refused one
      say(e.message, "error");
    }
  }

  const decide = (ids, decision) => send("/api/decide", { ids, decision },
    ids.map(title).join(", ") + " : " + reviewLabel(decision));
  const correct = (id, change, what) => send("/api/correct", { id, change }, title(id) + " : " + what);

  async function doUndo() {
    try {
      render(await call("/api/undo", {}));
      say(T("undo") + " ✓", "ok");
    } catch (e) {
      say(e.message, "error");
    }
  }

  function reviewLabel(r) {
    const c = state.data.choices.reviews[r];
    return c ? c.label : r;
  }

  function title(id) {
    const c = state.data.candidates.find((x) => x.id === id);
    return c ? c.subjectLabel : id;
  }

  // --- dates and confidence in words ---------------------------------------------------------------------

  function date(value) {
    if (/^\d{4}-(0[1-9]|1[0-2])$/.test(value)) { // a month: "septembre 2017"
      try {
        return new Intl.DateTimeFormat(state.data.ui.lang, { month: "long", year: "numeric", timeZone: "UTC" })
          .format(new Date(value + "-01T00:00:00Z"));
      } catch (e) {
        return value;
      }
    }
    if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return value;
    try {
      return new Intl.DateTimeFormat(state.data.ui.lang, { dateStyle: "long", timeZone: "UTC" })
        .format(new Date(value + "T00:00:00Z"));
    } catch (e) {
      return value;
    }
  }

  function confidenceWords(c) {
    if (c.confidence === null) return T("noConfidence");
    const x = Number(c.confidence);
    for (const [at, words] of T("confidence")) if (x >= at) return words;
    return c.confidence;
  }

  // --- searchable pick-lists -----------------------------------------------------------------------------

  const fold = (s) => (s || "").normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase();
  const folded = new WeakMap();

  function keyOf(o) {
    let k = folded.get(o);
    if (k === undefined) {
      k = fold(o.label);
      folded.set(o, k);
    }
    return k;
  }

  function search(options, text) {
    const q = fold(text.trim());
    if (!q) return options.slice(0, PICK_MAX + 1);
    const first = [], word = [], inside = [];
    for (const o of options) {
      const k = keyOf(o);
      const at = k.indexOf(q);
      if (at === 0) first.push(o);
      else if (at > 0 && /[\s'’(-]/.test(k[at - 1])) word.push(o);
      else if (at > 0) inside.push(o);
      if (first.length > PICK_MAX) break;
    }
    return first.concat(word, inside).slice(0, PICK_MAX + 1);
  }

  function closePicker() {
    if (state.picker) state.picker.remove();
    if (state.quote) state.quote.bar.remove();
    state.picker = null;
    state.quote = null;
  }

  // A search box and at most PICK_MAX matches under the anchor; Enter, a click or a tap chooses.
  // kinds a thing not yet in the graph can be created as, for a field of these ranges: each range and the kinds
  // right under it (a party: a state, a person, an organisation…), from the ontology
  function newKinds(ranges) {
    const d = state.data;
    const list = Array.isArray(ranges) ? ranges : ranges ? [ranges] : [];
    const out = [];
    for (const r of list) {
      for (const k of [r].concat(d.choices.children[r] || [])) {
        if (d.choices.segments[k] && !out.includes(k)) out.push(k);
      }
    }
    const kindLabel = (k) => (d.choices.kinds.find((x) => x.iri === k) || { label: label(k) }).label;
    return out.map((k) => ({ iri: k, label: kindLabel(k) }));
  }

  // A search box and at most PICK_MAX matches under the anchor; Enter, a click or a tap chooses. With ``kinds``,
  // a name that matches nothing exactly can be made a new thing of one of them: onChoose(null, {label, kind}).
  function openPicker(anchor, options, onChoose, role, kinds) {
    closePicker();
    const input = el("input", { type: "search", placeholder: T("search"), "data-role": "picker-search",
      "aria-label": T("search") });
    const list = el("ul", { role: "listbox", "data-role": "picker-list" });
    const box = el("div", { class: "picker", "data-role": role || "picker" }, input, list);
    let shown = [], at = 0;
    const choose = (o) => { closePicker(); onChoose(o.iri); };
    function draw() {
      const found = search(options, input.value);
      shown = found.slice(0, PICK_MAX);
      at = Math.min(at, Math.max(shown.length - 1, 0));
      list.replaceChildren(...shown.map((o, i) => el("li", { role: "option", "data-iri": o.iri,
        class: i === at ? "active" : "", "aria-selected": i === at ? "true" : "false",
        onmousedown: (ev) => { ev.preventDefault(); choose(o); } },
      el("span", { text: o.label }), o.groupLabel ? el("small", { text: " · " + o.groupLabel }) : null)));
      if (!shown.length) list.append(el("li", { class: "none", text: T("noMatch") }));
      if (found.length > PICK_MAX) list.append(el("li", { class: "none", text: T("more") }));
      const name = input.value.trim();
      if (kinds && kinds.length && name && !found.some((o) => fold(o.label) === fold(name))) {
        for (const k of kinds) {
          list.append(el("li", { role: "option", "data-role": "picker-new", "data-kind": k.iri,
            onmousedown: (ev) => { ev.preventDefault(); closePicker(); onChoose(null, { label: name, kind: k.iri }); } },
          el("span", { text: "+ " + T("newOne") + " " + k.label + " « " + name + " »" })));
        }
      }
    }
    input.addEventListener("input", () => { at = 0; draw(); });
    input.addEventListener("keydown", (ev) => {
      if (ev.key === "ArrowDown") { at = Math.min(at + 1, shown.length - 1); draw(); ev.preventDefault(); }
      else if (ev.key === "ArrowUp") { at = Math.max(at - 1, 0); draw(); ev.preventDefault(); }
      else if (ev.key === "Enter" && shown[at]) { ev.preventDefault(); choose(shown[at]); }
      else if (ev.key === "Enter" && list.querySelector("[data-role=picker-new]")) {
        ev.preventDefault();
        list.querySelector("[data-role=picker-new]").dispatchEvent(new MouseEvent("mousedown"));
      }
      else if (ev.key === "Escape") { ev.preventDefault(); closePicker(); anchor.focus(); }
      ev.stopPropagation();
    });
    anchor.after(box);
    state.picker = box;
    draw();
    input.focus();
    return box;
  }

  // a field of one datatype (a day: the browser's date field), or of several (a day, a month or a year: text)
  const dateKind = (f) => (f.datatypes && f.datatypes.length > 1 ? "any-date" : f.datatype || "");

  function openInput(anchor, value, datatype, onSave) {
    closePicker();
    const input = el("input", { type: datatype.endsWith("#date") ? "date" : "text", value: value || "",
      "data-role": "literal-input", placeholder: datatype === "any-date" ? T("datePlaceholder") : null });
    const box = el("span", { class: "picker inline" }, input,
      el("button", { text: "✓", "data-role": "literal-save", onclick: () => save() }));
    const save = () => { const v = input.value; closePicker(); if (v && v !== value) onSave(v); };
    input.addEventListener("keydown", (ev) => {
      if (ev.key === "Enter") { ev.preventDefault(); save(); }
      else if (ev.key === "Escape") { ev.preventDefault(); closePicker(); anchor.focus(); }
      ev.stopPropagation();
    });
    anchor.after(box);
    state.picker = box;
    input.focus();
  }

  // entities of a class (or below it), the dataset's and the article's new ones
  function entitiesOf(range) { // one class, or the alternatives a shape allows (a place or an institution)
    const d = state.data;
    const all = state.entities.concat(d.choices.proposed);
    const ranges = Array.isArray(range) ? range : range ? [range] : [];
    if (!ranges.length) return all;
    const anc = d.choices.ancestors;
    return all.filter((e) => ranges.some((r) => (anc[e.group] || [e.group]).includes(r)));
  }

  const rangesOf = (f) => (f.ranges && f.ranges.length ? f.ranges : f.range);

  // --- the card: the claim said as a sentence, every part a control -------------------------------------

  function select(options, current, placeholder, onchange, role) {
    const s = el("select", { "data-role": role, "aria-label": role });
    if (placeholder) s.append(new Option(placeholder, ""));
    const groups = {};
    for (const o of options) {
      const opt = new Option(o.label, o.iri, false, o.iri === current);
      if (o.groupLabel) {
        groups[o.groupLabel] = groups[o.groupLabel] || s.appendChild(el("optgroup", { label: o.groupLabel }));
        groups[o.groupLabel].append(opt);
      } else s.append(opt);
    }
    if (current && !options.some((o) => o.iri === current)) s.append(new Option(label(current), current, true, true));
    s.addEventListener("change", () => onchange(s.value));
    return s;
  }

  function valueText(v) {
    if (!v.iri) return v.datatype && /#(date|gYearMonth)$/.test(v.datatype) ? date(v.v) : v.label;
    let text = v.label;
    if (v.when) text += ", " + T("on") + " " + date(v.when);
    if (v.where) text += " " + T("at") + " " + v.where;
    return text;
  }

  function joined(parts) {
    const out = [];
    parts.forEach((p, i) => {
      if (i) out.push(i === parts.length - 1 ? " " + T("and") + " " : ", ");
      out.push(p);
    });
    return out;
  }

  function fieldView(c, clause, f) {
    const d = state.data;
    const span = el("span", { class: "field" + (f.missing ? " missing" : ""), "data-role": "field",
      "data-p": f.p });
    span.append(el("span", { class: "pl", text: f.pl }), " ");
    if (f.edit === "status") {
      // an undertaking's statuses, or an event's: the scheme of the current one (the shapes refuse the other's)
      const now = f.values[0] && d.choices.statuses.find((o) => o.iri === f.values[0].v);
      const scheme = now ? now.group : c.undertaking ? d.choices.statuses[0].group : null;
      const offered = d.choices.statuses.filter((o) => !scheme || o.group === scheme);
      span.append(select(offered, f.values[0] && f.values[0].v, null,
        (v) => v && correct(c.id, { set: "status", value: v }, f.pl + " " + label(v)), "status"));
      return span;
    }
    if (f.missing) {
      const b = el("button", { class: "value missing", "data-role": "missing", "data-p": f.p,
        title: T("required"), text: T("missing") });
      b.addEventListener("click", () => addValue(c, clause, f, b));
      span.append(b);
      return span;
    }
    const values = f.values.map((v) => v.v);
    const items = f.values.map((v) => {
      const b = el("button", { class: "value", "data-role": f.edit === "parties" ? "party" : f.edit === "domains"
        ? "domain" : v.iri ? "link" : "literal", "data-iri": v.iri ? v.v : null, text: valueText(v) });
      if (f.edit === "parties" || f.edit === "domains") {
        b.addEventListener("click", () => correct(c.id, { set: f.edit, values: values.filter((x) => x !== v.v) },
          T("remove") + " " + v.label));
        b.title = T("remove");
        b.append(el("span", { class: "x", "aria-hidden": "true", text: " ×" }));
      } else if (v.iri) {
        b.addEventListener("click", () => openPicker(b, entitiesOf(rangesOf(f)), (iri, made) =>
          correct(c.id, { link: [clause.s, f.p, v.v], value: iri || "", new: made },
            f.pl + " " + (made ? made.label : label(iri))), "link-picker", newKinds(rangesOf(f))));
      } else {
        b.addEventListener("click", () => openInput(b, v.v, f.datatypes && f.datatypes.length > 1 ? "any-date"
          : v.datatype || "", (text) =>
          correct(c.id, { literal: [clause.s, f.p, v.v], value: text }, f.pl + " " + text)));
      }
      const group = el("span", { class: "v" }, b);
      if (f.edit === "link" || (!v.iri && f.edit === "literal")) {
        if (v.iri) {
          group.append(el("button", { class: "x", title: T("remove"), "aria-label": T("remove") + " " + v.label,
            "data-role": "unlink", text: "×",
            onclick: () => correct(c.id, { link: [clause.s, f.p, v.v], value: "" }, T("remove") + " " + f.pl) }));
        } else { // a value the article does not give (a date that is another event's) goes as a link does
          group.append(el("button", { class: "x", title: T("remove"), "aria-label": T("remove") + " " + f.pl,
            "data-role": "unset", text: "×",
            onclick: () => correct(c.id, { literal: [clause.s, f.p, v.v], value: "", remove: true },
              T("remove") + " " + f.pl) }));
        }
      }
      return group;
    });
    span.append(...joined(items));
    if (f.edit === "parties") {
      const add = el("button", { class: "add", "data-role": "add-parties", title: T("add"), text: "+" });
      add.addEventListener("click", () => openPicker(add, entitiesOf(d.choices.partyFamily).filter(
        (e) => !values.includes(e.iri)), (iri, made) => correct(c.id, { set: "parties",
        values: made ? values : values.concat([iri]), new: made }, T("add") + " " + (made ? made.label : label(iri))),
      "party-picker", newKinds(d.choices.partyFamily)));
      span.append(" ", add);
    } else if (f.edit === "domains") {
      span.append(" ", select(d.choices.domains.filter((o) => !values.includes(o.iri)), "", "+",
        (v) => v && correct(c.id, { set: "domains", values: values.concat([v]) }, T("add") + " " + label(v)),
        "add-domains"));
    }
    return span;
  }

  function addValue(c, clause, f, anchor) {
    if (f.datatype) {
      openInput(anchor, "", dateKind(f), (text) => correct(c.id, { add: [clause.s, f.p], value: text,
        datatype: f.datatype }, f.pl + " " + text));
    } else {
      openPicker(anchor, entitiesOf(rangesOf(f)), (iri, made) => correct(c.id, { add: [clause.s, f.p],
        value: iri || "", new: made }, f.pl + " " + (made ? made.label : label(iri))), "add-picker",
      newKinds(rangesOf(f)));
    }
  }

  function clauseView(c, clause) {
    const d = state.data;
    const p = el("p", { class: "clause" + (clause.main ? " main" : ""), "data-s": clause.s });
    const head = el("span", { class: "head" });
    if (clause.main && c.kind) {
      const kinds = d.choices.kinds.filter((k) => c.kinds.includes(k.iri));
      head.append(select(kinds, c.kind, null, (v) => correct(c.id, { set: "kind", value: v }, label(v)), "kind"));
    } else if (clause.new && clause.kinds.length > 1) { // a new entity's kind, the build needs the right one
      const kinds = d.choices.kinds.filter((k) => clause.kinds.includes(k.iri));
      head.append(select(kinds, clause.kind, null, (v) => correct(c.id, { set: "kind", value: v, subject: clause.s },
        label(v)), "clause-kind"));
    } else if (clause.kindLabel) {
      head.append(el("span", { class: "kind", text: clause.kindLabel }));
    }
    const name = el("button", { class: "value name", "data-role": "name", text: "« " + clause.name + " »",
      disabled: clause.nameLiteral === null ? "disabled" : null });
    if (clause.nameLiteral !== null) {
      name.addEventListener("click", () => openInput(name, clause.nameLiteral, "", (text) =>
        correct(c.id, { literal: [clause.s, "http://www.w3.org/2000/01/rdf-schema#label", clause.nameLiteral],
          value: text }, text)));
    }
    head.append(" ", name);
    if (clause.new) head.append(" ", el("span", { class: "badge new", text: T("newEntity") }));
    const n = c.newEntities.find((x) => x.iri === clause.s);
    const rejected = c.review === "rejected"; // a rejected claim needs nothing: no field to fill in, no merge
    if (n && n.merge && !rejected) head.append(" ", mergeControl(c, n));
    // an undertaking begins with its parties: "Maroc et Sénégal — mémorandum d'entente « … » : signé"
    const parties = clause.main ? clause.fields.find((f) => f.edit === "parties") : null;
    const status = clause.fields.find((f) => f.edit === "status");
    const rest = clause.fields.filter((f) => f !== parties && f !== status && !(rejected && f.missing));
    if (parties) {
      const view = fieldView(c, clause, parties);
      view.querySelector(".pl").classList.add("quiet");
      p.append(view, " — ");
    }
    p.append(head);
    if (status) {
      const view = fieldView(c, clause, status);
      view.querySelector(".pl").classList.add("quiet");
      p.append(" : ", view);
    }
    rest.forEach((f, i) => p.append(i ? (f.orPrevious ? " " + T("or") + " " : " ; ") : " — ", fieldView(c, clause, f)));
    if (clause.addable.length && !rejected) {
      const add = select(clause.addable.map((a) => ({ iri: a.p, label: a.pl })), "", T("addField"), (v) => {
        const f = clause.addable.find((a) => a.p === v);
        if (f) addValue(c, clause, f, add);
      }, "add-field");
      p.append(" ", add);
    }
    p.append(".");
    return p;
  }

  // "same as an existing one": only entities of a related kind are offered; a preview, then a confirmation
  function mergeControl(c, n) {
    const wrap = el("span", { class: "merge", "data-role": "merge", "data-iri": n.iri });
    const b = el("button", { class: "add", "data-role": "same-as", text: T("sameAs") });
    const kinds = new Set(n.kinds);
    b.addEventListener("click", (ev) => {
      ev.stopPropagation();
      openPicker(b, state.entities.filter((e) => kinds.has(e.group)), (iri) => previewMerge(c, n, iri),
        "merge-picker");
    });
    wrap.append(b);
    return wrap;
  }

  async function previewMerge(c, n, into) {
    const cardEl = document.getElementById("cand-" + c.id);
    const old = cardEl.querySelector("[data-role=merge-preview]");
    if (old) old.remove();
    const box = el("div", { class: "preview", "data-role": "merge-preview", "data-iri": n.iri },
      el("p", { text: T("checking") }));
    cardEl.querySelector(".sentence").after(box);
    let p;
    try {
      p = await call("/api/preview", { id: c.id, change: { merge: n.iri, into } });
    } catch (e) {
      box.replaceChildren(el("p", { class: "problem", text: e.message }));
      return;
    }
    const lines = [el("p", {}, el("strong", { text: T("mergeTitle") + " « " + p.old.label + " » " + T("mergeInto") +
      " « " + p.into.label + " »" }))];
    lines.push(el("p", { text: "« " + p.into.label + " » " + T("mergeKeeps") }));
    if (p.claims.length) {
      lines.push(el("p", { text: T("mergeClaims") + " (" + p.claims.length + ") : " + p.claims.map(title).join(", ") }));
    }
    if (p.redirect) lines.push(el("p", { text: T("mergeRedirect") }));
    if (!p.ok) {
      lines.push(el("p", { class: "problem", text: T("mergeRefused") }));
      lines.push(el("ul", {}, ...p.problems.map((m) => el("li", { class: "problem", text: m }))));
    }
    lines.push(el("div", { class: "actions" },
      el("button", { "data-role": "confirm-merge", text: T("confirm"), disabled: p.ok ? null : "disabled",
        onclick: () => correct(c.id, { merge: n.iri, into }, p.old.label + " → " + p.into.label) }),
      el("button", { "data-role": "cancel-merge", text: T("cancel"), onclick: () => box.remove() })));
    box.replaceChildren(...lines);
    const confirm = box.querySelector("[data-role=confirm-merge]");
    (p.ok ? confirm : box.querySelector("[data-role=cancel-merge]")).focus();
  }

  function card(c) {
    const d = state.data;
    const box = el("section", { class: "card " + c.review, id: "cand-" + c.id, "data-id": c.id, tabindex: "-1",
      "aria-label": (c.kindLabel ? c.kindLabel + " " : "") + c.subjectLabel,
      onclick: () => focus(c.id, false) });
    box.append(el("h2", {},
      el("span", { class: "title", text: (c.kindLabel ? c.kindLabel + " · " : "") + c.subjectLabel }),
      el("span", { class: "badge " + c.review, "data-role": "review", text: reviewLabel(c.review) })));
    box.append(el("div", { class: "meta", "data-role": "confidence",
      title: c.confidence === null ? "" : c.confidence, text: confidenceWords(c) +
      (c.reviewedBy ? " · " + c.reviewedBy + " · " + c.reviewedAt.replace("T", " ").replace("Z", " UTC") : "") }));
    const sentence = el("div", { class: "sentence", "data-role": "sentence" });
    for (const clause of c.clauses) sentence.append(clauseView(c, clause));
    box.append(sentence);
    if (c.review === "rejected") { // said plainly, with the way back; nothing left to complete
      box.append(el("p", { class: "rejected-note", "data-role": "rejected-note" },
        el("span", { text: T("rejectedNote") }), " ",
        el("button", { "data-role": "unreject", text: T("unreject"),
          onclick: (ev) => { ev.stopPropagation(); decide([c.id], "pending"); } })));
    }
    c.evidence.forEach((e, i) => box.append(quoteView(c, e, i)));
    if (c.accordingTo.length) box.append(el("div", { class: "meta", text: T("onTheWordOf") + " " +
      c.accordingTo.map((a) => a.label).join(", ") }));
    for (const note of c.comments) box.append(el("div", { class: "meta", text: note }));
    const stop = (fn) => (ev) => { ev.stopPropagation(); fn(); };
    box.append(el("div", { class: "actions" },
      el("button", { "data-role": "accept", text: T("accept"), onclick: stop(() => decide([c.id], "accepted")) }),
      // a rejected card: its note says so and undoes it; "Reject" again or "Back to pending" would say it twice
      c.review === "rejected" ? null
        : el("button", { "data-role": "reject", text: T("reject"), onclick: stop(() => decide([c.id], "rejected")) }),
      c.review === "accepted"
        ? el("button", { "data-role": "reopen", text: T("reopen"), onclick: stop(() => decide([c.id], "pending")) })
        : null));
    return box;
  }

  // --- the words a claim rests on: corrected by selecting them in the article's text, or by editing them ---

  function quoteView(c, e, i) {
    const wrap = el("div", { class: "quote", "data-role": "quote" });
    const edit = el("button", { class: "add", "data-role": "edit-quote", text: T("quoteEdit"),
      onclick: (ev) => { ev.stopPropagation(); editQuote(c, e, edit); } });
    wrap.append(el("blockquote", { class: c.found[i] ? "" : "missing", title: c.found[i] ? T("words") : T("notFound"),
      text: e }), edit);
    return wrap;
  }

  // where a quote occurs in the text, counted as the build counts (kg.provenance: overlapping occurrences too)
  function occurrences(text, quote) {
    let n = 0;
    if (!quote) return 0;
    for (let at = text.indexOf(quote); at !== -1; at = text.indexOf(quote, at + 1)) n++;
    return n;
  }

  function editQuote(c, old, anchor) {
    closePicker();
    const text = state.data.segments.map((s) => s.text).join("");
    const area = el("textarea", { "data-role": "quote-input", rows: "3", "aria-label": T("quoteEdit") });
    area.value = old;
    const check = el("p", { "data-role": "quote-check", "aria-live": "polite" });
    const save = el("button", { "data-role": "quote-save", text: T("quoteSave") });
    const box = el("div", { class: "picker quote-editor", "data-role": "quote-editor" },
      el("p", { class: "hint", text: T("quoteHint") }), area, check,
      el("div", { class: "actions" }, save,
        el("button", { "data-role": "quote-cancel", text: T("cancel"), onclick: () => closePicker() })));
    // On a phone the text and the card are a screen apart: while the editor is open, a bar fixed at the bottom of
    // the screen (shown by the phone layout only) says the words chosen and their check and saves them, so that
    // the reviewer who selects words in the text need not scroll back to the card.
    const barWords = el("q", { "data-role": "quote-bar-words" });
    const barCheck = el("p", { "data-role": "quote-bar-check" });
    const barSave = el("button", { "data-role": "quote-bar-save", text: T("quoteSave"), onclick: () => save.click() });
    const bar = el("div", { id: "quote-bar", "data-role": "quote-bar", role: "region", "aria-label": T("quoteEdit") },
      barWords, barCheck, el("div", { class: "actions" }, barSave,
        el("button", { "data-role": "quote-bar-cancel", text: T("cancel"), onclick: () => closePicker() })));
    const words = () => area.value.trim();
    function test() { // the build's check, before anything is sent
      const n = occurrences(text, words());
      check.textContent = !words() ? T("quoteEmpty") : n === 1 ? T("quoteOnce") : n === 0 ? T("quoteAbsent")
        : T("quoteMany").replace("{n}", n);
      check.className = n === 1 ? "ok" : "problem";
      save.disabled = n !== 1 || words() === old;
      barWords.textContent = words();
      barCheck.textContent = check.textContent;
      barCheck.className = check.className;
      barSave.disabled = save.disabled;
    }
    save.addEventListener("click", () => {
      test();
      if (!save.disabled) correct(c.id, { evidence: old, value: words() }, T("quoteSaved"));
    });
    area.addEventListener("input", test);
    area.addEventListener("keydown", (ev) => {
      if (ev.key === "Escape") { ev.preventDefault(); closePicker(); anchor.focus(); }
      else if (ev.key === "Enter" && !ev.shiftKey) { ev.preventDefault(); save.click(); }
      ev.stopPropagation();
    });
    anchor.after(box);
    document.body.append(bar);
    state.picker = box;
    state.quote = { area, test, bar };
    test();
    area.focus();
  }

  // words selected in the article's text while a quote is being corrected become the new quote
  document.addEventListener("selectionchange", () => {
    if (!state.quote || !state.picker || !state.picker.isConnected) return;
    const sel = window.getSelection();
    const inText = sel && sel.rangeCount && document.getElementById("text").contains(sel.anchorNode);
    const words = inText ? sel.toString() : "";
    if (!words.trim()) return;
    state.quote.area.value = words.trim();
    state.quote.test();
  });

  function focus(id, scrollCard) {
    state.focus = id;
    for (const m of document.querySelectorAll("#text mark")) {
      m.classList.toggle("focus", m.dataset.claims.split(" ").includes(id));
    }
    for (const b of document.querySelectorAll(".card")) b.classList.toggle("focus", b.dataset.id === id);
    const target = scrollCard ? document.getElementById("cand-" + id) : document.querySelector("#text mark.focus");
    if (target) target.scrollIntoView({ block: "nearest" });
  }

  // --- what still stops publication -----------------------------------------------------------------------

  async function blockers() {
    const asked = ++state.blockersAsked;
    const box = document.getElementById("blockers");
    box.querySelector("p").textContent = T("checking");
    let answer;
    try {
      answer = await call("/api/blockers");
    } catch (e) {
      return;
    }
    if (asked !== state.blockersAsked) return; // a newer check is under way
    const list = box.querySelector("ul");
    // missing required fields are blockers too: the page knows them before the build says so
    const items = [];
    const named = new Set(answer.blockers.map((b) => b.claim));
    for (const c of state.data.candidates) {
      if (c.review !== "accepted" || named.has(c.id)) continue; // the build's own words say it already
      for (const clause of c.clauses) {
        for (const f of clause.fields) {
          if (f.missing && !f.orPrevious) {
            items.push({ claim: c.id, message: clause.name + " : " + oneOf(clause, f) + " — " + T("missing"), p: f.p });
          }
        }
      }
    }
    for (const b of answer.blockers) {
      // said in the page's words when a missing field explains it; the build's own words beside, smaller
      const c = state.data.candidates.find((x) => x.id === b.claim);
      const clause = c && c.clauses.find((cl) => cl.fields.some((f) => f.missing));
      const field = clause && clause.fields.find((f) => f.missing);
      items.push(field ? Object.assign({}, b, { p: field.p, build: b.message,
        message: clause.name + " : " + oneOf(clause, field) + " — " + T("missing") })
        : b.plain && b.plain !== b.message ? Object.assign({}, b, { message: b.plain, build: b.message }) : b);
    }
    box.querySelector("p").textContent = items.length ? "" : T("noBlockers");
    box.classList.toggle("clear", !items.length);
    list.replaceChildren(...items.map((b) => el("li", { "data-claim": b.claim || "" },
      el("span", { text: (b.claim ? title(b.claim) + " : " : "") + b.message }),
      b.build ? el("small", { class: "build", text: " (" + b.build + ")" }) : null,
      // what no control of the page fixes (the article's metadata, a shared file): what to do, and where
      !b.claim && !(b.accept || []).length && b.fix
        ? el("span", { class: "fix", "data-role": "fix-text", text: " — " + T("fixes") + " : " + b.fix }) : null,
      ...(b.accept || []).map((id) => el("button", { "data-role": "fix-accept", "data-id": id,
        text: T("accept") + " « " + title(id) + " »", onclick: () => decide([id], "accepted") })),
      b.claim && !(b.accept || []).length
        ? el("button", { "data-role": "fix", text: T("fix"), onclick: () => fix(b) }) : null,
      b.publisher ? namePublisher() : null)));
  }

  // a field, or the alternatives of which one is needed ("attesté lors de ou attesté dans ou date de début")
  function oneOf(clause, f) {
    const at = clause.fields.indexOf(f);
    const names = [f.pl];
    for (const g of clause.fields.slice(at + 1)) {
      if (!g.orPrevious) break;
      names.push(g.pl);
    }
    return names.join(" " + T("or") + " ");
  }

  // a publisher the graph does not describe: named here, it becomes an accepted claim (what kg ingest --publisher
  // "Name" proposes)
  function namePublisher() {
    const b = el("button", { "data-role": "name-publisher", text: T("namePublisher") });
    b.addEventListener("click", () => openInput(b, "", "", async (name) => {
      try {
        render(await call("/api/publisher", { name }));
        say(T("namePublisher") + " : " + name + " — " + T("saved"), "ok", true);
      } catch (e) {
        say(e.message, "error");
      }
    }));
    return b;
  }

  function fix(b) {
    focus(b.claim, true);
    const cardEl = document.getElementById("cand-" + b.claim);
    const target = (b.p && cardEl.querySelector(`[data-role=missing][data-p="${CSS.escape(b.p)}"]`)) ||
      cardEl.querySelector("[data-role=missing]") || cardEl.querySelector("button.value, select");
    if (target) {
      target.focus();
      if (target.dataset.role === "missing") target.click();
    }
  }

  // a click elsewhere closes an open pick-list or field (nothing is saved)
  // (but selecting words in the text is how a quote being corrected is chosen, and the phone's bar saves them)
  document.addEventListener("mousedown", (ev) => {
    if (state.quote && (document.getElementById("text").contains(ev.target) || state.quote.bar.contains(ev.target))) {
      return;
    }
    if (state.picker && !state.picker.contains(ev.target)) closePicker();
  });

  // --- keyboard review ------------------------------------------------------------------------------------

  function move(step) {
    const ids = state.data.candidates.map((c) => c.id);
    const at = ids.indexOf(state.focus);
    const next = ids[Math.max(0, Math.min(ids.length - 1, at < 0 ? 0 : at + step))];
    if (next) {
      focus(next, true);
      document.getElementById("cand-" + next).focus({ preventScroll: true });
    }
  }

  document.addEventListener("keydown", (ev) => {
    if (ev.ctrlKey || ev.metaKey || ev.altKey || !state.data) return;
    const tag = (ev.target.tagName || "").toLowerCase();
    if (tag === "input" || tag === "select" || tag === "textarea") return;
    if (ev.key === "Escape") { closePicker(); return; }
    const id = state.focus;
    const handlers = {
      j: () => move(1), ArrowDown: () => move(1), k: () => move(-1), ArrowUp: () => move(-1),
      // the next card at once, not when the save is back: a key pressed meanwhile ("r" then "k") is not undone
      a: () => { if (id) { decide([id], "accepted"); move(1); } },
      r: () => { if (id) { decide([id], "rejected"); move(1); } },
      p: () => id && decide([id], "pending"),
      u: () => doUndo(),
      e: () => { // a field to fill in opens at once; otherwise the first part that can be changed takes the focus
        const cardEl = id && document.getElementById("cand-" + id);
        if (!cardEl) return;
        const missing = cardEl.querySelector("[data-role=missing]");
        const first = missing || cardEl.querySelector(".sentence select, .sentence button.value:not([disabled])");
        if (first) { first.focus(); if (missing) missing.click(); }
      },
    };
    if (handlers[ev.key]) { ev.preventDefault(); handlers[ev.key](); }
  });

  // --- the page -------------------------------------------------------------------------------------------

  // A pick-list, field or quote editor opened while a save was on its way would vanish with the card the answer
  // replaces: it is opened again from the same control of the new card (its handler then works on the saved
  // data, never on the old), with what was typed in it. Only when the card still has that control at the same
  // place among its like (else it stays closed rather than open on another field).
  const likeOf = (b) => (x) => x.dataset.role === b.dataset.role && (x.dataset.iri || "") === (b.dataset.iri || "");

  function reopenable(box) {
    const anchor = box.previousElementSibling;
    const cardEl = box.closest(".card");
    if (!anchor || !cardEl || anchor.tagName !== "BUTTON" || !anchor.dataset.role) return null;
    const like = [...cardEl.querySelectorAll("button")].filter(likeOf(anchor));
    const input = box.querySelector("input, textarea");
    return { card: cardEl.id, anchor, index: like.indexOf(anchor), count: like.length, text: input ? input.value : null };
  }

  function reopen(open) {
    const cardEl = document.getElementById(open.card);
    const like = cardEl ? [...cardEl.querySelectorAll("button")].filter(likeOf(open.anchor)) : [];
    if (like.length !== open.count || !like[open.index]) { closePicker(); return; }
    like[open.index].click();
    const input = state.picker && state.picker.querySelector("input, textarea");
    if (input && open.text !== null) {
      input.value = open.text;
      input.dispatchEvent(new Event("input"));
    }
  }

  function render(d) {
    state.data = d;
    document.documentElement.lang = d.ui.lang;
    document.getElementById("title").textContent = d.article.title;
    document.title = "kg review · " + d.article.id;
    document.getElementById("reviewer").textContent = T("reviewer") + " : " + d.reviewer;
    const counts = {};
    for (const c of d.candidates) counts[c.review] = (counts[c.review] || 0) + 1;
    document.getElementById("counts").textContent = Object.entries(counts)
      .map(([k, n]) => n + " " + reviewLabel(k)).join(" · ");
    document.getElementById("blockers-title").textContent = T("blockers");
    document.getElementById("keys").textContent = T("keys");
    const byId = Object.fromEntries(d.candidates.map((c) => [c.id, c]));
    const text = document.getElementById("text");
    text.setAttribute("lang", d.article.lang);
    text.replaceChildren(...d.segments.map((s) => {
      if (!s.claims.length) return document.createTextNode(s.text);
      const reviews = s.claims.map((id) => byId[id] && byId[id].review);
      const cls = reviews.every((r) => r === "rejected") ? "rejected" : reviews.every((r) => r === "accepted")
        ? "accepted" : "";
      return el("mark", { class: cls, "data-claims": s.claims.join(" "),
        title: s.claims.map((id) => byId[id] ? byId[id].subjectLabel : id).join(" · "), text: s.text,
        // while a quote is being corrected, a click in the text is a selection, not a move to another card
        onclick: () => { if (!state.quote) focus(s.claims[0], true); } });
    }));
    // the keyboard's place survives a save: the element that had the focus in a card gets it back in the new card
    const active = document.activeElement;
    const activeCard = active && active.closest ? active.closest(".card") : null;
    const activeRole = activeCard && active !== activeCard ? active.dataset.role : null;
    const open = state.picker && state.picker.isConnected ? reopenable(state.picker) : null;
    document.getElementById("candidates").replaceChildren(...d.candidates.map(card));
    if (state.focus && byId[state.focus]) focus(state.focus, false);
    if (open) reopen(open);
    const again = activeCard && document.getElementById(activeCard.id);
    if (again) {
      const inner = activeRole ? again.querySelector("[data-role=\"" + CSS.escape(activeRole) + "\"]") : null;
      (inner || again).focus({ preventScroll: true });
    }
    window.kgReview = { state: d, entities: state.entities };
    blockers();
  }

  Promise.all([call("/api/state"), call("/api/choices")]).then(([d, choices]) => {
    state.entities = choices.entities;
    render(d);
  }).catch((e) => say(e.message, "error"));
})();
