// The hall's touch-screen kiosk: return to the kiosk home page after a while without a touch,
// so the next visitor never finds the last one's page; a back button instead of a browser bar.
(function () {
  var body = document.body;
  var seconds = parseInt(body.getAttribute("data-idle-seconds"), 10) || 90;
  var home = body.getAttribute("data-home-url");
  var timer = null;
  function goHome() {
    if (window.location.pathname === home && window.location.search === "") {
      window.scrollTo(0, 0);
      restart();
    } else {
      window.location.assign(home);
    }
  }
  function restart() {
    window.clearTimeout(timer);
    timer = window.setTimeout(goHome, seconds * 1000);
  }
  ["pointerdown", "touchstart", "keydown", "scroll", "wheel"].forEach(function (name) {
    window.addEventListener(name, restart, { passive: true });
  });
  document.addEventListener("click", function (event) {
    if (event.target.closest("[data-back]")) {
      event.preventDefault();
      if (window.history.length > 1) { window.history.back(); } else { window.location.assign(home); }
    }
  });
  // No context menu or text selection on a public touch screen.
  document.addEventListener("contextmenu", function (event) { event.preventDefault(); });
  restart();
})();
