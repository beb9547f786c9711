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
