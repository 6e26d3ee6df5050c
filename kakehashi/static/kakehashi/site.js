/* Kakehashi's few page behaviours. They live here, not in the HTML, because the
   Content-Security-Policy runs no inline script or on…= handler. Loaded with defer, so the
   page is parsed when this runs. */
"use strict";

(function () {
  // The language menu submits its form when changed (without JavaScript a button shows).
  var language = document.getElementById("lang-select");
  if (language) {
    language.addEventListener("change", function () {
      language.form.submit();
    });
  }

  // Buttons marked data-print print the page.
  document.querySelectorAll("[data-print]").forEach(function (button) {
    button.addEventListener("click", function () {
      window.print();
    });
  });

  // A file larger than the site accepts is refused here, before it is sent (the server
  // refuses it again from its declared size): the field is emptied and says why.
  var maxBytes = parseInt(document.body.getAttribute("data-upload-max-bytes") || "0", 10);
  if (maxBytes) {
    document.addEventListener("change", function (event) {
      var input = event.target;
      if (!input.matches || !input.matches("input[type=file]")) return;
      var old = input.parentNode.querySelector(".upload-too-large");
      if (old) old.remove();
      var tooLarge = Array.prototype.some.call(input.files || [], function (file) {
        return file.size > maxBytes;
      });
      if (!tooLarge) return;
      input.value = "";
      var note = document.createElement("p");
      note.className = "error upload-too-large";
      note.setAttribute("role", "alert");
      note.setAttribute("data-testid", "upload-too-large");
      note.textContent = document.body.getAttribute("data-upload-too-large");
      input.insertAdjacentElement("afterend", note);
    });
  }

  // The job form's skill picker: a skill found by search (htmx fills #skill-results), once
  // clicked, is added to the required skills as "id: 1" (one year).
  var results = document.getElementById("skill-results");
  var required = document.getElementById("id_must_skills");
  if (results && required) {
    results.addEventListener("click", function (event) {
      var button = event.target.closest("[data-skill]");
      if (!button) return;
      var current = required.value.trim();
      required.value = (current ? current + "\n" : "") + button.getAttribute("data-skill") + ": 1";
    });
  }

  // The profile's skill picker: the skill clicked fills the first empty skill row (its name
  // in the reader's language), or a new row cloned from the formset's empty form.
  var skillRows = document.getElementById("skills-rows");
  var skillQuery = document.getElementById("skill-q");
  if (results && skillRows) {
    if (skillQuery) {
      skillQuery.addEventListener("keydown", function (event) {
        if (event.key === "Enter") event.preventDefault(); // a search, not the profile's save
      });
    }
    results.addEventListener("click", function (event) {
      var button = event.target.closest("[data-skill]");
      if (!button) return;
      var empty = Array.prototype.find.call(
        skillRows.querySelectorAll("input[data-skill-input]"),
        function (input) { return !input.value.trim(); }
      );
      if (!empty) {
        var total = document.getElementById("id_skills-TOTAL_FORMS");
        var index = parseInt(total.value, 10);
        var html = document.getElementById("skills-empty-row").innerHTML
          .replace(/__prefix__/g, String(index)).replace("__row__", String(index + 1));
        skillRows.querySelector("tbody").insertAdjacentHTML("beforeend", html);
        total.value = String(index + 1);
        labelCells();
        empty = document.getElementById("id_skills-" + index + "-skill");
      }
      empty.value = button.getAttribute("data-name");
      var years = document.getElementById(empty.id.replace(/-skill$/, "-years"));
      (years || empty).focus();
    });
  }

  // Tables that become one card per row on a phone (site.css, table.stack and table.formset):
  // each cell is labelled with its column's header (again when the skill picker adds a row).
  function labelCells() {
    document.querySelectorAll("table.stack, table.formset").forEach(function (table) {
      var heads = table.querySelectorAll("thead th");
      if (!heads.length) return;
      table.querySelectorAll("tbody tr").forEach(function (row) {
        Array.prototype.forEach.call(row.children, function (cell, index) {
          var head = heads[index];
          var label = head ? head.textContent.trim() : "";
          if (label && !cell.hasAttribute("data-label") && !cell.hasAttribute("colspan")) {
            cell.setAttribute("data-label", label);
          }
        });
      });
    });
  }
  labelCells();
})();
