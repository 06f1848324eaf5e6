// rashomon dashboard: progressive enhancement only (every page works without it).
// Never writes data into the page as HTML: only classList / textContent.
"use strict";

function cleanSubmit(form) {
  // Empty fields stay out of the URL, so shared links are short and readable.
  form.addEventListener("submit", function () {
    Array.prototype.forEach.call(form.elements, function (el) {
      if (el.name && el.value === "") { el.disabled = true; }
    });
  });
  Array.prototype.forEach.call(form.querySelectorAll("select"), function (sel) {
    sel.addEventListener("change", function () {
      if (form.requestSubmit) { form.requestSubmit(); } else { form.submit(); }
    });
  });
}

function linkHighlights() {
  // Hovering a list row lights its map marker, and the other way round.
  function toggle(id, on) {
    document.querySelectorAll('[data-event="' + CSS.escape(id) + '"]').forEach(function (el) {
      el.classList.toggle("hl", on);
    });
  }
  document.querySelectorAll("[data-event]").forEach(function (el) {
    el.addEventListener("mouseenter", function () { toggle(el.dataset.event, true); });
    el.addEventListener("mouseleave", function () { toggle(el.dataset.event, false); });
  });
}

document.addEventListener("DOMContentLoaded", function () {
  var form = document.getElementById("filters");
  if (form) { cleanSubmit(form); }
  linkHighlights();
});
