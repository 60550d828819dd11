/* Live dialogue glue on top of htmx's WebSocket extension. No build step, no dependencies.
 *
 * - A pushed fragment may replace the element that has keyboard focus; put focus back
 *   on the element with the same id, and keep text the person was typing.
 * - Ask before destructive actions (data-confirm), and clear the last error on a new action.
 * - Show whether the connection is up; htmx reconnects by itself, and the server then
 *   sends the whole state again.
 * - Count the step timer down against the server's clock.
 */
(function () {
  "use strict";

  var kept = null;
  var clockOffset = 0;

  function setConnection(state) {
    var status = document.getElementById("connection");
    var main = document.getElementById("main");
    if (!status || !main) return;
    status.textContent = main.getAttribute("data-" + state) || "";
    status.setAttribute("data-state", state);
  }

  document.addEventListener("htmx:wsConnecting", function () { setConnection("connecting"); });
  document.addEventListener("htmx:wsOpen", function () { setConnection("connected"); });
  document.addEventListener("htmx:wsClose", function () { setConnection("disconnected"); });

  document.addEventListener("htmx:wsBeforeMessage", function () {
    var active = document.activeElement;
    kept = null;
    if (active && active !== document.body && active.id) {
      kept = { id: active.id, typing: ("value" in active) && active.value !== active.defaultValue, value: active.value };
      if (kept.typing && typeof active.selectionStart === "number") {
        kept.start = active.selectionStart;
        kept.end = active.selectionEnd;
      }
    }
  });

  document.addEventListener("htmx:wsAfterMessage", function () {
    if (kept) {
      var again = document.getElementById(kept.id);
      if (again && again !== document.activeElement) {
        if (kept.typing && "value" in again) {
          again.value = kept.value;
          if (typeof kept.start === "number" && again.setSelectionRange) again.setSelectionRange(kept.start, kept.end);
        }
        again.focus({ preventScroll: true });
      }
    }
    syncClock();
    tick();
  });

  document.addEventListener("htmx:wsConfigSend", function (event) {
    var source = event.target.closest ? event.target.closest("[data-confirm]") : null;
    if (source && !window.confirm(source.getAttribute("data-confirm"))) {
      event.preventDefault();
      return;
    }
    var error = document.getElementById("live-error");
    if (error) error.textContent = "";
  });

  function syncClock() {
    var meta = document.getElementById("live-meta");
    var serverNow = meta && Date.parse(meta.getAttribute("data-server-now"));
    if (serverNow) clockOffset = serverNow - Date.now();
  }

  function two(n) { return (n < 10 ? "0" : "") + n; }

  function tick() {
    var timers = document.querySelectorAll("[data-ends-at]");
    for (var i = 0; i < timers.length; i++) {
      var timer = timers[i];
      var left = Math.round((Date.parse(timer.getAttribute("data-ends-at")) - (Date.now() + clockOffset)) / 1000);
      var over = left < 0;
      var seconds = Math.abs(left);
      var text = Math.floor(seconds / 60) + ":" + two(seconds % 60);
      timer.textContent = over ? "+" + text + " " + (timer.getAttribute("data-over-label") || "") : text;
      timer.classList.toggle("timer--over", over);
    }
  }

  document.addEventListener("DOMContentLoaded", function () {
    syncClock();
    tick();
    window.setInterval(tick, 1000);
  });
})();
