// disclint HTML report: sorting, filters and lazy page images (inlined by output/html.py).
(function () {
  "use strict";
  var images = JSON.parse(document.getElementById("disclint-images").textContent);
  var strings = JSON.parse(document.getElementById("disclint-strings").textContent);
  var form = document.getElementById("filters");

  // Page images live once in a JSON block; a finding's <img> gets its data: URI when opened.
  function showImages(root) {
    root.querySelectorAll("img[data-image]:not([src])").forEach(function (img) {
      var src = images[img.getAttribute("data-image")];
      if (src) { img.src = src; }
    });
  }
  // Long source lines: scroll each snippet so that its finding's span (else its first
  // marked span) is in sight.
  function showMarks(root) {
    root.querySelectorAll(".snippet pre").forEach(function (pre) {
      var mark = pre.querySelector("mark.finding") || pre.querySelector("mark");
      if (mark && mark.offsetLeft + mark.offsetWidth > pre.clientWidth) {
        pre.scrollLeft = Math.max(0, mark.offsetLeft - pre.clientWidth / 3);
      }
    });
  }
  document.querySelectorAll("details.finding").forEach(function (d) {
    d.addEventListener("toggle", function () { if (d.open) { showImages(d); showMarks(d); } });
  });
  function openTarget() {
    var el = location.hash && document.getElementById(decodeURIComponent(location.hash.slice(1)));
    if (el && el.tagName === "DETAILS") { el.open = true; showImages(el); showMarks(el); }
  }
  // A click on a page image widens the view to the whole band of the page that was
  // rendered (row labels in sight), another click narrows it again.
  function numbers(s) { return s.split(",").map(parseFloat); }
  function place(figure, rect) {
    var w = rect[2] - rect[0], h = rect[3] - rect[1];
    figure.querySelector(".frame").style.aspectRatio = w + "/" + h;
    figure.style.maxWidth = (figure.classList.contains("zoom") ? "none" : Math.round(w * 4 / 3) + "px");
    figure.querySelectorAll("[data-box]").forEach(function (el) {
      var b = numbers(el.dataset.box);
      el.style.left = ((b[0] - rect[0]) / w * 100) + "%";
      el.style.top = ((b[1] - rect[1]) / h * 100) + "%";
      el.style.width = ((b[2] - b[0]) / w * 100) + "%";
      el.style.height = ((b[3] - b[1]) / h * 100) + "%";
    });
  }
  document.querySelectorAll("figure.view").forEach(function (figure) {
    figure.querySelector(".frame").addEventListener("click", function () {
      var rect = numbers(figure.dataset.rect);
      if (figure.classList.toggle("zoom")) {
        var region = numbers(figure.querySelector("img").dataset.box);
        rect = [Math.min(rect[0], region[0]), rect[1], Math.max(rect[2], region[2]), rect[3]];
      }
      place(figure, rect);
    });
  });
  window.addEventListener("hashchange", openTarget);
  openTarget();

  // Filters: severity, rule family (the letter of the code), document.
  function checked(name) {
    var out = {};
    form.querySelectorAll("input[name='" + name + "']").forEach(function (i) { out[i.value] = i.checked; });
    return out;
  }
  function applyFilters() {
    var sev = checked("severity"), fam = checked("family");
    var doc = document.getElementById("document-filter").value;
    var shown = 0, total = 0;
    document.querySelectorAll("details.finding").forEach(function (f) {
      total += 1;
      var famOk = !(f.dataset.family in fam) || fam[f.dataset.family];
      var ok = sev[f.dataset.severity] !== false && famOk && (!doc || f.dataset.doc === doc);
      f.hidden = !ok;
      if (ok) { shown += 1; }
    });
    document.querySelectorAll("section.document").forEach(function (s) {
      s.hidden = !!doc && s.dataset.doc !== doc;
      var none = s.querySelector(".none-shown");
      if (none) { none.hidden = !!s.querySelector("details.finding:not([hidden])"); }
    });
    document.querySelectorAll("#overview-table tbody tr").forEach(function (r) {
      r.hidden = !!doc && r.dataset.doc !== doc;
    });
    document.getElementById("shown").textContent =
      strings.shown.replace("%(shown)s", shown).replace("%(total)s", total);
  }
  form.addEventListener("change", applyFilters);
  applyFilters();

  // Sorting: click a column header; again to reverse.
  var table = document.getElementById("overview-table");
  table.querySelectorAll("th").forEach(function (th, col) {
    th.querySelector("button").addEventListener("click", function () {
      var asc = th.getAttribute("aria-sort") !== "ascending";
      table.querySelectorAll("th").forEach(function (h) { h.setAttribute("aria-sort", "none"); });
      th.setAttribute("aria-sort", asc ? "ascending" : "descending");
      var numeric = th.dataset.type === "num";
      var body = table.tBodies[0];
      var rows = Array.prototype.slice.call(body.rows);
      rows.sort(function (a, b) {
        var x = a.cells[col].dataset.value, y = b.cells[col].dataset.value;
        var c = numeric ? (parseFloat(x) || 0) - (parseFloat(y) || 0) : x.localeCompare(y);
        return asc ? c : -c;
      });
      rows.forEach(function (r) { body.appendChild(r); });
    });
  });
})();
