// Draws every chart of a page from the JSON spec embedded next to it, using the
// Vega libraries bundled into this same file (no network). Each chart is fitted to
// the width of its column (redrawn when that width changes); its state ("drawn" or
// "error") is left on its element, and its Vega view as `sbView`, for readers' tools
// and the tests.
window.vegaEmbed = vegaEmbed;
window.vega = vega;
window.vegaLite = vegaLite;

const MIN_PANEL = 150; // narrowest plot area (px) a panel of small multiples is drawn at
const NARROW = 560; // below this column width, long category labels break onto lines
// Bilingual labels ("Name · 名称", "Name (名称)") break before their Chinese part, then at spaces.
const WRAP_LABEL =
  "length(datum.label) > 22 ? split(replace(replace(datum.label, / · /, '\\n'), / \\(/, '\\n('), '\\n') : datum.label";

function eachView(node, visit) {
  if (!node || typeof node !== "object") return;
  visit(node);
  (node.layer || []).forEach((child) => eachView(child, visit));
  if (node.spec) eachView(node.spec, visit);
}

// In a narrow column, long labels of nominal y axes take several lines instead of the plot's width.
function wrapLongLabels(spec) {
  eachView(spec, (node) => {
    const y = node.encoding && node.encoding.y;
    if (y && y.type === "nominal" && y.axis !== null) {
      y.axis = Object.assign({ labelExpr: WRAP_LABEL, labelLineHeight: 13 }, y.axis || {});
    }
  });
}

// Panels of small multiples in one row, or wrapped into as many columns as fit.
function panelCount(spec) {
  if (spec.facet && spec.facet.column) return null;
  return spec.columns || 1;
}

function fitted(original, width) {
  const spec = JSON.parse(JSON.stringify(original));
  delete spec.title; // the source line is the paragraph under the chart
  if (width < NARROW) wrapLongLabels(spec);
  if (!spec.facet && !spec.hconcat && !spec.concat) {
    spec.width = "container";
    spec.autosize = { type: "fit-x", contains: "padding" };
  }
  return spec;
}

// A faceted chart wider than its column: fewer columns of narrower panels, as many as fit.
function refitFacets(spec, drawnWidth, width, values) {
  const panel = spec.spec.width;
  const columns = spec.facet.column ? values : spec.columns || 1;
  const extra = Math.max(0, drawnWidth - columns * panel) / columns; // axes and gaps per panel
  let count = columns;
  while (count > 1 && (width - extra * count) / count < MIN_PANEL) count -= 1;
  const refit = JSON.parse(JSON.stringify(spec));
  if (refit.facet.column) {
    refit.facet = refit.facet.column;
  }
  refit.columns = count;
  refit.spec.width = Math.max(60, Math.floor((width - extra * count) / count) - 4);
  return refit;
}

function facetValues(spec) {
  const field = spec.facet && spec.facet.column && spec.facet.column.field;
  if (!field || !spec.datasets) return 1;
  const rows = Object.values(spec.datasets)[0] || [];
  return new Set(rows.map((row) => row[field])).size || 1;
}

async function drawOne(chart, original) {
  const view = chart.querySelector(".sb-chart-view");
  const width = Math.floor(view.clientWidth || chart.clientWidth || 600);
  const options = { renderer: "svg", actions: false };
  let spec = fitted(original, width);
  let result = await vegaEmbed(view, spec, options);
  if (spec.facet) {
    const drawn = result.view.container().querySelector("svg").getBoundingClientRect().width;
    if (drawn > width) {
      result.view.finalize();
      spec = refitFacets(spec, drawn, width, facetValues(spec));
      result = await vegaEmbed(view, spec, options);
    }
  }
  if (chart.sbView) chart.sbView.finalize();
  chart.sbView = result.view;
  chart.sbWidth = width;
  chart.dataset.state = "drawn";
}

function drawChart(chart) {
  const specNode = chart.querySelector("script.sb-chart-spec");
  let spec;
  try {
    spec = JSON.parse(specNode.textContent);
  } catch (error) {
    chart.dataset.state = "error";
    console.error("chart spec is not valid JSON", chart.id, error);
    return;
  }
  return drawOne(chart, spec).catch((error) => {
    chart.dataset.state = "error";
    chart.querySelector(".sb-chart-view").textContent = "This chart could not be drawn: " + error;
    console.error("chart failed", chart.id, error);
  });
}

// The download bar: the drawn chart as PNG or SVG (the CSV link is written into the page).
function addDownloads(chart) {
  chart.querySelectorAll("a[data-format]").forEach((link) => {
    link.addEventListener("click", (event) => {
      event.preventDefault();
      if (!chart.sbView) return;
      const format = link.dataset.format;
      chart.sbView.toImageURL(format, format === "png" ? 2 : 1).then((url) => {
        const anchor = document.createElement("a");
        anchor.href = url;
        anchor.download = chart.dataset.label + "." + format;
        document.body.appendChild(anchor);
        anchor.click();
        anchor.remove();
      });
    });
  });
}

function drawCharts() {
  const charts = [...document.querySelectorAll("div.sb-chart")];
  charts.forEach((chart) => {
    addDownloads(chart);
    drawChart(chart);
  });
  if (window.ResizeObserver) {
    const observer = new ResizeObserver((entries) => {
      entries.forEach((entry) => {
        const chart = entry.target.closest("div.sb-chart");
        const width = Math.floor(entry.contentRect.width);
        if (chart && chart.sbWidth && Math.abs(width - chart.sbWidth) > 8) {
          chart.sbWidth = width;
          drawChart(chart);
        }
      });
    });
    charts.forEach((chart) => observer.observe(chart.querySelector(".sb-chart-view")));
  }
}

if (document.readyState === "loading") {
  document.addEventListener("DOMContentLoaded", drawCharts);
} else {
  drawCharts();
}
