// storyweave: keyboard shortcuts and one deferred section. "/" focuses the search box; "j" / "k" move to
// the next / previous item's first link in the page's lists of results, stories and events ([data-nav]). A story page's comparison
// (an element with data-fragment) is fetched from this server and its parsed nodes moved in: the
// fragment is the server's own autoescaped template output, parsed inert by DOMParser (nothing in
// it runs), and the page's Content-Security-Policy forbids inline script anyway.
(function () {
  "use strict";
  function loadFragment(slot) {
    var url = slot.getAttribute("data-fragment");
    if (!url || url.charAt(0) !== "/" || url.charAt(1) === "/") return;
    slot.setAttribute("aria-busy", "true");
    fetch(url, { headers: { "X-Fragment": "1" }, credentials: "same-origin" })
      .then(function (r) { if (!r.ok) throw new Error("HTTP " + r.status); return r.text(); })
      .then(function (html) {
        var doc = new DOMParser().parseFromString(html, "text/html");
        slot.replaceChildren.apply(slot, Array.prototype.slice.call(doc.body.childNodes).map(function (n) {
          return document.adoptNode(n);
        }));
        slot.classList.remove("pending");
        slot.removeAttribute("aria-busy");
        if (location.hash && slot.querySelector(location.hash.replace(/[^#\w-]/g, ""))) {
          slot.querySelector(location.hash.replace(/[^#\w-]/g, "")).scrollIntoView();
        }
      })
      .catch(function (e) {
        slot.removeAttribute("aria-busy");
        var p = document.createElement("p");
        p.className = "muted";
        p.textContent = "The comparison could not be loaded (" + e.message + ").";
        slot.appendChild(p);
      });
  }
  Array.prototype.forEach.call(document.querySelectorAll("[data-fragment]"), loadFragment);
  function typing(el) {
    return el && (el.tagName === "INPUT" || el.tagName === "TEXTAREA" || el.tagName === "SELECT" || el.isContentEditable);
  }
  function step(delta) {
    var items = document.querySelectorAll("[data-nav] > li");
    var links = Array.prototype.map.call(items, function (li) { return li.querySelector("a"); }).filter(Boolean);
    if (!links.length) return;
    var at = links.indexOf(document.activeElement);
    var next = at < 0 ? (delta > 0 ? 0 : links.length - 1) : Math.min(links.length - 1, Math.max(0, at + delta));
    links[next].focus();
  }
  document.addEventListener("keydown", function (e) {
    if (e.ctrlKey || e.metaKey || e.altKey || typing(e.target)) return;
    if (e.key === "/") {
      var box = document.getElementById("q");
      if (box) { e.preventDefault(); box.focus(); box.select(); }
    } else if (e.key === "j") {
      step(1);
    } else if (e.key === "k") {
      step(-1);
    }
  });
})();
