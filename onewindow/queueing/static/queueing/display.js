// The hall's displays (queueing/views/displays.py): re-render from each snapshot the server pushes
// over the WebSocket (queueing/consumers.py), speak each call in Chinese, keep the clock on the
// server's time. When the socket drops: reconnect with back-off, and meanwhile re-read the snapshot
// as JSON every 30 s. Plain ES5 with no library: hall TVs run old browsers on closed networks.
(function () {
  "use strict";

  var body = document.body;
  var kind = body.getAttribute("data-display"); // "hall" or "window"
  var labels = JSON.parse(document.getElementById("qd-labels").textContent);
  var initial = JSON.parse(document.getElementById("qd-snapshot").textContent);
  var refreshMs = (parseInt(body.getAttribute("data-refresh-seconds"), 10) || 30) * 1000;
  var timeZone = body.getAttribute("data-time-zone") || undefined;
  var clockOffset = (parseInt(body.getAttribute("data-server-now"), 10) || Date.now()) - Date.now();

  // Helpers ------------------------------------------------------------------------------------

  function $(id) { return document.getElementById(id); }

  function element(tag, className, text) {
    var node = document.createElement(tag);
    if (className) { node.className = className; }
    if (text !== undefined && text !== null) { node.textContent = String(text); }
    return node;
  }

  function replaceChildren(parent, children) {
    while (parent.firstChild) { parent.removeChild(parent.firstChild); }
    for (var i = 0; i < children.length; i++) { parent.appendChild(children[i]); }
  }

  function restartAnimation(node, className) {
    if (!node) { return; }
    node.classList.remove(className);
    void node.offsetWidth; // reflow, so the animation starts again
    node.classList.add(className);
  }

  var storage = {
    get: function (key) { try { return window.localStorage.getItem(key); } catch (e) { return null; } },
    set: function (key, value) { try { window.localStorage.setItem(key, value); } catch (e) { /* private mode */ } }
  };

  // Clock: the server's time in the hall's time zone (a TV box's own clock is often wrong) --------

  var weekdayIndex = { Mon: 0, Tue: 1, Wed: 2, Thu: 3, Fri: 4, Sat: 5, Sun: 6 };
  var zoned = null;
  try {
    zoned = new Intl.DateTimeFormat("en-US", {
      timeZone: timeZone, year: "numeric", month: "numeric", day: "numeric", weekday: "short",
      hour: "2-digit", minute: "2-digit", second: "2-digit", hourCycle: "h23"
    });
    zoned.formatToParts(new Date());
  } catch (e) {
    zoned = null;
  }

  function partsOf(ms) {
    var date = new Date(ms);
    if (!zoned) {
      return {
        year: date.getFullYear(), month: date.getMonth() + 1, day: date.getDate(),
        weekday: (date.getDay() + 6) % 7, hour: date.getHours(), minute: date.getMinutes(), second: date.getSeconds()
      };
    }
    var result = {};
    zoned.formatToParts(date).forEach(function (part) { result[part.type] = part.value; });
    return {
      year: +result.year, month: +result.month, day: +result.day, weekday: weekdayIndex[result.weekday] || 0,
      hour: (+result.hour) % 24, minute: +result.minute, second: +result.second
    };
  }

  function two(number) { return (number < 10 ? "0" : "") + number; }

  function tick() {
    var parts = partsOf(Date.now() + clockOffset);
    $("qd-clock").textContent = two(parts.hour) + ":" + two(parts.minute) + ":" + two(parts.second);
    $("qd-date").textContent = labels.date_format
      .replace("{year}", parts.year).replace("{month}", parts.month).replace("{day}", parts.day)
      .replace("{weekday}", labels.weekdays[parts.weekday]);
    window.setTimeout(tick, 1000 - ((Date.now() + clockOffset) % 1000) + 20);
  }

  function syncClock(iso) {
    var ms = Date.parse(iso || "");
    if (!isNaN(ms)) { clockOffset = ms - Date.now(); }
  }

  // Voice: the browser's own speech synthesis, one call after the other, each said twice --------

  var voiceKey = "onewindow.queue.voice." + kind;
  var unlockButton = $("qd-voice-unlock");
  var toggleButton = $("qd-voice-toggle");
  var voice = {
    enabled: storage.get(voiceKey) === "on",
    queue: [],
    speaking: false,
    chosen: null,
    watchdog: null,
    supported: "speechSynthesis" in window && "SpeechSynthesisUtterance" in window,

    pickVoice: function () {
      if (!this.supported) { return; }
      var voices = window.speechSynthesis.getVoices() || [];
      var best = null;
      for (var i = 0; i < voices.length; i++) {
        var lang = (voices[i].lang || "").replace("_", "-").toLowerCase();
        if (lang === "zh-cn") { best = voices[i]; break; }
        if (!best && lang.indexOf("zh") === 0) { best = voices[i]; }
      }
      this.chosen = best;
    },

    say: function (text) {
      if (!this.enabled || !this.supported || !text) { return; }
      // A burst of calls must not keep the hall listening for minutes: keep the last four.
      while (this.queue.length >= 8) { this.queue.splice(0, 2); }
      this.queue.push(text, text);
      this.next();
    },

    next: function () {
      if (this.speaking || !this.queue.length) { return; }
      var self = this;
      var utterance = new window.SpeechSynthesisUtterance(this.queue.shift());
      utterance.lang = "zh-CN";
      if (this.chosen) { utterance.voice = this.chosen; }
      utterance.rate = 0.9;
      utterance.volume = 1;
      var finished = false;
      function done() {
        if (finished) { return; }
        finished = true;
        window.clearTimeout(self.watchdog);
        self.speaking = false;
        window.setTimeout(function () { self.next(); }, 700); // a breath between the two readings
      }
      utterance.onend = done;
      utterance.onerror = function (event) {
        if (event && event.error === "not-allowed") { // the browser wants a click first
          self.queue = [];
          self.blocked();
        }
        done();
      };
      this.speaking = true;
      this.watchdog = window.setTimeout(done, 15000); // some engines never fire onend
      window.speechSynthesis.speak(utterance);
    },

    blocked: function () {
      if (unlockButton) { unlockButton.hidden = false; }
    },

    turnOn: function () {
      this.enabled = true;
      storage.set(voiceKey, "on");
      if (unlockButton) { unlockButton.hidden = true; }
      this.pickVoice();
      if (this.supported) {
        window.speechSynthesis.cancel();
        this.queue = [];
        this.speaking = false;
        this.queue.push(labels.voice_ready); // said inside the click: the browser allows sound from now on
        this.next();
      }
      this.showToggle();
    },

    turnOff: function () {
      this.enabled = false;
      storage.set(voiceKey, "off");
      this.queue = [];
      if (this.supported) { window.speechSynthesis.cancel(); }
      this.showToggle();
    },

    showToggle: function () {
      if (!toggleButton) { return; }
      toggleButton.setAttribute("aria-pressed", this.enabled ? "true" : "false");
      toggleButton.textContent = this.enabled ? labels.voice_on : labels.voice_off;
    }
  };

  if (voice.supported) {
    voice.pickVoice();
    if ("onvoiceschanged" in window.speechSynthesis) {
      window.speechSynthesis.onvoiceschanged = function () { voice.pickVoice(); };
    }
  }
  if (unlockButton) {
    // The hall speaks by default: ask for the click once; a window's display has its own toggle.
    unlockButton.hidden = !voice.supported || voice.enabled || kind !== "hall";
    unlockButton.addEventListener("click", function () { voice.turnOn(); });
  }
  if (toggleButton) {
    toggleButton.hidden = !voice.supported;
    voice.showToggle();
    toggleButton.addEventListener("click", function () {
      if (voice.enabled) { voice.turnOff(); } else { voice.turnOn(); }
    });
  }

  // The hall display ---------------------------------------------------------------------------

  function callKey(call) { return call ? call.code + "@" + call.window + "@" + call.at : ""; }

  var hall = {
    newestKey: callKey((initial.calls || [])[0]),
    banner: (initial.calls || [])[0] || null,

    render: function (snapshot, announce) {
      var calls = snapshot.calls || [];
      var newest = calls[0] || null;
      var newestKey = callKey(newest);
      var fresh = null;
      if (announce) {
        this.banner = announce;
        fresh = announce;
      } else if (newestKey !== this.newestKey || !this.banner) {
        this.banner = newest;
        fresh = newestKey !== this.newestKey ? newest : null;
      }
      this.newestKey = newestKey;
      this.renderBanner(this.banner, fresh);
      this.renderCalls(calls, fresh);
      this.renderWaiting(snapshot);
    },

    renderBanner: function (call, fresh) {
      var box = $("qd-now");
      var children = [];
      if (call) {
        children.push(element("span", "qd-now-word", labels.call_please));
        children.push(element("strong", "qd-now-code", call.code));
        children.push(element("span", "qd-now-word", labels.call_number));
        children.push(element("span", "qd-now-word", labels.call_to));
        children.push(element("strong", "qd-now-window", call.window));
        children.push(element("span", "qd-now-word", labels.call_window));
        if (call.name) { children.push(element("span", "qd-now-name", call.name)); }
        if (call.recall) { children.push(element("span", "qd-now-recall", labels.recall)); }
      } else {
        var empty = element("span", "qd-now-empty", labels.no_calls);
        empty.appendChild(element("small", null, labels.no_calls_hint));
        children.push(empty);
      }
      replaceChildren(box, children);
      box.classList.toggle("is-empty", !call);
      if (fresh) { restartAnimation(box, "is-flashing"); }
    },

    renderCalls: function (calls, fresh) {
      var rows = [];
      for (var i = 0; i < calls.length; i++) {
        var call = calls[i];
        var row = element("tr");
        if (i === 0) { row.classList.add("is-newest"); }
        if (!call.serving) { row.classList.add("is-done"); }
        row.appendChild(element("td", "qd-code", call.code));
        row.appendChild(element("td", "qd-window", labels.window_label.replace("%(number)s", call.window)));
        row.appendChild(element("td", "qd-name", call.name || "—"));
        row.appendChild(element("td", "qd-time", call.at));
        var state = element("td", "qd-state");
        state.appendChild(element("span", call.serving ? "qd-tag is-serving" : "qd-tag",
          call.serving ? labels.serving : labels.called));
        row.appendChild(state);
        if (fresh && call.code === fresh.code && String(call.window) === String(fresh.window)) {
          row.classList.add("is-flashing");
          fresh = null; // only the latest row of that call
        }
        rows.push(row);
      }
      if (!rows.length) {
        var empty = element("tr", "qd-empty");
        var cell = element("td", null, labels.no_calls);
        cell.colSpan = 5;
        empty.appendChild(cell);
        rows.push(empty);
      }
      replaceChildren($("qd-calls"), rows);
    },

    renderWaiting: function (snapshot) {
      var items = [];
      var categories = snapshot.categories || [];
      for (var i = 0; i < categories.length; i++) {
        var category = categories[i];
        var item = element("li");
        item.appendChild(element("span", "qd-prefix", category.prefix));
        item.appendChild(element("span", "qd-category", category.name));
        var count = element("span", "qd-count");
        count.appendChild(element("strong", null, category.waiting));
        count.appendChild(document.createTextNode(labels.people));
        item.appendChild(count);
        items.push(item);
      }
      if (!items.length) { items.push(element("li", "qd-empty", labels.no_categories)); }
      var list = $("qd-categories");
      // as views/displays.py waiting_density
      list.setAttribute("data-density", categories.length <= 5 ? "roomy" : categories.length <= 8 ? "compact" : "columns");
      replaceChildren(list, items);
      $("qd-total").textContent = labels.waiting_total.replace("{count}", snapshot.waiting_total || 0);
    }
  };

  // A window's display -------------------------------------------------------------------------

  var photoTemplate = body.getAttribute("data-photo-template") || "";

  var desk = {
    servingKey: callKey(initial.serving),

    render: function (snapshot, announce) {
      $("qd-window-number").textContent = snapshot.window;
      $("qd-window-name").textContent = snapshot.name;
      var chips = [];
      for (var i = 0; i < (snapshot.categories || []).length; i++) {
        chips.push(element("li", null, snapshot.categories[i]));
      }
      replaceChildren($("qd-window-categories"), chips);
      this.renderStaff(snapshot.staff);
      var key = callKey(snapshot.serving);
      var fresh = !!announce || (key !== "" && key !== this.servingKey);
      this.servingKey = key;
      this.renderServing(snapshot, fresh);
    },

    renderStaff: function (staff) {
      var children = [];
      if (staff) {
        if (staff.photo && photoTemplate) {
          var photo = element("img", "qd-photo");
          photo.alt = staff.name;
          photo.src = photoTemplate.replace("{id}", encodeURIComponent(staff.id));
          children.push(photo);
        } else {
          children.push(element("span", "qd-photo qd-photo-none", (staff.name || "").charAt(0)));
        }
        var text = element("div", "qd-staff-text");
        text.appendChild(element("strong", "qd-staff-name", staff.name));
        if (staff.title) { text.appendChild(element("span", "qd-staff-title", staff.title)); }
        text.appendChild(element("span", "qd-staff-number", labels.employee_number + " " + staff.employee_number));
        children.push(text);
      } else {
        children.push(element("span", "qd-staff-none", labels.no_staff));
      }
      var box = $("qd-staff");
      var current = box.querySelector(".qd-photo");
      var next = children[0];
      // Keep the photo element when it is the same picture: no flicker on every push.
      if (current && next && current.tagName === "IMG" && next.tagName === "IMG" && current.src === next.src) {
        children[0] = current;
      }
      replaceChildren(box, children);
    },

    renderServing: function (snapshot, fresh) {
      var box = $("qd-serving");
      var children = [];
      box.classList.remove("is-paused", "is-serving", "is-idle");
      if (snapshot.paused) {
        box.classList.add("is-paused");
        children.push(element("span", "qd-serving-label", labels.this_window));
        children.push(element("strong", "qd-paused", labels.paused));
        if (snapshot.pause_reason) {
          children.push(element("span", "qd-pause-reason", "（" + snapshot.pause_reason + "）"));
        }
      } else if (snapshot.serving) {
        box.classList.add("is-serving");
        children.push(element("span", "qd-serving-label", labels.now_serving));
        children.push(element("strong", "qd-serving-code", snapshot.serving.code));
        children.push(element("span", "qd-serving-name", snapshot.serving.name || ""));
        children.push(element("span", "qd-serving-time", labels.called_at.replace("{time}", snapshot.serving.at)));
      } else {
        box.classList.add("is-idle");
        children.push(element("span", "qd-serving-label", labels.now_serving));
        children.push(element("strong", "qd-idle", labels.idle));
        children.push(element("span", "qd-serving-name", labels.idle_hint));
      }
      replaceChildren(box, children);
      if (fresh && snapshot.serving && !snapshot.paused) { restartAnimation(box, "is-flashing"); }
    }
  };

  var display = kind === "hall" ? hall : desk;

  function receive(message) {
    if (!message || message.kind !== kind || !message.snapshot) { return; }
    display.render(message.snapshot, message.announce || null);
    if (message.announce) { voice.say(message.announce.speech); }
  }

  // The link: a WebSocket, re-opened with back-off; JSON every 30 s while it is down ----------

  var socket = null;
  var attempts = 0;
  var reconnectTimer = null;
  var lastMessageAt = 0;
  var refreshSentAt = 0;
  var linkText = document.querySelector("#qd-link span");

  function setState(state) {
    body.setAttribute("data-state", state);
    if (linkText) { linkText.textContent = state === "live" ? labels.live : labels.offline; }
  }

  function socketUrl() {
    var location = window.location;
    var scheme = location.protocol === "https:" ? "wss:" : "ws:";
    var port = body.getAttribute("data-ws-port");
    var host = port ? location.hostname + ":" + port : location.host;
    if (port && location.hostname.indexOf(":") !== -1 && location.hostname.charAt(0) !== "[") {
      host = "[" + location.hostname + "]:" + port; // IPv6
    }
    return scheme + "//" + host + body.getAttribute("data-ws-path");
  }

  function isOpen() { return socket && socket.readyState === 1; }

  function connect() {
    window.clearTimeout(reconnectTimer);
    reconnectTimer = null;
    try {
      socket = new window.WebSocket(socketUrl());
    } catch (e) {
      scheduleReconnect();
      return;
    }
    socket.onopen = function () {
      attempts = 0;
      lastMessageAt = Date.now();
      setState("live");
    };
    socket.onmessage = function (event) {
      lastMessageAt = Date.now();
      var message;
      try { message = JSON.parse(event.data); } catch (e) { return; }
      receive(message);
    };
    socket.onclose = function () {
      var wasOpen = body.getAttribute("data-state") === "live";
      socket = null;
      setState("offline");
      if (wasOpen) { fetchSnapshot(); } // catch up at once; then every 30 s until the socket is back
      scheduleReconnect();
    };
    socket.onerror = function () { /* onclose follows */ };
  }

  function scheduleReconnect() {
    if (reconnectTimer) { return; }
    // 1 s, 2 s, 4 s … up to 30 s, with jitter so a hall of displays does not reconnect at once.
    var delay = Math.min(30000, 1000 * Math.pow(2, attempts)) + Math.floor(Math.random() * 1000);
    attempts = Math.min(attempts + 1, 10);
    reconnectTimer = window.setTimeout(connect, delay);
  }

  function fetchSnapshot() {
    if (!window.fetch) { return; }
    window.fetch(body.getAttribute("data-snapshot-url"), { cache: "no-store", credentials: "same-origin" })
      .then(function (response) { return response.ok ? response.json() : null; })
      .then(function (data) {
        if (!data) { return; }
        syncClock(data.now);
        if (!isOpen()) { receive(data); }
      })
      .catch(function () { /* the server is away too: the next round tries again */ });
  }

  function heartbeat() {
    if (isOpen()) {
      // A socket that answered nothing to the last round's refresh is dead behind a proxy: close
      // it, so the back-off reconnects. The refresh also renews the socket's group membership.
      if (refreshSentAt && lastMessageAt < refreshSentAt) {
        socket.close();
        return;
      }
      socket.send(JSON.stringify({ type: "refresh" }));
      refreshSentAt = Date.now();
    } else {
      fetchSnapshot();
    }
  }

  tick();
  connect();
  window.setInterval(heartbeat, refreshMs);
  // The server's clock once a while, even while the socket is live.
  window.setInterval(function () { if (isOpen()) { fetchSnapshot(); } }, 10 * 60 * 1000);
})();
