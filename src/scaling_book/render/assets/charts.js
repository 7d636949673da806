// Draws every chart of a page from the JSON spec embedded next to it, using the
// Vega libraries bundled into this same file (no network). Each chart's state
// ("drawn" or "error") is left on its element, and its Vega view as `sbView`, for
// readers' tools and the tests.
window.vegaEmbed = vegaEmbed;
window.vega = vega;
window.vegaLite = vegaLite;

function drawCharts() {
  document.querySelectorAll("div.sb-chart").forEach((chart) => {
    const view = chart.querySelector(".sb-chart-view");
    const specNode = chart.querySelector("script.sb-chart-spec");
    let spec;
    try {
      spec = JSON.parse(specNode.textContent);
    } catch (error) {
      chart.dataset.state = "error";
      console.error("chart spec is not valid JSON", chart.id, error);
      return;
    }
    const options = {
      renderer: "svg",
      actions: { export: true, source: false, compiled: false, editor: false },
    };
    vegaEmbed(view, spec, options)
      .then((result) => {
        chart.sbView = result.view;
        chart.dataset.state = "drawn";
      })
      .catch((error) => {
        chart.dataset.state = "error";
        view.textContent = "This chart could not be drawn: " + error;
        console.error("chart failed", chart.id, error);
      });
  });
}

if (document.readyState === "loading") {
  document.addEventListener("DOMContentLoaded", drawCharts);
} else {
  drawCharts();
}
