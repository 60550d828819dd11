/* Live dialogue glue on top of htmx's WebSocket extension. No build step, no dependencies.
 *
 * - A pushed fragment may replace the element that has keyboard focus, or a field the
 *   person has changed but not sent: put focus back on the element with the same id,
 *   and keep what they had typed or chosen.
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

  // Fields the person has changed but not yet sent, by id: a push must not throw them away.
  function isDirty(field) {
    if (field.tagName === "SELECT") {
      // With no option marked selected in the HTML, the browser shows the first one.
      var initial = field.options.length ? field.options[0].value : "";
      for (var i = 0; i < field.options.length; i++) {
        if (field.options[i].defaultSelected) { initial = field.options[i].value; break; }
      }
      return field.value !== initial;
    }
    if (field.type === "checkbox" || field.type === "radio") return field.checked !== field.defaultChecked;
    return field.value !== field.defaultValue;
  }

  document.addEventListener("htmx:wsBeforeMessage", function () {
    var active = document.activeElement;
    kept = { focus: null, fields: [] };
    if (active && active !== document.body && active.id) {
      kept.focus = { id: active.id, start: active.selectionStart, end: active.selectionEnd };
    }
    var fields = document.querySelectorAll("input[id], select[id], textarea[id]");
    for (var i = 0; i < fields.length; i++) {
      var field = fields[i];
      if (field.type !== "hidden" && isDirty(field)) {
        kept.fields.push({ id: field.id, value: field.value, checked: field.checked });
      }
    }
  });

  document.addEventListener("htmx:wsAfterMessage", function () {
    if (kept) {
      kept.fields.forEach(function (saved) {
        var field = document.getElementById(saved.id);
        if (!field || isDirty(field)) return;
        if (field.type === "checkbox" || field.type === "radio") field.checked = saved.checked;
        else field.value = saved.value;
      });
      var focus = kept.focus && document.getElementById(kept.focus.id);
      if (focus && focus !== document.activeElement) {
        focus.focus({ preventScroll: true });
        if (typeof kept.focus.start === "number" && focus.setSelectionRange) {
          try { focus.setSelectionRange(kept.focus.start, kept.focus.end); } catch (e) { /* not a text field */ }
        }
      }
    }
    syncClock();
    tick();
    hideErrorLater();
  });

  // A message stays long enough to be read, then gets out of the way.
  var errorTimer = null;
  function hideErrorLater() {
    var error = document.getElementById("live-error");
    if (!error || !error.textContent.trim()) return;
    window.clearTimeout(errorTimer);
    errorTimer = window.setTimeout(function () {
      var current = document.getElementById("live-error");
      if (current) current.textContent = "";
    }, 10000);
  }

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
