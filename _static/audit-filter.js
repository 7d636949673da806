/* Filters for the claims audit's full table (tbl-audit-sources): choose a verdict and a topic, other rows hide.
   Offline, no library; pages without that table are left alone, and the PDF shows the whole table. */
document.addEventListener("DOMContentLoaded", function () {
  var anchor = document.getElementById("tbl-audit-sources");
  if (!anchor) return;
  // The label is the table itself, or (for a table shown in the HTML edition only) an anchor before it.
  var holder = anchor.closest(".sb-html-only");
  var table = anchor.tagName === "TABLE" ? anchor
    : anchor.querySelector("table") || anchor.closest("table") || (holder && holder.querySelector("table"));
  if (!table || !table.tBodies.length) return;
  var headers = Array.prototype.map.call(table.tHead ? table.tHead.rows[0].cells : [], function (cell) {
    return cell.textContent.trim();
  });
  var rows = Array.prototype.slice.call(table.tBodies[0].rows);
  var bar = document.createElement("div");
  bar.className = "sb-audit-filter";
  var choices = ["Overall verdict", "Topic"].map(function (name) {
    var column = headers.indexOf(name);
    if (column < 0) return null;
    var values = rows.map(function (row) { return row.cells[column].textContent.trim(); });
    var select = document.createElement("select");
    select.setAttribute("aria-label", name);
    ["(all)"].concat(values.filter(function (v, i) { return values.indexOf(v) === i; }).sort()).forEach(function (v) {
      var option = document.createElement("option");
      option.value = v === "(all)" ? "" : v;
      option.textContent = v;
      select.appendChild(option);
    });
    var label = document.createElement("label");
    label.textContent = name + " ";
    label.appendChild(select);
    bar.appendChild(label);
    return { column: column, select: select };
  }).filter(Boolean);
  var shown = document.createElement("span");
  bar.appendChild(shown);
  function apply() {
    var count = 0;
    rows.forEach(function (row) {
      var keep = choices.every(function (c) {
        return !c.select.value || row.cells[c.column].textContent.trim() === c.select.value;
      });
      row.style.display = keep ? "" : "none";
      if (keep) count += 1;
    });
    shown.textContent = count + " of " + rows.length + " checks shown";
  }
  choices.forEach(function (c) { c.select.addEventListener("change", apply); });
  table.parentNode.insertBefore(bar, table);
  apply();
});
