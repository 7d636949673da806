// Draws every chart of a page from the JSON spec embedded next to it, using the
// Vega libraries bundled into this same file (no network). Each chart is fitted to
// the width of its column (redrawn when that width changes); its state ("drawn" or
// "error") is left on its element, and its Vega view as `sbView`, for readers' tools
// and the tests.
window.vegaEmbed = vegaEmbed;
window.vega = vega;
window.vegaLite = vegaLite;

const MIN_PANEL = 150; // narrowest plot area (px) a panel of small multiples is drawn at
const NARROW = 560; // below this column width, long category labels and texts break onto lines
const LABEL_CHARS = 22; // characters a line of a broken axis label holds
const TEXT_CHARS = 18; // characters a line of a broken text mark holds

// A label as lines of at most `chars` characters: bilingual labels ("Name · 名称", "Name (名称)") break before
// their Chinese part, then at spaces, hyphens and underscores; a word longer than a line is cut where it must be.
function wrapText(text, chars) {
  const source = String(text === null || text === undefined ? "" : text);
  if (source.length <= chars) return source;
  const lines = [];
  source
    .replace(/ · /g, "\n")
    .replace(/ \(/g, "\n(")
    .split("\n")
    .forEach((part) => {
      let rest = part;
      while (rest.length > chars) {
        const head = rest.slice(0, chars + 1);
        const cut = Math.max(head.lastIndexOf(" "), head.lastIndexOf("-") + 1, head.lastIndexOf("_") + 1);
        const at = cut > chars / 3 ? cut : chars;
        lines.push(rest.slice(0, at).trimEnd());
        rest = rest.slice(at).trimStart();
      }
      if (rest) lines.push(rest);
    });
  return lines;
}
const WRAP_LABEL = `sbWrap(datum.label, ${LABEL_CHARS})`;

function eachView(node, visit) {
  if (!node || typeof node !== "object") return;
  visit(node);
  (node.layer || []).forEach((child) => eachView(child, visit));
  if (node.spec) eachView(node.spec, visit);
}

// In a narrow column, long labels of nominal y axes and long texts take several lines instead of the plot's
// width, and each row of the chart gets the height of its longest broken label.
function wrapLongLabels(spec) {
  const rows = (spec.datasets && Object.values(spec.datasets)[0]) || [];
  const linesOf = (field, chars) =>
    Math.max(1, ...rows.map((row) => [].concat(wrapText(row[field], chars)).length));
  let lines = 1;
  let rowField = null;
  eachView(spec, (node) => {
    const encoding = node.encoding || {};
    const y = encoding.y;
    if (y && (y.type === "nominal" || y.type === "ordinal") && y.field) rowField = rowField || y.field;
    if (y && y.type === "nominal" && y.axis !== null && y.field) {
      y.axis = Object.assign({ labelExpr: WRAP_LABEL, labelLineHeight: 14 }, y.axis || {});
      lines = Math.max(lines, linesOf(y.field, LABEL_CHARS));
    }
    const mark = typeof node.mark === "string" ? node.mark : node.mark && node.mark.type;
    if (mark === "text" && encoding.text && encoding.text.field) {
      const field = encoding.text.field;
      const wrapped = "sb_wrapped_" + field;
      node.transform = (node.transform || []).concat([
        { calculate: `sbWrap(datum[${JSON.stringify(field)}], ${TEXT_CHARS})`, as: wrapped },
      ]);
      encoding.text = Object.assign({}, encoding.text, { field: wrapped });
      node.mark = Object.assign(typeof node.mark === "string" ? { type: "text" } : node.mark, { lineHeight: 14 });
      lines = Math.max(lines, linesOf(field, TEXT_CHARS));
    }
  });
  // Names of panels stacked in rows start where the plot area does: long ones break onto lines too.
  const rowFacet = spec.facet && spec.facet.row;
  if (rowFacet) rowFacet.header = Object.assign({}, rowFacet.header, { labelExpr: WRAP_LABEL });
  if (rowField && lines > 1) {
    const rowHeight = lines * 14 + 8;
    // Small multiples: each panel as tall as its own rows need (rows a step high, or a fixed height).
    const panel = spec.spec || {};
    const facetField = rowFacet && rowFacet.field;
    const rowsPerPanel = (field) => {
      const byPanel = new Map();
      rows.forEach((row) => {
        const key = field ? row[field] : "";
        if (!byPanel.has(key)) byPanel.set(key, new Set());
        byPanel.get(key).add(row[rowField]);
      });
      return Math.max(0, ...[...byPanel.values()].map((values) => values.size));
    };
    if (panel.height && panel.height.step) panel.height = { step: Math.max(panel.height.step, rowHeight) };
    if (typeof panel.height === "number") panel.height = Math.max(panel.height, rowsPerPanel(facetField) * rowHeight);
    if (typeof spec.height === "number") spec.height = Math.max(spec.height, rowsPerPanel(null) * rowHeight);
  }
}

// Vega lays legends side by side under a chart; in a narrow column they go one under the other.
function stackLegends(vegaSpec) {
  vegaSpec.config = Object.assign({}, vegaSpec.config, {
    legend: Object.assign({}, (vegaSpec.config || {}).legend, {
      layout: { bottom: { anchor: "start", direction: "vertical" }, top: { anchor: "start", direction: "vertical" } },
    }),
  });
  return vegaSpec;
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
  if (!refit.facet.row) refit.columns = count;
  refit.spec.width = Math.max(40, Math.floor((width - extra * count) / count) - 4);
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
  // vega-embed registers the function with the bundled Vega (the bundle exposes no `vega.expressionFunction`).
  const options = { renderer: "svg", actions: false, expressionFunctions: { sbWrap: wrapText } };
  if (width < NARROW) options.patch = stackLegends;
  let spec = fitted(original, width);
  let result = await vegaEmbed(view, spec, options);
  for (let attempt = 0; spec.facet && attempt < 3; attempt += 1) {
    const drawn = result.view.container().querySelector("svg").getBoundingClientRect().width;
    if (drawn <= width) break;
    result.view.finalize();
    spec = refitFacets(spec, drawn, width, facetValues(spec));
    result = await vegaEmbed(view, spec, options);
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

function metaContent(name) {
  const tag = document.querySelector(`meta[name="${name}"]`);
  return tag ? tag.content : "";
}

// The figure's citation: the book's citation (from the page's <meta> tags, written by render/sphinx_html.py) with
// "Figure N: the caption's first sentence" in its slot, then the figure's address (on the web when book.yml gives
// the book's url, else its page in this HTML edition).
function figureCitation(chart) {
  const figure = chart.closest("figure");
  const number = figure ? figure.querySelector(".caption-number") : null;
  const caption = figure ? figure.querySelector(".caption-text") : null;
  const firstSentence = caption ? caption.textContent.trim().replace(/\s+/g, " ").split(/(?<=\.)\s/)[0] : "";
  const title = [number ? number.textContent.trim() : "Figure", firstSentence.replace(/\.$/, "")].join(": ");
  const anchor = (figure && figure.id) || chart.id;
  const page = metaContent("sb:page");
  const url = metaContent("sb:book-url").replace(/\/+$/, "");
  const address = url ? `${url}/${page}#${anchor}` : `${page}#${anchor} in the HTML edition`;
  return metaContent("sb:figure-citation").replace("{figure}", title) + " " + address;
}

// "Cite this figure": the citation is shown under the bar, selected, and copied where the browser allows it.
function addCitation(chart) {
  const link = chart.querySelector("a.sb-chart-cite");
  const output = chart.querySelector(".sb-chart-citation");
  if (!link || !output) return;
  link.addEventListener("click", (event) => {
    event.preventDefault();
    output.textContent = figureCitation(chart);
    output.hidden = false;
    const range = document.createRange();
    range.selectNodeContents(output);
    window.getSelection().removeAllRanges();
    window.getSelection().addRange(range);
    if (navigator.clipboard && window.isSecureContext) navigator.clipboard.writeText(output.textContent).catch(() => {});
  });
}

function drawCharts() {
  const charts = [...document.querySelectorAll("div.sb-chart")];
  charts.forEach((chart) => {
    addDownloads(chart);
    addCitation(chart);
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
