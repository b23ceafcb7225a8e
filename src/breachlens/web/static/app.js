// breachlens dashboard: the only script, served from this server (CSP script-src 'self'). No data from a source
// is ever read as HTML here: the script only toggles classes and asks for confirmation.
"use strict";
document.addEventListener("DOMContentLoaded", function () {
  // Forms marked data-confirm ask before they change anything.
  document.querySelectorAll("form[data-confirm]").forEach(function (form) {
    form.addEventListener("submit", function (event) {
      if (!window.confirm(form.getAttribute("data-confirm"))) { event.preventDefault(); }
    });
  });
  // Pointing at a field row lights up the evidence of that field in the source text beside it.
  document.querySelectorAll("article.claim").forEach(function (article) {
    article.querySelectorAll("table.fields tr").forEach(function (row, index) {
      var keys = ["victim", "country", "sector", "records", "data_categories", "claim_type", "actor", "venue", "date"];
      var key = keys[index];
      row.addEventListener("mouseenter", function () {
        article.querySelectorAll("mark.ev-" + key).forEach(function (m) { m.classList.add("lit"); });
      });
      row.addEventListener("mouseleave", function () {
        article.querySelectorAll("mark.lit").forEach(function (m) { m.classList.remove("lit"); });
      });
    });
  });
  // Filter menus apply at once.
  var filters = document.getElementById("filters");
  if (filters) {
    filters.querySelectorAll("select").forEach(function (select) {
      select.addEventListener("change", function () { filters.submit(); });
    });
  }
});
