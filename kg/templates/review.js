// The review page: shows the article with each candidate's words highlighted and sends every decision to the
// local server, which writes it to the claims file at once. Everything from the article or the data is
// inserted as text (textContent, Option), never as markup.
"use strict";
(function () {
  const token = new URLSearchParams(window.location.search).get("token") || "";
  const state = { data: null, focus: null };

  function el(tag, attrs, ...children) {
    const node = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) {
      if (k === "class") node.className = v;
      else if (k === "text") node.textContent = v;
      else if (k.startsWith("on")) node.addEventListener(k.slice(2), v);
      else node.setAttribute(k, v);
    }
    for (const c of children) if (c !== null && c !== undefined) node.append(c);
    return node;
  }

  function label(iri) {
    const d = state.data;
    return (d.labels && d.labels[iri]) || (iri || "").replace(/^.*[/#]/, "");
  }

  function say(text, kind) {
    const m = document.getElementById("message");
    m.textContent = text;
    m.className = kind || "";
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
    try {
      render(await call(path, body));
      say(done + " — saved", "ok");
    } catch (e) {
      render(state.data); // the pick-lists show the file's values again, not the refused one
      say(e.message, "error");
    }
  }

  const decide = (ids, decision) => send("/api/decide", { ids, decision }, ids.join(", ") + ": " + decision);
  const correct = (id, change, what) => send("/api/correct", { id, change }, id + ": " + what);

  function select(options, current, placeholder, onchange, role) {
    const s = el("select", { "data-role": role });
    if (placeholder) s.append(new Option(placeholder, ""));
    let groups = {};
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

  function chips(c, values, all, what, role) {
    const row = el("div", { class: "row", "data-role": role }, el("span", { class: "name", text: what }));
    for (const v of values) {
      row.append(el("span", { class: "chip", "data-iri": v }, label(v),
        el("button", { title: "remove", "aria-label": "remove " + label(v), text: "×",
          onclick: () => correct(c.id, { set: role, values: values.filter((x) => x !== v) }, "removed " + label(v)) })));
    }
    row.append(select(all.filter((o) => !values.includes(o.iri)), "", "add…",
      (v) => v && correct(c.id, { set: role, values: values.concat([v]) }, "added " + label(v)), "add-" + role));
    return row;
  }

  function card(c) {
    const d = state.data;
    const ch = d.choices;
    const box = el("section", { class: "card " + c.review, id: "cand-" + c.id, "data-id": c.id,
      onclick: () => focus(c.id, false) });
    const review = ch.reviews[c.review];
    box.append(el("h2", {}, el("span", { text: c.id }),
      el("span", { class: "badge " + c.review, "data-role": "review", text: review ? review.label : c.review }),
      c.confidence !== null ? el("span", { class: "meta", text: "confidence " + c.confidence }) : null,
      c.rules.length ? el("span", { class: "meta", text: c.rules.join(", ") }) : null));
    if (c.reviewedBy) box.append(el("div", { class: "meta", text: c.reviewedBy + " · " + c.reviewedAt }));
    c.evidence.forEach((e, i) => box.append(el("blockquote", { class: c.found[i] ? "" : "missing",
      title: c.found[i] ? "" : "not found in the text", text: e })));
    if (c.accordingTo.length) box.append(el("div", { class: "meta", text: "on the word of " +
      c.accordingTo.map((a) => a.label).join(", ") }));
    for (const note of c.comments) box.append(el("div", { class: "meta", text: note }));
    if (c.subject) box.append(el("div", { class: "row" }, el("span", { class: "name", text: "about" }),
      el("strong", { text: c.subjectLabel })));
    if (c.kind) {
      const kinds = ch.kinds.filter((k) => c.kinds.includes(k.iri));
      box.append(el("div", { class: "row" }, el("span", { class: "name", text: "kind" }),
        select(kinds, c.kind, null, (v) => correct(c.id, { set: "kind", value: v }, "kind " + label(v)), "kind")));
    }
    const undertaking = c.undertaking || c.status;
    if (undertaking) {
      box.append(el("div", { class: "row" }, el("span", { class: "name", text: "status" }),
        select(ch.statuses, c.status, c.status ? null : "none stated", (v) => v && correct(c.id,
          { set: "status", value: v }, "status " + label(v)), "status")));
    }
    const entities = ch.entities.concat(ch.proposed);
    // a pick-list of the same family of classes as the current value (all entities if none is known)
    const like = (list, fam) => (fam && list.some((e) => e.family === fam) ? list.filter((e) => e.family === fam) : list);
    if (undertaking || c.parties.length) {
      box.append(chips(c, c.parties, like(entities, ch.partyFamily), "parties", "parties"));
    }
    if (undertaking || c.domains.length) box.append(chips(c, c.domains, ch.domains, "domains", "domains"));
    for (const l of c.links) {
      box.append(el("div", { class: "row", "data-role": "link" },
        el("span", { class: "name", text: l.pl }),
        select(like(entities, l.family), l.o, null, (v) => correct(c.id, { link: [l.s, l.p, l.o], value: v }, l.pl + " " + label(v)),
          "link"),
        el("button", { title: "remove this link", text: "×", "data-role": "unlink",
          onclick: () => correct(c.id, { link: [l.s, l.p, l.o], value: "" }, "removed " + l.pl) })));
    }
    for (const n of c.newEntities) {
      box.append(el("div", { class: "row", "data-role": "merge", "data-iri": n.iri },
        el("span", { class: "name", text: "new" }), el("span", { class: "chip", text: label(n.iri) }),
        select(like(ch.entities, n.family), "", "same as…", (v) => v && correct(c.id, { merge: n.iri, into: v },
          label(n.iri) + " merged into " + label(v)), "merge")));
    }
    box.append(el("div", { class: "actions" },
      el("button", { "data-role": "accept", text: "Accept", onclick: (ev) => { ev.stopPropagation(); decide([c.id], "accepted"); } }),
      el("button", { "data-role": "reject", text: "Reject", onclick: (ev) => { ev.stopPropagation(); decide([c.id], "rejected"); } }),
      c.review === "accepted" || c.review === "rejected"
        ? el("button", { "data-role": "reopen", text: "Back to pending",
          onclick: (ev) => { ev.stopPropagation(); decide([c.id], "pending"); } }) : null));
    return box;
  }

  function focus(id, scrollCard) {
    state.focus = id;
    for (const m of document.querySelectorAll("#text mark")) {
      m.classList.toggle("focus", m.dataset.claims.split(" ").includes(id));
    }
    for (const b of document.querySelectorAll(".card")) b.classList.toggle("focus", b.dataset.id === id);
    const target = scrollCard ? document.getElementById("cand-" + id)
      : document.querySelector("#text mark.focus");
    if (target) target.scrollIntoView({ block: "nearest" });
  }

  function render(d) {
    state.data = d;
    document.getElementById("title").textContent = d.article.title;
    document.title = "kg review · " + d.article.id;
    document.getElementById("reviewer").textContent = "reviewer: " + d.reviewer;
    const counts = {};
    for (const c of d.candidates) counts[c.review] = (counts[c.review] || 0) + 1;
    document.getElementById("counts").textContent = Object.entries(counts).map(([k, n]) => n + " " + k).join(" · ");
    const byId = Object.fromEntries(d.candidates.map((c) => [c.id, c]));
    const text = document.getElementById("text");
    text.setAttribute("lang", d.article.lang);
    text.replaceChildren(...d.segments.map((s) => {
      if (!s.claims.length) return document.createTextNode(s.text);
      const reviews = s.claims.map((id) => byId[id] && byId[id].review);
      const cls = reviews.every((r) => r === "rejected") ? "rejected" : reviews.every((r) => r === "accepted")
        ? "accepted" : "";
      return el("mark", { class: cls, "data-claims": s.claims.join(" "), title: s.claims.join(", "), text: s.text,
        onclick: () => focus(s.claims[0], true) });
    }));
    document.getElementById("candidates").replaceChildren(...d.candidates.map(card));
    if (state.focus) focus(state.focus, false);
    window.kgReview = { state: d };
  }

  call("/api/state").then(render).catch((e) => say(e.message, "error"));
})();
