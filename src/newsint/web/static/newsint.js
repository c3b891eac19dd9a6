// newsint UI: span details on the article page, layer toggles, what each code means.
// Scraped text is only ever placed with textContent; no HTML is built from data.
(function () {
  "use strict";

  function el(tag, cls, text) {
    var node = document.createElement(tag);
    if (cls) node.className = cls;
    if (text !== undefined && text !== null) node.textContent = String(text);
    return node;
  }

  // ---------------------------------------------------------------- article page

  function readDetails() {
    var block = document.getElementById("span-details");
    if (!block) return null;
    try {
      return JSON.parse(block.textContent);
    } catch (e) {
      return null;
    }
  }

  function card(ref, info) {
    var box = el("section", "detail detail-" + (info.kind || "span"));
    box.appendChild(el("h3", null, info.title || ref));
    if (info.text) box.appendChild(el("blockquote", null, info.text));
    if (info.chain && info.chain.length) {
      var chain = el("ol", "chain-list");
      chain.setAttribute("aria-label", "Chain of sources, nearest first");
      info.chain.forEach(function (s) {
        var item = el("li");
        item.appendChild(el("span", "src-name", s.name || s.text));
        item.appendChild(el("small", "src-kind", s.kind));
        chain.appendChild(item);
      });
      box.appendChild(el("p", "chain-head", "Chain of sources (nearest first)"));
      box.appendChild(chain);
    }
    if (info.fields && info.fields.length) {
      var dl = el("dl");
      info.fields.forEach(function (pair) {
        if (info.chain && pair[0] === "Chain") return;
        dl.appendChild(el("dt", null, pair[0]));
        dl.appendChild(el("dd", null, pair[1]));
      });
      box.appendChild(dl);
    }
    if (info.href && info.href.charAt(0) === "/" && info.href.charAt(1) !== "/") {
      var more = el("a", "more", "Across the corpus →");
      more.setAttribute("href", info.href);
      box.appendChild(more);
    }
    return box;
  }

  function setupArticle() {
    var details = readDetails();
    var text = document.getElementById("text");
    var panel = document.getElementById("details");
    if (!details || !text || !panel) return;
    var first = panel.querySelector(".hint");
    var hint = first ? first.textContent : "";

    function show(target) {
      var refs = (target.getAttribute("data-refs") || "").split(" ").filter(Boolean);
      if (!refs.length) return;
      var selected = text.querySelectorAll(".selected");
      for (var i = 0; i < selected.length; i++) selected[i].classList.remove("selected");
      var primary = refs[0].split(":")[0];
      var marks = text.querySelectorAll("mark[data-refs]");
      for (var j = 0; j < marks.length; j++) {
        var mine = marks[j].getAttribute("data-refs").split(" ");
        if (mine.indexOf(primary) >= 0) marks[j].classList.add("selected");
      }
      target.classList.add("selected");
      while (panel.firstChild) panel.removeChild(panel.firstChild);
      var close = el("button", "close", "×");
      close.setAttribute("type", "button");
      close.setAttribute("aria-label", "Close the details");
      close.addEventListener("click", function () {
        while (panel.firstChild) panel.removeChild(panel.firstChild);
        panel.appendChild(el("p", "hint", hint));
        panel.classList.remove("filled");
        var on = text.querySelectorAll(".selected");
        for (var k = 0; k < on.length; k++) on[k].classList.remove("selected");
      });
      panel.appendChild(close);
      var seen = {};
      refs.forEach(function (ref) {
        var info = details[ref];
        var key = info ? info.title + "|" + (info.text || "") : ref;
        if (!info || seen[key]) return;
        seen[key] = true;
        panel.appendChild(card(ref, info));
      });
      panel.classList.add("filled");
    }

    text.addEventListener("click", function (event) {
      var target = event.target.closest("mark[data-refs], button.cut");
      if (target) show(target);
    });
    text.addEventListener("keydown", function (event) {
      if (event.key !== "Enter" && event.key !== " ") return;
      var target = event.target.closest("mark[data-refs]");
      if (target) {
        event.preventDefault();
        show(target);
      }
    });

    var layers = document.getElementById("layers");
    if (layers) {
      layers.addEventListener("change", function (event) {
        var box = event.target;
        var layer = box.getAttribute("data-layer");
        if (layer) text.classList.toggle("hide-" + layer, !box.checked);
      });
    }
  }

  // ---------------------------------------------------------------- code tooltips

  // Every code (grade, status, copy kind, TIMEX value, event type) carries what it means in its
  // title (the fallback without script). Here the title becomes one tooltip that shows on hover
  // and on keyboard focus, and hides on Escape.
  function setupTips() {
    var codes = document.querySelectorAll(".code[data-term][title]");
    if (!codes.length) return;
    for (var i = 0; i < codes.length; i++) {
      codes[i].setAttribute("data-tip", codes[i].getAttribute("title"));
      codes[i].removeAttribute("title");
    }
    var tip = el("div", "tip");
    tip.id = "code-tip";
    tip.setAttribute("role", "tooltip");
    tip.hidden = true;
    document.body.appendChild(tip);
    var owner = null;

    function show(target) {
      owner = target;
      tip.textContent = "";
      tip.appendChild(el("strong", null, target.getAttribute("data-term")));
      tip.appendChild(document.createTextNode(": " + target.getAttribute("data-tip")));
      tip.hidden = false;
      target.setAttribute("aria-describedby", "code-tip");
      var box = target.getBoundingClientRect();
      var left = Math.min(box.left + window.scrollX, window.scrollX + document.documentElement.clientWidth - tip.offsetWidth - 8);
      tip.style.left = Math.max(window.scrollX + 4, left) + "px";
      tip.style.top = box.bottom + window.scrollY + 6 + "px";
    }

    function hide() {
      if (owner) owner.removeAttribute("aria-describedby");
      owner = null;
      tip.hidden = true;
    }

    document.addEventListener("mouseover", function (event) {
      var target = event.target.closest ? event.target.closest(".code[data-tip]") : null;
      if (target) show(target);
      else if (owner && event.target !== tip) hide();
    });
    document.addEventListener("focusin", function (event) {
      var target = event.target.closest ? event.target.closest(".code[data-tip]") : null;
      if (target) show(target);
      else hide();
    });
    document.addEventListener("keydown", function (event) {
      if (event.key === "Escape") hide();
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    setupTips();
    setupArticle();
  });
})();
