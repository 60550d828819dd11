// A 1-1 page stays in step with the other party's: the server pushes the page's live parts
// (cards, agreements, follow-up, status) after every change; each part is swapped in unless
// the person is working inside it. A change of stage reloads the page, unless a form has
// unsaved text, in which case a notice offers the reload instead.
(function () {
  "use strict";
  var root = document.querySelector("[data-one-on-one-socket]");
  if (!root || !("WebSocket" in window)) return;
  var dirty = false;
  document.querySelectorAll(".oo-form").forEach(function (form) {
    form.addEventListener("input", function () { dirty = true; });
    form.addEventListener("submit", function () { dirty = false; });
  });
  var delay = 1000;

  function staleNotice() {
    if (document.getElementById("oo-stale")) return;
    var notice = document.createElement("p");
    notice.id = "oo-stale";
    notice.className = "notice oo-stale";
    notice.setAttribute("role", "status");
    notice.textContent = root.getAttribute("data-stale-text") || "";
    var button = document.createElement("button");
    button.type = "button";
    button.className = "button button--small button--inline";
    button.textContent = root.getAttribute("data-reload-text") || "↻";
    button.addEventListener("click", function () { window.location.reload(); });
    notice.appendChild(document.createTextNode(" "));
    notice.appendChild(button);
    root.appendChild(notice);
  }

  function apply(html) {
    var fresh = new DOMParser().parseFromString(html, "text/html");
    var stage = fresh.querySelector("[data-live-stage]");
    if (stage && stage.getAttribute("data-live-stage") !== root.getAttribute("data-stage")) {
      if (dirty) staleNotice(); else window.location.reload();
      return;
    }
    fresh.querySelectorAll("[data-live][id]").forEach(function (part) {
      var current = document.getElementById(part.id);
      if (!current || current.contains(document.activeElement)) return;
      current.replaceWith(document.importNode(part, true));
    });
  }

  function connect() {
    var scheme = window.location.protocol === "https:" ? "wss://" : "ws://";
    var socket = new WebSocket(scheme + window.location.host + root.getAttribute("data-one-on-one-socket"));
    socket.addEventListener("open", function () { delay = 1000; root.setAttribute("data-connected", "true"); });
    socket.addEventListener("message", function (event) { apply(event.data); });
    socket.addEventListener("close", function (event) {
      root.setAttribute("data-connected", "false");
      if (event.code === 4003) return;  // not (or no longer) a party: nothing to wait for
      setTimeout(connect, delay);
      delay = Math.min(delay * 2, 15000);
    });
  }
  connect();
})();
