/* Lan Tỏa dashboard: draws every chart from the JSON data island #dashboard-charts (the figures
   of the table beside each chart). Without JavaScript the tables alone remain; when htmx swaps
   in another period or unit, the new charts are drawn from the new island. */
(function () {
  "use strict";

  var PALETTE = ["#0d6efd", "#20c997", "#fd7e14", "#6f42c1", "#d63384", "#0dcaf0", "#6c757d"];
  var ROW_HEIGHT = 28;
  var LABEL_CHARS = 28;

  function shorten(label, max) {
    return label.length > max ? label.slice(0, max - 1) + "…" : label;
  }

  function config(data, format) {
    var doughnut = data.type === "doughnut";
    var datasets = data.datasets.map(function (set, index) {
      var colour = set.color || PALETTE[index % PALETTE.length];
      var colours = doughnut
        ? data.labels.map(function (_label, row) { return PALETTE[row % PALETTE.length]; })
        : colour;
      return {
        label: set.label,
        data: set.data,
        backgroundColor: colours,
        borderColor: doughnut ? "#fff" : colours,
        borderWidth: doughnut ? 2 : 0,
        maxBarThickness: 32
      };
    });
    var narrow = window.matchMedia("(max-width: 575.98px)").matches;
    var options = {
      responsive: true,
      maintainAspectRatio: false,
      animation: false,
      plugins: {
        legend: {
          display: doughnut || datasets.length > 1,
          position: "bottom",
          labels: narrow ? { boxWidth: 12, font: { size: 11 } } : {}
        },
        tooltip: {
          callbacks: {
            label: function (context) {
              var parsed = context.parsed;
              var value = doughnut ? parsed : parsed[data.horizontal ? "x" : "y"];
              return context.dataset.label + ": " + format.format(value);
            }
          }
        }
      }
    };
    if (!doughnut) {
      var valueAxis = data.horizontal ? "x" : "y";
      var labelAxis = data.horizontal ? "y" : "x";
      options.indexAxis = labelAxis;
      options.scales = {};
      options.scales[valueAxis] = {
        beginAtZero: true,
        stacked: data.stacked,
        ticks: { precision: 0, callback: function (value) { return format.format(value); } }
      };
      options.scales[labelAxis] = {
        stacked: data.stacked,
        ticks: {
          autoSkip: false,
          callback: function (value) {
            return shorten(String(this.getLabelForValue(value)), narrow ? 16 : LABEL_CHARS);
          }
        }
      };
    }
    if (data.links.some(Boolean)) {
      // A bar of a unit opens that unit's dashboard, like the link in the table.
      options.onClick = function (_event, elements) {
        var link = elements.length ? data.links[elements[0].index] : "";
        if (link) { window.location.assign(link); }
      };
      options.onHover = function (event, elements) {
        var link = elements.length ? data.links[elements[0].index] : "";
        event.native.target.style.cursor = link ? "pointer" : "default";
      };
    }
    return { type: data.type, data: { labels: data.labels, datasets: datasets }, options: options };
  }

  function draw(root) {
    var island = document.getElementById("dashboard-charts");
    if (!island || !window.Chart) { return; }
    var charts = JSON.parse(island.textContent);
    var format = new Intl.NumberFormat(document.documentElement.lang || "vi");
    // Show the chart columns first: Chart.js sizes a chart from its box.
    document.documentElement.classList.add("charts-on");
    root.querySelectorAll("[data-chart]").forEach(function (box) {
      var data = charts[box.dataset.chart];
      var canvas = box.querySelector("canvas");
      if (!data || !canvas) { return; }
      var previous = window.Chart.getChart(canvas);
      if (previous) { previous.destroy(); }
      var chart = config(data, format);
      if (data.horizontal) {
        // A bar per row: the chart grows with its rows (through its aspect ratio, since a
        // style set on the box would not survive htmx's history under the CSP).
        var bars = data.stacked ? 1 : data.datasets.length;
        var height = Math.max(160, data.labels.length * bars * ROW_HEIGHT + 70);
        chart.options.maintainAspectRatio = true;
        chart.options.aspectRatio = Math.max(box.clientWidth, 1) / height;
      }
      new window.Chart(canvas, chart);
    });
  }

  // Before htmx keeps the page for the back button: charts off, and no style attributes left
  // (the Content Security Policy refuses them when the page is put back).
  function undraw(root) {
    root.querySelectorAll("[data-chart]").forEach(function (box) {
      var canvas = box.querySelector("canvas");
      var chart = canvas && window.Chart && window.Chart.getChart(canvas);
      if (chart) { chart.destroy(); }
      if (canvas) { canvas.removeAttribute("style"); }
    });
    // The browser leaves empty style attributes on some fields of the page's forms.
    root.querySelectorAll("[style='']").forEach(function (element) {
      element.removeAttribute("style");
    });
  }

  if (window.htmx) {
    // htmx fires htmx:load on the page once it is ready, then on every swapped-in fragment
    // (a period or unit opened from a link, a page put back by the back button).
    document.addEventListener("htmx:load", function (event) { draw(event.detail.elt); });
    document.addEventListener("htmx:beforeHistorySave", function (event) {
      undraw(event.detail.historyElt);
    });
  } else {
    document.addEventListener("DOMContentLoaded", function () { draw(document); });
  }
})();
