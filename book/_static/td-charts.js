// Draws the book's charts from the inert JSON specs on the page, with the vega bundle
// served from _static/ (no network). Each chart's figure pushes its id onto
// window.tdCharts; this script (deferred) draws the queue and any chart pushed later,
// and redraws when the reader switches between light and dark mode.
(function () {
  "use strict";
  var drawn = {};

  function darkMode() {
    return document.documentElement.dataset.theme === "dark";
  }

  function themeConfig() {
    if (!darkMode()) return {};
    var text = "#e6e6e6", grid = "#4a4a4a";
    return {
      background: null,
      title: { color: text, subtitleColor: "#cfcfcf" },
      axis: { labelColor: text, titleColor: text, gridColor: grid, domainColor: "#8a8a8a", tickColor: "#8a8a8a" },
      legend: { labelColor: text, titleColor: text },
      text: { color: text },
      view: { stroke: null }
    };
  }

  // Deep-merge b into a (b wins): the chart's own config sets text colours, so the dark
  // settings must be merged into it rather than passed as a weaker embed option.
  function merge(a, b) {
    var out = Object.assign({}, a);
    Object.keys(b).forEach(function (k) {
      var v = b[k];
      out[k] = v && typeof v === "object" && !Array.isArray(v) ? merge((a && a[k]) || {}, v) : v;
    });
    return out;
  }

  function draw(id) {
    var holder = document.getElementById(id + "-vis");
    var specNode = document.getElementById(id + "-spec");
    if (!holder || !specNode || !window.vegaEmbed) return;
    var spec = JSON.parse(specNode.textContent);
    if (darkMode()) spec.config = merge(spec.config || {}, themeConfig());
    var previous = drawn[id];
    if (previous) previous.finalize();
    window.vegaEmbed(holder, spec, { renderer: "svg", actions: false })
      .then(function (result) {
        drawn[id] = result;
        holder.setAttribute("data-drawn", "true");
        // milliseconds from navigation to this chart drawn (read by the benchmark)
        holder.setAttribute("data-drawn-at", String(Math.round(performance.now())));
        var svg = holder.querySelector("svg");
        if (svg) {
          svg.setAttribute("role", "img");
          svg.setAttribute("aria-label", holder.getAttribute("aria-label") || "chart");
        }
      })
      .catch(function (err) {
        holder.setAttribute("data-drawn", "error");
        holder.textContent = "The chart could not be drawn: " + err.message + ". Its data is in the table below.";
      });
  }

  var queue = window.tdCharts || [];
  window.tdCharts = { push: function (id) { draw(id); } };
  queue.forEach(draw);

  new MutationObserver(function () {
    Object.keys(drawn).forEach(draw);
  }).observe(document.documentElement, { attributes: true, attributeFilter: ["data-theme"] });
})();
