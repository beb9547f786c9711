// Small progressive enhancements; every page works without them.
// Never builds markup from data: only textContent and attribute changes.
"use strict";

document.addEventListener("DOMContentLoaded", () => {
  // Period sliders: show the chosen year as it moves, reload the network when released.
  for (const slider of document.querySelectorAll("input[type=range][data-output]")) {
    const output = document.getElementById(slider.dataset.output);
    slider.addEventListener("input", () => {
      if (output) output.textContent = slider.value;
    });
    slider.addEventListener("change", () => {
      const form = slider.form;
      const since = form.elements.since, until = form.elements.until;
      // Keep the period the right way round whichever thumb moved.
      if (since && until && Number(since.value) > Number(until.value)) {
        if (slider === since) until.value = since.value; else since.value = until.value;
      }
      form.submit();
    });
  }

  const network = document.getElementById("network");
  if (network) enableNetwork(network);

  // Timeline: drag across the chart to zoom to the dates under the drag.
  const timeline = document.getElementById("timeline");
  if (timeline) enableDragZoom(timeline);

  // Document page: the evidence of the fact named in the address bar is emphasised and shown.
  const focusEvidence = () => {
    const id = location.hash.startsWith("#fact-") ? location.hash.slice(6) : null;
    let first = null;
    for (const mark of document.querySelectorAll("mark.evidence")) {
      const mine = id !== null && mark.dataset.facts.split(" ").includes(id);
      mark.classList.toggle("focused", mine);
      if (mine && !first) first = mark;
    }
    if (first) first.scrollIntoView({block: "center"});
  };
  focusEvidence();
  window.addEventListener("hashchange", focusEvidence);
});

function enableDragZoom(svg) {
  const lo = Number(svg.dataset.lo), hi = Number(svg.dataset.hi);
  const margin = Number(svg.dataset.margin), plot = Number(svg.dataset.plot);
  const toSvgX = (event) => {
    const point = svg.createSVGPoint();
    point.x = event.clientX;
    point.y = event.clientY;
    return point.matrixTransform(svg.getScreenCTM().inverse()).x;
  };
  const toDate = (x) => {
    const t = lo + (Math.min(Math.max(x, margin), margin + plot) - margin) / plot * (hi - lo);
    const year = Math.floor(t);
    const month = Math.min(12, Math.floor((t - year) * 12) + 1);
    return {year, month};
  };
  let start = null;
  const band = document.createElementNS("http://www.w3.org/2000/svg", "rect");
  band.setAttribute("class", "zoom-band");
  band.setAttribute("y", "0");
  band.setAttribute("height", svg.viewBox.baseVal.height);
  svg.addEventListener("mousedown", (event) => {
    if (event.button !== 0 || event.target.closest("a")) return;
    start = toSvgX(event);
    band.setAttribute("x", start);
    band.setAttribute("width", "0");
    svg.appendChild(band);
    event.preventDefault();
  });
  svg.addEventListener("mousemove", (event) => {
    if (start === null) return;
    const x = toSvgX(event);
    band.setAttribute("x", Math.min(start, x));
    band.setAttribute("width", Math.abs(x - start));
  });
  window.addEventListener("mouseup", (event) => {
    if (start === null) return;
    const end = toSvgX(event);
    const from = Math.min(start, end), to = Math.max(start, end);
    start = null;
    band.remove();
    if (to - from < 8) return;  // a click, not a drag
    const a = toDate(from), b = toDate(to);
    const pad = (n) => String(n).padStart(2, "0");
    const params = new URLSearchParams(location.search);
    params.set("since", `${a.year}-${pad(a.month)}`);
    params.set("until", `${b.year}-${pad(b.month)}`);
    location.search = params.toString();
  });
}

