// newsmill report: search and sort for the tables (the pages work without it, unsorted and unfiltered).
(function () {
  "use strict";
  var table = document.querySelector("table.sortable");
  if (!table) return;
  var body = table.tBodies[0];
  var rows = Array.prototype.slice.call(body.rows);
  var search = document.getElementById("search");
  var shown = document.getElementById("shown");
  function filter() {
    var words = (search ? search.value : "").toLowerCase().split(/\s+/).filter(Boolean);
    var count = 0;
    rows.forEach(function (row) {
      var text = row.textContent.toLowerCase();
      var match = words.every(function (word) { return text.indexOf(word) >= 0; });
      row.hidden = !match;
      if (match) count += 1;
    });
    if (shown) shown.textContent = count + " of " + rows.length + " shown";
  }
  if (search) search.addEventListener("input", filter);
  Array.prototype.forEach.call(table.tHead.rows[0].cells, function (cell, column) {
    var kind = cell.getAttribute("data-sort");
    if (!kind) return;
    cell.addEventListener("click", function () {
      var ascending = !cell.classList.contains("sorted-asc");
      Array.prototype.forEach.call(table.tHead.rows[0].cells, function (c) { c.classList.remove("sorted-asc", "sorted-desc"); });
      cell.classList.add(ascending ? "sorted-asc" : "sorted-desc");
      rows.sort(function (a, b) {
        var x = a.cells[column].textContent.trim(), y = b.cells[column].textContent.trim();
        var order = kind === "number" ? (parseFloat(x) || 0) - (parseFloat(y) || 0) : x.localeCompare(y);
        return ascending ? order : -order;
      });
      rows.forEach(function (row) { body.appendChild(row); });
    });
  });
  filter();
})();
