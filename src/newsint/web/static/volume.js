// newsint volume charts: articles published and events dated per day, drawn with the vendored
// uPlot from the JSON block the server wrote next to each chart. Days are UTC (no local-time
// shift), colours come from newsint.css (--chart-articles, --chart-events). Drag across the
// chart to zoom into a period, double-click to see it all again.
(function () {
  "use strict";

  var DAY = 86400;
  var HEIGHT = 220;
  var STEPS = [1, 2, 7, 14, 28, 56, 91, 182, 365, 730, 1826, 3652, 7305, 18262]; // days

  function css(name, fallback) {
    var v = getComputedStyle(document.documentElement).getPropertyValue(name).trim();
    return v || fallback;
  }

  function seconds(iso) {
    var p = iso.split("-");
    return Date.UTC(+p[0], +p[1] - 1, +p[2]) / 1000;
  }

  function gap(n) {
    return n ? n : null; // no bar at all on a day with none
  }

  function draw(box) {
    var block = document.getElementById(box.getAttribute("data-volume"));
    if (!block || typeof window.uPlot !== "function") return;
    var v = JSON.parse(block.textContent);
    if (!v.days.length) return;
    var xs = v.days.map(seconds);
    var bars = window.uPlot.paths.bars;
    var articles = css("--chart-articles", "#1f3a5f");
    var events = css("--chart-events", "#e0a800");
    var opts = {
      width: Math.max(280, box.clientWidth),
      height: HEIGHT,
      tzDate: function (ts) {
        return window.uPlot.tzDate(new Date(ts * 1000), "Etc/UTC");
      },
      scales: {
        x: {
          time: true,
          range: function (u, lo, hi) {
            return [lo - DAY, hi + DAY]; // a lone day still gets a width
          },
        },
        y: {
          range: function (u, lo, hi) {
            return [0, Math.max(1, hi)];
          },
        },
      },
      axes: [
        {
          // whole days only (the data has no hours): the shortest step that leaves each date
          // label room (about 90 px for an ISO date), ticks on whole multiples of the step
          splits: function (u, axis, min, max) {
            var room = Math.max(1, Math.floor(u.bbox.width / (window.devicePixelRatio || 1) / 90));
            var step = STEPS[STEPS.length - 1];
            for (var i = 0; i < STEPS.length; i++) {
              if ((max - min) / (STEPS[i] * DAY) <= room) {
                step = STEPS[i];
                break;
              }
            }
            var out = [];
            for (var t = Math.ceil(min / (step * DAY)) * step * DAY; t <= max; t += step * DAY) {
              out.push(t);
            }
            return out;
          },
          values: function (u, splits) {
            return splits.map(function (ts) {
              return new Date(ts * 1000).toISOString().slice(0, 10);
            });
          },
        },
        { label: "per day", size: 50 },
      ],
      series: [
        { label: "Day", value: "{YYYY}-{MM}-{DD}" },
        {
          label: "Articles published",
          stroke: articles,
          fill: articles,
          paths: bars({ size: [0.45, 24], align: -1 }),
          points: { show: false },
        },
        {
          label: "Events dated",
          stroke: events,
          fill: events,
          paths: bars({ size: [0.45, 24], align: 1 }),
          points: { show: false },
        },
      ],
      cursor: { drag: { x: true, y: false } },
    };
    box.textContent = "";
    var chart = new window.uPlot(opts, [xs, v.articles.map(gap), v.events.map(gap)], box);
    box.setAttribute("data-drawn", String(v.days.length)); // for the browser tests
    box.newsintChart = chart;
    window.addEventListener("resize", function () {
      chart.setSize({ width: Math.max(280, box.clientWidth), height: HEIGHT });
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("[data-volume]").forEach(draw);
  });
})();
