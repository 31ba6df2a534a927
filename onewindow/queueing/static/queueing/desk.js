// The calling desk's keyboard and htmx glue. Every button works without it (a plain POST).
//   F1 or N = 叫下一位, R = 重呼, S = 过号, T = 转移, P = 暂停/恢复, F = 办结; Esc closes a drop-down.
// Keys are ignored while typing in a field, and with Ctrl, Alt or Meta held.
(function () {
  "use strict";

  var KEYS = { n: "next", r: "recall", s: "skip", t: "transfer", p: "pause", f: "finish" };

  function panel() {
    return document.getElementById("desk-panel");
  }

  function isTyping(target) {
    if (!target || !target.closest) { return false; }
    return Boolean(target.closest("input, select, textarea, [contenteditable=''], [contenteditable='true']"));
  }

  function openDrop(details) {
    details.open = true;
    var field = details.querySelector("select, input:not([type=hidden])");
    if (field) { field.focus(); }
  }

  function closeDrops(except) {
    var open = document.querySelectorAll("#desk-panel details.desk-drop[open]");
    for (var index = 0; index < open.length; index += 1) {
      if (open[index] !== except) { open[index].open = false; }
    }
  }

  function press(name) {
    var root = panel();
    if (!root) { return false; }
    var control = root.querySelector("[data-key='" + name + "']");
    if (!control || control.disabled) { return false; }
    if (control.tagName === "SUMMARY") {
      var details = control.parentElement;
      closeDrops(details);
      openDrop(details);
      return true;
    }
    closeDrops(null);
    control.click();
    return true;
  }

  document.addEventListener("keydown", function (event) {
    if (event.ctrlKey || event.altKey || event.metaKey) { return; }
    if (event.key === "Escape") {
      var active = document.activeElement;
      if (active && active.closest && active.closest("#desk-panel details.desk-drop")) { active.blur(); }
      closeDrops(null);
      return;
    }
    if (isTyping(event.target)) { return; }
    var name = event.key === "F1" ? "next" : KEYS[(event.key || "").toLowerCase()];
    if (!name) { return; }
    if (press(name) || event.key === "F1") {
      event.preventDefault(); // F1 would open the browser's help
    }
  });

  // Opening one drop-down (转移, 暂停) closes the other and puts the cursor in its first field.
  document.addEventListener("toggle", function (event) {
    var details = event.target;
    if (details.classList && details.classList.contains("desk-drop") && details.open) {
      closeDrops(details);
      var field = details.querySelector("select, input:not([type=hidden])");
      if (field && document.activeElement === document.body) { field.focus(); }
    }
  }, true);

  // The panel answers malformed input with a 400 that carries the panel and its message:
  // swap it like a 200. A 403 or 404 (the duty changed, the window is gone) says so in place.
  document.addEventListener("htmx:beforeSwap", function (event) {
    var target = event.detail.target;
    if (!target || target.id !== "desk-panel") { return; }
    var status = event.detail.xhr.status;
    if (status === 400) {
      event.detail.shouldSwap = true;
      event.detail.isError = false;
    }
  });
  function say(kind) {
    var root = panel();
    var box = root && root.querySelector(".desk-messages");
    if (!box) { return; }
    var note = document.createElement("div");
    note.className = "notice notice-danger";
    note.setAttribute("role", "alert");
    note.textContent = root.getAttribute("data-message-" + kind) || "";
    box.replaceChildren(note);
  }
  document.addEventListener("htmx:responseError", function (event) {
    var status = event.detail.xhr.status;
    if (status !== 400) { say(status === 403 ? "forbidden" : "failed"); }
  });
  document.addEventListener("htmx:sendError", function () { say("offline"); });

  // Back on the tab (after the intake, say): re-read the panel, unless the clerk is typing in it.
  document.addEventListener("visibilitychange", function () {
    var root = panel();
    if (document.visibilityState !== "visible" || !root || !window.htmx) { return; }
    if (root.contains(document.activeElement) && isTyping(document.activeElement)) { return; }
    window.htmx.ajax("GET", root.getAttribute("data-panel-url"), { target: "#desk-panel", swap: "outerHTML" });
  });
})();