// Network: zoom (wheel, buttons), pan (drag the background), drag a node, find a node by name.
// Labels keep their size on screen while the drawing zooms, so zooming in separates them.
function enableNetwork(svg) {
  const W = Number(svg.dataset.width), H = Number(svg.dataset.height);
  const tools = document.querySelector(".network-tools");
  if (tools) tools.hidden = false;
  let vb = {x: 0, y: 0, w: W, h: H};
  // Labels are 12 px on screen at any zoom and any screen width; the heaviest actors' labels are
  // kept and any label that would overlap one already shown is hidden until a zoom makes room.
  const declutter = () => {
    const shown = [];
    const frame = svg.getBoundingClientRect();
    const perUnit = frame.width / vb.w;
    for (const text of svg.querySelectorAll(".node-label")) {
      text.classList.remove("hidden-label");
      let b = text.getBoundingClientRect();
      // A label past the drawing's edge (wider on screen than the server guessed) moves inside.
      const shift = Math.max(0, frame.left - b.left) - Math.max(0, b.right - frame.right);
      if (shift && vb.w >= W) {
        text.setAttribute("x", Number(text.getAttribute("x")) + shift / perUnit);
        b = text.getBoundingClientRect();
      }
      const found = text.closest(".node-link").classList.contains("found");
      const clash = shown.some((o) => !(b.right <= o.left || o.right <= b.left || b.bottom <= o.top || o.bottom <= b.top));
      if (clash && !found) text.classList.add("hidden-label"); else shown.push(b);
    }
  };
  const apply = () => {
    svg.setAttribute("viewBox", `${vb.x} ${vb.y} ${vb.w} ${vb.h}`);
    const zoom = W / vb.w;
    const perUnit = svg.getBoundingClientRect().width / vb.w;
    svg.style.setProperty("--zoom", zoom);
    svg.style.setProperty("--label", `${(12 / perUnit).toFixed(2)}px`);
    svg.dataset.zoom = zoom.toFixed(2);
    declutter();
  };
  const toSvg = (event) => {
    const point = svg.createSVGPoint();
    point.x = event.clientX;
    point.y = event.clientY;
    return point.matrixTransform(svg.getScreenCTM().inverse());
  };
  const zoomAt = (factor, cx, cy) => {
    const w = Math.min(W * 1.5, Math.max(W / 12, vb.w / factor));
    const k = w / vb.w;
    vb = {x: cx - (cx - vb.x) * k, y: cy - (cy - vb.y) * k, w, h: vb.h * k};
    apply();
  };
  svg.addEventListener("wheel", (event) => {
    event.preventDefault();
    const p = toSvg(event);
    zoomAt(event.deltaY < 0 ? 1.25 : 0.8, p.x, p.y);
  }, {passive: false});
  const center = () => [vb.x + vb.w / 2, vb.y + vb.h / 2];
  const button = (id, fn) => { const b = document.getElementById(id); if (b) b.addEventListener("click", fn); };
  button("zoom-in", () => zoomAt(1.5, ...center()));
  button("zoom-out-net", () => zoomAt(1 / 1.5, ...center()));
  button("zoom-reset", () => { vb = {x: 0, y: 0, w: W, h: H}; apply(); });

  // Pan and drag with pointer events (mouse, pen and touch alike).
  let drag = null, moved = false;
  svg.addEventListener("pointerdown", (event) => {
    if (event.button !== 0) return;
    const node = event.target.closest(".node-link");
    if (event.target.closest(".edge-link") && !node) return;
    const p = toSvg(event);
    drag = {node, start: p, vb: {...vb}, sx: event.clientX, sy: event.clientY};
    moved = false;
    svg.setPointerCapture(event.pointerId);
    if (!node) svg.classList.add("panning");
  });
  svg.addEventListener("pointermove", (event) => {
    if (!drag) return;
    if (Math.abs(event.clientX - drag.sx) + Math.abs(event.clientY - drag.sy) > 4) moved = true;
    if (!moved) return;
    if (drag.node) {
      moveNode(svg, drag.node, toSvg(event));
    } else {
      const scale = vb.w / svg.getBoundingClientRect().width;
      vb = {...drag.vb, x: drag.vb.x - (event.clientX - drag.sx) * scale, y: drag.vb.y - (event.clientY - drag.sy) * scale};
      svg.setAttribute("viewBox", `${vb.x} ${vb.y} ${vb.w} ${vb.h}`);  // a pan moves, it does not rescale
    }
  });
  const end = () => {
    if (drag && moved) declutter();
    drag = null;
    svg.classList.remove("panning");
  };
  svg.addEventListener("pointerup", end);
  svg.addEventListener("pointercancel", end);
  // A drag is not a click: do not follow the link under it.
  svg.addEventListener("click", (event) => { if (moved) { event.preventDefault(); moved = false; } }, true);

  // Find a node: accents and case do not matter; the first name containing the words is shown.
  const fold = (s) => s.normalize("NFKD").replace(/[\u0300-\u036f]/g, "").toLowerCase().trim();
  const search = document.getElementById("node-search");
  const ego = document.getElementById("ego-link");
  if (search) {
    const find = () => {
      const wanted = fold(search.value);
      let found = null;
      for (const node of svg.querySelectorAll(".node-link")) {
        const hit = wanted && !found && fold(node.dataset.name).includes(wanted);
        node.classList.toggle("found", Boolean(hit));
        if (hit) found = node;
      }
      if (ego) ego.hidden = !found;
      if (!found) return;
      if (ego) { ego.href = found.dataset.ego; ego.textContent = `Only ${found.dataset.name} and its partners`; }
      const c = found.querySelector("circle");
      const w = W / 2.5, h = H / 2.5;
      vb = {x: Number(c.getAttribute("cx")) - w / 2, y: Number(c.getAttribute("cy")) - h / 2, w, h};
      apply();
    };
    search.addEventListener("input", find);
    search.addEventListener("keydown", (event) => { if (event.key === "Enter") { event.preventDefault(); find(); } });
  }
  window.addEventListener("resize", apply);
  apply();
}

function moveNode(svg, node, p) {
  const circle = node.querySelector("circle"), label = node.querySelector("text");
  const dx = p.x - Number(circle.getAttribute("cx")), dy = p.y - Number(circle.getAttribute("cy"));
  circle.setAttribute("cx", p.x);
  circle.setAttribute("cy", p.y);
  label.setAttribute("x", Number(label.getAttribute("x")) + dx);
  label.setAttribute("y", Number(label.getAttribute("y")) + dy);
  const id = node.dataset.id;
  for (const link of svg.querySelectorAll(".edge-link")) {
    const end = link.dataset.source === id ? "1" : link.dataset.target === id ? "2" : null;
    if (!end) continue;
    for (const line of link.querySelectorAll("line")) {
      line.setAttribute(`x${end}`, p.x);
      line.setAttribute(`y${end}`, p.y);
    }
  }
}
