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
