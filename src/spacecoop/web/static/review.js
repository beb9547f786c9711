// The review desk: keyboard review of the queue (j/k, a, r, e), merges, and adding a fact from a
// text selection. The token lives in sessionStorage and goes out as a bearer header, so no cookie
// can be replayed by another site. Every text from the store is set with textContent, never HTML.
(function () {
  "use strict";
  const KEY = "spacecoop-review-token";
  const status = document.getElementById("status");

  function token() { return sessionStorage.getItem(KEY) || ""; }

  function say(message, isError) {
    if (!status) return;
    status.textContent = message;
    status.className = isError ? "warn" : "muted";
  }

  async function api(method, url, body) {
    const response = await fetch(url, {
      method: method,
      headers: { "Authorization": "Bearer " + token(), "Content-Type": "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    let data = null;
    try { data = await response.json(); } catch (e) { data = null; }
    return { status: response.status, data: data };
  }

  function el(tag, props, children) {
    const node = document.createElement(tag);
    Object.entries(props || {}).forEach(([k, v]) => {
      if (k === "text") node.textContent = v; else if (k === "class") node.className = v; else node.setAttribute(k, v);
    });
    (children || []).forEach((c) => node.appendChild(typeof c === "string" ? document.createTextNode(c) : c));
    return node;
  }

  function show(value) {
    if (Array.isArray(value)) return value.join("; ");
    return value === null || value === undefined ? "" : String(value);
  }

  // --- the queue ---------------------------------------------------------------------------------

  const queue = document.getElementById("queue");
  let current = 0;

  function items() { return queue ? Array.from(queue.querySelectorAll("li.item")) : []; }

  function focusItem(index) {
    const all = items();
    if (!all.length) return;
    current = Math.max(0, Math.min(index, all.length - 1));
    all.forEach((li, i) => {
      li.classList.toggle("current", i === current);
      if (i === current) li.setAttribute("aria-current", "true"); else li.removeAttribute("aria-current");
    });
    all[current].scrollIntoView({ block: "nearest" });
  }

  function renderFact(li, fact) {
    li.dataset.id = fact.id;
    li.dataset.version = String(fact.version || 0);
    li.dataset.args = JSON.stringify(fact.args || {});
    li.dataset.date = fact.date || "";
    li.dataset.status = fact.status || "";
    const args = li.querySelector(".args");
    args.textContent = Object.entries(fact.args || {}).filter(([, v]) => v && v.length !== 0)
      .map(([k, v]) => k + ": " + show(v)).join(" · ") + (fact.date ? " · date: " + fact.date : "");
    const mark = li.querySelector(".review-mark");
    mark.textContent = fact.review || "machine";
    mark.className = "review-mark " + (fact.review || "machine");
  }

  function renderItem(item) {
    const li = el("li", { class: "item", tabindex: "-1" }, [
      el("span", { class: "badge " + item.type, text: item.type }), " ",
      el("span", { class: "review-mark machine", text: "machine" }), " ",
      el("a", { href: "/review/facts/" + item.id, text: item.id }), " ",
      el("span", { class: "muted", text: (item.reasons || []).join("; ") }),
      el("div", { class: "args" }),
      el("blockquote", { class: "evidence", text: item.evidence }),
      el("div", { class: "muted" }, [
        el("a", { class: "source", href: "/review/documents/" + item.doc_id, text: item.doc_key }),
        " · confidence " + Math.round((item.confidence || 0) * 100) + "%",
      ]),
      el("div", { class: "form-slot" }),
    ]);
    renderFact(li, Object.assign({ review: "machine", version: 0 }, item));
    return li;
  }

  async function loadQueue() {
    const answer = await api("GET", "/api/review/queue?limit=100");
    if (answer.status !== 200) { say(answer.data ? answer.data.error.message : "cannot load the queue", true); return; }
    queue.replaceChildren(...answer.data.items.map(renderItem));
    document.getElementById("queue-total").textContent = "(" + answer.data.total + " undecided)";
    const recheck = document.getElementById("recheck");
    recheck.replaceChildren(...answer.data.recheck.map((c) => el("li", {}, [
      el("a", { href: "/review/facts/" + c.fact_id, text: c.fact_id }),
      " " + c.verdict + ", evidence " + c.evidence_state + ": " + (c.evidence_note || ""),
    ])));
    document.getElementById("recheck-section").hidden = !answer.data.recheck.length;
    focusItem(0);
  }

  function closeForm(li) { li.querySelector(".form-slot").replaceChildren(); }

  function conflict(li, answer) {
    const now = answer.data.current;
    renderFact(li, now);
    li.querySelector(".form-slot").replaceChildren(el("p", { class: "review-conflict" }, [
      answer.data.error.message + ". The fact now reads as shown (version " + now.version + ", " + now.review +
      "). Press a to accept it as it is, or e to edit this version.",
    ]));
    say("Conflict: someone changed this fact first; nothing of theirs was overwritten", true);
  }

  async function act(li, action, body) {
    body.version = Number(li.dataset.version);
    const answer = await api("POST", "/api/review/facts/" + li.dataset.id + "/" + action, body);
    if (answer.status === 409) { conflict(li, answer); return false; }
    if (answer.status !== 200) { say(answer.data ? answer.data.error.message : "failed", true); return false; }
    renderFact(li, answer.data);
    closeForm(li);
    li.classList.add("done");
    say(li.dataset.id + ": " + answer.data.review);
    focusItem(current + 1);
    return true;
  }

  function rejectForm(li) {
    const input = el("input", { name: "reason", size: "50", placeholder: "why is this wrong?", required: "" });
    const form = el("form", { class: "review-form reject-form" }, [el("label", {}, ["Reason ", input]),
      el("button", { type: "submit", text: "Reject" })]);
    form.addEventListener("submit", (event) => { event.preventDefault(); act(li, "reject", { reason: input.value }); });
    li.querySelector(".form-slot").replaceChildren(form);
    input.focus();
  }

  function editForm(li) {
    const args = JSON.parse(li.dataset.args || "{}");
    const fields = Object.keys(args).sort().map((name) => {
      const input = el("input", { name: name, value: show(args[name]), size: "30" });
      input.dataset.list = Array.isArray(args[name]) ? "1" : "";
      return el("label", {}, [name + " ", input]);
    });
    const date = el("input", { name: "@date", value: li.dataset.date, size: "12" });
    const reason = el("input", { name: "@reason", size: "30" });
    const form = el("form", { class: "review-form edit-form" }, fields.concat([
      el("label", {}, ["date ", date]), el("label", {}, ["why ", reason]),
      el("button", { type: "submit", text: "Save" })]));
    form.addEventListener("submit", (event) => {
      event.preventDefault();
      const changed = {};
      form.querySelectorAll("input").forEach((input) => {
        if (input.name.startsWith("@")) return;
        const value = input.dataset.list ? input.value.split(";").map((v) => v.trim()).filter(Boolean) : (input.value.trim() || null);
        if (JSON.stringify(value) !== JSON.stringify(args[input.name])) changed[input.name] = value;
      });
      const body = { reason: reason.value || null };
      if (Object.keys(changed).length) body.args = changed;
      if (date.value !== li.dataset.date) body.date = date.value;
      act(li, "edit", body);
    });
    li.querySelector(".form-slot").replaceChildren(form);
    (form.querySelector("input") || date).focus();
  }

  function onKey(event) {
    const li = items()[current];
    if (event.key === "Escape" && li) { closeForm(li); li.focus(); return; }
    const tag = (event.target.tagName || "").toLowerCase();
    if (tag === "input" || tag === "textarea" || tag === "select" || event.ctrlKey || event.metaKey || event.altKey) return;
    if (event.key === "j") focusItem(current + 1);
    else if (event.key === "k") focusItem(current - 1);
    else if (!li) return;
    else if (event.key === "a") act(li, "accept", {});
    else if (event.key === "r") rejectForm(li);
    else if (event.key === "e") editForm(li);
    else if (event.key === "o") window.location.href = li.querySelector("a.source").href;
    else return;
    event.preventDefault();
  }

  // Merge and split forms: list fields ("names", "facts") are written with ';' between items.
  function operationForm(id, url, done) {
    const form = document.getElementById(id);
    if (!form) return;
    form.addEventListener("submit", async (event) => {
      event.preventDefault();
      const body = Object.fromEntries(new FormData(form).entries());
      ["names", "facts"].forEach((k) => {
        if (k in body) body[k] = body[k].split(";").map((v) => v.trim()).filter(Boolean);
      });
      const answer = await api("POST", url, body);
      if (answer.status === 200) { say(done(body)); form.reset(); }
      else say(answer.data ? answer.data.error.message : "failed", true);
    });
  }

  async function startDesk() {
    const signin = document.getElementById("signin");
    const desk = document.getElementById("desk");
    document.getElementById("signin-form").addEventListener("submit", (event) => {
      event.preventDefault();
      sessionStorage.setItem(KEY, document.getElementById("token").value.trim());
      startDesk();
    });
    document.getElementById("signout").addEventListener("click", () => { sessionStorage.removeItem(KEY); location.reload(); });
    if (!token()) { signin.hidden = false; desk.hidden = true; return; }
    const who = await api("GET", "/api/review/whoami");
    if (who.status !== 200 || (who.data.role !== "reviewer" && who.data.role !== "admin")) {
      signin.hidden = false; desk.hidden = true;
      say(who.status === 200 ? "A " + who.data.role + " token cannot review; give a reviewer token"
        : (who.data ? who.data.error.message : "token refused"), true);
      return;
    }
    signin.hidden = true; desk.hidden = false;
    document.getElementById("who").textContent = "Reviewing as " + who.data.name + " (" + who.data.role + ")";
    operationForm("merge-entities", "/api/review/entities/merge", (b) => "Merged: " + b.merge + " into " + b.keep);
    operationForm("merge-events", "/api/review/events/merge", (b) => "Merged: " + b.merge + " into " + b.keep);
    operationForm("split-entity", "/api/review/entities/split", (b) => "Split " + b.names.join(", ") + " off " + b.entity);
    operationForm("split-event", "/api/review/events/split", (b) => "Split " + b.facts.length + " reports off " + b.event);
    document.addEventListener("keydown", onKey);
    await loadQueue();
  }

  // --- adding a fact from a selection in the document ----------------------------------------

  function startAdd() {
    const text = document.getElementById("doc-text");
    const form = document.getElementById("add-fact");
    let span = null;
    document.addEventListener("selectionchange", () => {
      const selection = document.getSelection();
      if (!selection.rangeCount || !text.contains(selection.anchorNode) || selection.isCollapsed) return;
      const range = selection.getRangeAt(0);
      const before = document.createRange();
      before.setStart(text, 0);
      before.setEnd(range.startContainer, range.startOffset);
      // Offsets in code points, as the store counts them (not UTF-16 units).
      const start = Array.from(before.toString()).length;
      const chosen = range.toString();
      span = { start: start, end: start + Array.from(chosen).length };
      document.getElementById("selection").textContent = chosen;
      document.getElementById("span").textContent = "characters " + span.start + "–" + span.end;
    });
    form.addEventListener("submit", async (event) => {
      event.preventDefault();
      if (!span) { say("Select the evidence in the text first", true); return; }
      if (!token()) { say("Give your reviewer token on the review page first", true); return; }
      const data = new FormData(form);
      const args = {};
      String(data.get("args") || "").split("\n").forEach((line) => {
        const at = line.indexOf("=");
        if (at < 1) return;
        const value = line.slice(at + 1).trim();
        args[line.slice(0, at).trim()] = value.includes(";") ? value.split(";").map((v) => v.trim()).filter(Boolean) : (value || null);
      });
      const answer = await api("POST", "/api/review/facts", {
        doc_id: text.dataset.docId, type: data.get("type"), start: span.start, end: span.end, args: args,
        date: data.get("date") || null, status: data.get("status") || null, reason: data.get("reason") || null,
      });
      if (answer.status === 201) {
        say("Added fact " + answer.data.id);
        const link = el("a", { href: "/review/facts/" + answer.data.id, text: "see its history", id: "added-link" });
        status.appendChild(document.createTextNode(" · "));
        status.appendChild(link);
      } else say(answer.data ? answer.data.error.message : "failed", true);
    });
  }

  if (document.getElementById("desk")) startDesk();
  if (document.getElementById("add-fact")) startAdd();
})();
