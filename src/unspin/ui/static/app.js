// unspin UI: the only script (CSP: script-src 'self'). It never inserts article text as HTML.
"use strict";
document.addEventListener("DOMContentLoaded", () => {
  // A chosen file's name goes into the title field; the server reads the file itself.
  const file = document.getElementById("file");
  const title = document.getElementById("title");
  if (file && title) {
    file.addEventListener("change", () => {
      if (file.files.length && !title.value) title.value = file.files[0].name;
    });
  }
  // Legend chips toggle the highlighting of one technique.
  for (const chip of document.querySelectorAll("#legend .chip")) {
    chip.addEventListener("click", () => {
      chip.classList.toggle("off");
      const off = new Set([...document.querySelectorAll("#legend .chip.off")].map((c) => c.dataset.label));
      for (const span of document.querySelectorAll("#article-text .hl.t")) {
        const labels = span.dataset.labels.split("|");
        span.classList.toggle("dim", labels.every((l) => off.has(l)));
      }
    });
  }
});
