// newsint graph page: draws the server's laid-out graph with the vendored Cytoscape.
// Positions are preset (networkx on the server), so the picture is the same on every load.
// Colours are read from the legend's own swatches (newsint.css): the legend matches the nodes.
// Labels keep a constant size on screen; after every zoom, pan or filter a greedy pass (heaviest
// node first, the clicked node's neighbourhood before all) hides the labels that would overlap.
// Scraped text is only ever placed with textContent.
(function () {
  "use strict";

  var FONT_PX = 12; // label size on screen, whatever the zoom
  var LABEL_GAP = 3; // pixels kept between two labels
  var RANK = { entity: 0, source: 1, claim: 2 }; // whose label is placed first
  // where a label may go, tried in this order: below its node, above, right, left
  var SPOTS = [
    { valign: "bottom", halign: "center", dx: 0, dy: 1 },
    { valign: "top", halign: "center", dx: 0, dy: -1 },
    { valign: "center", halign: "right", dx: 1, dy: 0 },
    { valign: "center", halign: "left", dx: -1, dy: 0 },
  ];

  function el(tag, cls, text) {
    var node = document.createElement(tag);
    if (cls) node.className = cls;
    if (text !== undefined && text !== null) node.textContent = String(text);
    return node;
  }

  function colourOf(selector, property) {
    var swatch = document.querySelector(selector);
    return swatch ? getComputedStyle(swatch).getPropertyValue(property) : "#607080";
  }

  function setup() {
    var box = document.getElementById("graph");
    var block = document.getElementById("graph-data");
    if (!box || !block || typeof window.cytoscape !== "function") return;
    var data = JSON.parse(block.textContent);

    var style = [
      {
        selector: "node",
        style: {
          width: "data(size)",
          height: "data(size)",
          "border-width": 1.5,
          "border-color": "#ffffff",
          label: "data(label)",
          "font-size": FONT_PX,
          "font-family": "system-ui, sans-serif",
          color: "#2b3340",
          "text-valign": "bottom",
          "text-halign": "center",
          "text-margin-y": 3,
          "text-outline-color": "#ffffff",
          "text-outline-width": 2,
        },
      },
      { selector: "node.nolabel", style: { "text-opacity": 0 } },
      { selector: "node.faded", style: { opacity: 0.15 } },
      { selector: "node:selected", style: { "border-color": "#1d2430", "border-width": 3 } },
      {
        selector: "edge",
        style: { width: 1.2, "curve-style": "straight", "line-color": "#b6bfcb", opacity: 0.8 },
      },
      { selector: "edge.faded", style: { opacity: 0.06 } },
      { selector: "edge.near", style: { width: 2.6, opacity: 1 } },
    ];
    data.groups.forEach(function (g) {
      style.push({
        selector: 'node[group = "' + g.key + '"]',
        style: {
          shape: g.shape,
          "background-color": colourOf('[data-swatch="' + g.key + '"]', "background-color"),
        },
      });
    });
    data.edge_kinds.forEach(function (k) {
      var colour = colourOf('[data-edge="' + k.key + '"]', "border-top-color");
      var rule = { "line-color": colour };
      if (k.key === "said" || k.key === "via") {
        rule["target-arrow-shape"] = "triangle";
        rule["target-arrow-color"] = colour;
        rule["arrow-scale"] = 0.8;
      }
      if (k.key === "via") rule["line-style"] = "dashed";
      style.push({ selector: 'edge[kind = "' + k.key + '"]', style: rule });
    });

    var cy = window.cytoscape({
      container: box,
      elements: { nodes: data.nodes, edges: data.edges },
      layout: { name: "preset", fit: true, padding: 30 },
      style: style,
      minZoom: 0.2,
      maxZoom: 6,
      boxSelectionEnabled: false,
      autoungrabify: true,
    });
    window.newsintGraph = cy; // for the browser tests and the console

    var focus = null;

    // ---------------------------------------------------------------- labels
    function overlap(a, b) {
      return a.x1 < b.x2 && b.x1 < a.x2 && a.y1 < b.y2 && b.y1 < a.y2;
    }

    function placeLabels() {
      var zoom = cy.zoom();
      cy.nodes().style("font-size", FONT_PX / zoom);
      cy.nodes().style("text-outline-width", 2 / zoom);
      var near = focus ? focus.closedNeighborhood().nodes() : cy.collection();
      var order = cy.nodes(":visible").toArray().sort(function (a, b) {
        var na = (near.has(a) ? 1 : 0) + (focus && a.same(focus) ? 1 : 0);
        var nb = (near.has(b) ? 1 : 0) + (focus && b.same(focus) ? 1 : 0);
        if (na !== nb) return nb - na;
        var ka = RANK[a.data("kind")];
        var kb = RANK[b.data("kind")];
        if (ka !== kb) return ka - kb; // names before the claims' long words
        if (a.data("weight") !== b.data("weight")) return b.data("weight") - a.data("weight");
        return a.id() < b.id() ? -1 : 1;
      });
      var width = cy.width();
      var height = cy.height();
      // node bodies are obstacles too: a label drawn under another node cannot be read
      var bodies = order.map(function (node) {
        var r = node.renderedBoundingBox({ includeLabels: false, includeOverlays: false });
        return { x1: r.x1, x2: r.x2, y1: r.y1, y2: r.y2, id: node.id() };
      });
      var placed = [];
      order.forEach(function (node) {
        var dimmed = focus && !near.has(node);
        var spot = null;
        for (var s = 0; !dimmed && !spot && s < SPOTS.length; s++) {
          // the label's box as the library measures it, with this spot's placement
          node.style({ "text-valign": SPOTS[s].valign, "text-halign": SPOTS[s].halign });
          node.style("text-margin-x", (SPOTS[s].dx * 3) / zoom);
          node.style("text-margin-y", (SPOTS[s].dy * 3) / zoom);
          var b = node.renderedBoundingBox({ includeNodes: false, includeLabels: true });
          var rect = {
            x1: b.x1 - LABEL_GAP,
            x2: b.x2 + LABEL_GAP,
            y1: b.y1 - LABEL_GAP,
            y2: b.y2 + LABEL_GAP,
          };
          var hit = rect.x1 < 0 || rect.x2 > width || rect.y1 < 0 || rect.y2 > height;
          for (var i = 0; !hit && i < placed.length; i++) hit = overlap(rect, placed[i]);
          // the clicked node's own label always shows, over its neighbours if it must
          var mine = focus && node.same(focus);
          for (var j = 0; !hit && !mine && j < bodies.length; j++) {
            hit = bodies[j].id !== node.id() && overlap(rect, bodies[j]);
          }
          if (!hit) {
            spot = SPOTS[s];
            placed.push(rect);
          }
        }
        node.toggleClass("nolabel", !spot);
      });
      box.setAttribute("data-labels", String(placed.length)); // shown labels, for the tests
    }
    var pending = false;
    function later() {
      if (pending) return;
      pending = true;
      window.requestAnimationFrame(function () {
        pending = false;
        placeLabels();
      });
    }
    cy.on("zoom pan resize", later);

    // ---------------------------------------------------------------- filters
    var legend = document.getElementById("graph-legend");
    function applyFilters() {
      var hidden = {};
      legend.querySelectorAll("input[data-group]").forEach(function (input) {
        if (!input.checked) hidden[input.getAttribute("data-group")] = true;
      });
      cy.batch(function () {
        cy.nodes().forEach(function (n) {
          n.style("display", hidden[n.data("group")] ? "none" : "element");
        });
      });
      if (focus && !focus.visible()) clearFocus();
      placeLabels();
    }
    if (legend) legend.addEventListener("change", applyFilters);

    // ---------------------------------------------------------------- neighbourhood
    var panel = document.getElementById("graph-panel");

    function clearFocus() {
      focus = null;
      cy.elements().removeClass("faded near");
      cy.elements().unselect();
      if (panel) {
        while (panel.firstChild) panel.removeChild(panel.firstChild);
        panel.appendChild(el("p", "hint", panel.getAttribute("data-hint") || ""));
        panel.classList.remove("filled");
      }
      box.removeAttribute("data-focus");
      placeLabels();
    }

    function show(node) {
      focus = node;
      var near = node.closedNeighborhood();
      cy.batch(function () {
        cy.elements().addClass("faded").removeClass("near");
        near.removeClass("faded");
        node.connectedEdges().addClass("near");
      });
      cy.elements().unselect();
      node.select();
      box.setAttribute("data-focus", node.id());
      placeLabels();
      if (!panel) return;
      while (panel.firstChild) panel.removeChild(panel.firstChild);
      var close = el("button", "close", "×");
      close.setAttribute("type", "button");
      close.setAttribute("aria-label", "Close");
      close.addEventListener("click", clearFocus);
      panel.appendChild(close);
      var d = node.data();
      panel.appendChild(el("h3", null, d.full));
      var meta = [d.kind, d.type, d.status].filter(Boolean).join(" · ");
      panel.appendChild(el("p", "muted", meta));
      var open = el("a", "more", "Open →");
      if (d.href.charAt(0) === "/" && d.href.charAt(1) !== "/") open.setAttribute("href", d.href);
      panel.appendChild(open);
      var list = el("ul", "neighbours");
      node
        .connectedEdges()
        .toArray()
        .sort(function (a, b) {
          return a.id() < b.id() ? -1 : 1;
        })
        .forEach(function (e) {
          var other = e.source().same(node) ? e.target() : e.source();
          var item = el("li");
          var arrow = e.source().same(node) ? " → " : " ← ";
          item.appendChild(el("small", "muted", e.data("kind") + arrow));
          var link = el("a", null, other.data("full"));
          link.setAttribute("href", "#");
          link.addEventListener("click", function (event) {
            event.preventDefault();
            show(other);
          });
          item.appendChild(link);
          list.appendChild(item);
        });
      panel.appendChild(el("p", "chain-head", node.degree() + " link" + (node.degree() === 1 ? "" : "s")));
      panel.appendChild(list);
      panel.classList.add("filled");
    }

    if (panel) panel.setAttribute("data-hint", panel.textContent.trim());
    cy.on("tap", "node", function (event) {
      show(event.target);
    });
    cy.on("tap", function (event) {
      if (event.target === cy) clearFocus();
    });

    // ---------------------------------------------------------------- zoom buttons
    document.querySelectorAll("[data-zoom]").forEach(function (button) {
      button.addEventListener("click", function () {
        var how = button.getAttribute("data-zoom");
        if (how === "fit") {
          cy.fit(undefined, 30);
          return;
        }
        var factor = how === "in" ? 1.4 : 1 / 1.4;
        cy.zoom({
          level: cy.zoom() * factor,
          renderedPosition: { x: cy.width() / 2, y: cy.height() / 2 },
        });
      });
    });

    cy.ready(placeLabels);
  }

  document.addEventListener("DOMContentLoaded", setup);
})();
