// The queue kiosk (取号机): back to the kiosk's home after a while without a touch (reloading it,
// so a visitor's ID number never waits for the next one), a number pad for the touch screen, and
// on the slip page the print at once (the kiosk's Chromium runs with --kiosk-printing) with a
// countdown home. No inline script: the pages' Content-Security-Policy allows none.
(function () {
  "use strict";
  var body = document.body;
  var home = body.getAttribute("data-home-url");
  var seconds = parseInt(body.getAttribute("data-idle-seconds"), 10) || 0;
  var left = seconds;
  var timer = null;
  var countdown = document.querySelector("[data-countdown]");

  function tick() {
    left -= 1;
    if (countdown) { countdown.textContent = String(Math.max(left, 0)); }
    if (left <= 0) { window.location.replace(home); }
  }
  function restart() {
    if (!home || seconds <= 0) { return; }
    left = seconds;
    if (countdown) { countdown.textContent = String(left); }
    window.clearInterval(timer);
    timer = window.setInterval(tick, 1000);
  }
  ["pointerdown", "touchstart", "keydown", "wheel"].forEach(function (name) {
    window.addEventListener(name, restart, { passive: true });
  });

  // The number pad types into the field last touched (the ID number's by default).
  var target = document.querySelector("[data-keypad-default]");
  function mark(field) {
    document.querySelectorAll("[data-keypad-target]").forEach(function (input) {
      input.classList.toggle("is-keypad-target", input === field);
    });
  }
  if (target) { mark(target); }
  document.addEventListener("focusin", function (event) {
    if (event.target.matches && event.target.matches("[data-keypad-target]")) {
      target = event.target;
      mark(target);
    }
  });
  document.addEventListener("click", function (event) {
    var key = event.target.closest("[data-key]");
    if (key && target) {
      var value = key.getAttribute("data-key");
      var limit = parseInt(target.getAttribute("maxlength"), 10) || 40;
      if (value === "back") {
        target.value = target.value.slice(0, -1);
      } else if (value === "clear") {
        target.value = "";
      } else if (target.value.length < limit) {
        target.value += value;
      }
      return;
    }
    if (event.target.closest("[data-print-button]")) { printSlip(); }
  });
  // Chromium prints a page as long as @page says, not as long as the slip: make them one.
  function fitPageToSlip() {
    var slip = document.getElementById("slip");
    var sheet = Array.prototype.find.call(document.styleSheets, function (candidate) {
      return candidate.href && candidate.href.indexOf("queueing/kiosk") !== -1;
    });
    if (!slip || !sheet) { return; }
    var millimetres = Math.ceil((slip.getBoundingClientRect().height * 25.4) / 96) + 2;
    sheet.insertRule("@page { size: 80mm " + millimetres + "mm; margin: 0; }", sheet.cssRules.length);
  }
  function printSlip() {
    fitPageToSlip();
    window.print();
  }

  // One ticket per tap: a second tap while the first is on its way is ignored (the form is not
  // disabled, so the tapped button's category still goes with it).
  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (event.defaultPrevented) { return; }
    if (form.getAttribute("data-sent")) { event.preventDefault(); return; }
    form.setAttribute("data-sent", "1");
    window.setTimeout(function () { form.removeAttribute("data-sent"); }, 8000);
  });

  // No context menu on a public touch screen.
  document.addEventListener("contextmenu", function (event) { event.preventDefault(); });

  if (body.hasAttribute("data-print")) {
    window.addEventListener("load", function () {
      printSlip();
      restart(); // the countdown home starts once the slip has gone to the printer
    });
  } else {
    restart();
  }
})();
