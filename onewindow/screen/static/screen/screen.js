// The hall's big screen (screen/views.py): draw the figures embedded in the page, then read them
// again from the data endpoint every data-refresh-seconds and update in place, never reloading.
// A failed read keeps the last figures and says since when they are old; the clock runs on the
// server's time in the hall's time zone. Charts: Apache ECharts (served from this site), each with
// its numbers written beside it. Plain ES5: hall TVs run old browsers on closed networks.
(function () {
  "use strict";

  var body = document.body;
  var labels = JSON.parse(document.getElementById("sc-labels").textContent);
  var current = JSON.parse(document.getElementById("sc-data").textContent);
  var dataUrl = body.getAttribute("data-url");
  var refreshMs = Math.max(1, parseInt(body.getAttribute("data-refresh-seconds"), 10) || 30) * 1000;
  var timeZone = body.getAttribute("data-time-zone") || undefined;
  var clockOffset = (parseInt(body.getAttribute("data-server-now"), 10) || Date.now()) - Date.now();
  var PAGE_MS = 8000;
  var itemsLimit = parseInt(body.getAttribute("data-items-limit"), 10) || 8;

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

  function number(value) {
    if (value === null || value === undefined) { return labels.nothing; }
    return String(value).replace(/\B(?=(\d{3})+(?!\d))/g, ",");
  }

  function minutes(seconds) {
    if (seconds === null || seconds === undefined) { return labels.nothing; }
    return String(Math.round(seconds / 60));
  }

  function format(template, values) {
    return template.replace(/\{(\w+)\}/g, function (match, name) {
      return values.hasOwnProperty(name) ? values[name] : match;
    });
  }

  function pick(data, path) {
    var parts = path.split(".");
    var value = data;
    for (var i = 0; i < parts.length && value !== null && value !== undefined; i++) { value = value[parts[i]]; }
    return value;
  }

  var quiet = true; // the first drawing only writes the figures the page came with

  function setText(node, text) {
    text = String(text);
    if (node.textContent === text) { return; }
    node.textContent = text;
    if (!quiet) {
      node.classList.remove("is-changed");
      void node.offsetWidth; // reflow, so the glow starts again
      node.classList.add("is-changed");
    }
  }

  function rem() {
    return parseFloat(window.getComputedStyle(document.documentElement).fontSize) || 16;
  }

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

  function two(value) { return (value < 10 ? "0" : "") + value; }

  function timeText(ms) {
    var parts = partsOf(ms);
    return two(parts.hour) + ":" + two(parts.minute) + ":" + two(parts.second);
  }

  function tick() {
    var now = Date.now() + clockOffset;
    var parts = partsOf(now);
    $("sc-clock").textContent = two(parts.hour) + ":" + two(parts.minute) + ":" + two(parts.second);
    $("sc-date").textContent = format(labels.date_format, { year: parts.year, month: parts.month, day: parts.day }) +
      " " + labels.weekdays[parts.weekday];
    window.setTimeout(tick, 1000 - (now % 1000) + 20);
  }

  function syncClock(request) {
    var ms = parseInt(request.getResponseHeader("X-OneWindow-Now") || "", 10);
    if (!isNaN(ms)) { clockOffset = ms - Date.now(); }
  }

  // Charts -------------------------------------------------------------------------------------

  var colours = { green: "#35d68a", yellow: "#ffc233", red: "#ff4d57", grey: "#7f93b3", cyan: "#4fe0ff", gold: "#ffd54a" };
  var charts = {};

  function chart(id) {
    if (!window.echarts) { return null; }
    if (!charts[id]) { charts[id] = window.echarts.init($(id), null, { renderer: "svg" }); }
    return charts[id];
  }

  function ring(id, values, names, palette) {
    var target = chart(id);
    if (!target) { return; }
    var total = 0;
    for (var i = 0; i < values.length; i++) { total += values[i]; }
    var data = [];
    for (var j = 0; j < values.length; j++) {
      data.push({ value: values[j], name: names[j], itemStyle: { color: palette[j] } });
    }
    if (!total) { data = [{ value: 1, name: "", itemStyle: { color: "rgba(143, 177, 219, .18)" } }]; }
    target.setOption({
      animation: false,
      series: [{
        type: "pie", radius: ["70%", "94%"], silent: true, label: { show: false }, labelLine: { show: false },
        itemStyle: { borderColor: "#081c3c", borderWidth: 3 }, data: data
      }]
    }, true);
  }

  function drawItems(items) {
    var target = chart("sc-items-chart");
    $("sc-items-empty").hidden = items.length > 0;
    $("sc-items-chart").hidden = items.length === 0;
    if (!target || !items.length) { return; }
    var size = rem();
    // Always as many rows as the list may hold, so one item is a bar, not a block.
    var names = [];
    var values = [];
    for (var i = 0; i < itemsLimit; i++) {
      names.push(i < items.length ? items[i].name : "");
      values.push(i < items.length ? items[i].accepted : null);
    }
    target.resize();
    target.setOption({
      animation: false,
      grid: { left: 0, right: 5.5 * size, top: 0.2 * size, bottom: 0.2 * size, containLabel: true },
      xAxis: { type: "value", show: false, min: 0, max: function (value) { return Math.max(1, value.max); } },
      yAxis: {
        type: "category", inverse: true, data: names,
        axisLine: { show: false }, axisTick: { show: false },
        axisLabel: {
          color: "#c6dbf5", fontSize: 1.5 * size, width: 22 * size, overflow: "truncate", margin: 0.8 * size, interval: 0
        }
      },
      series: [{
        type: "bar", barWidth: "58%", barMaxWidth: 1.6 * size, silent: true, data: values,
        itemStyle: {
          borderRadius: [0, 0.3 * size, 0.3 * size, 0],
          color: new window.echarts.graphic.LinearGradient(0, 0, 1, 0, [
            { offset: 0, color: "rgba(79, 224, 255, .25)" }, { offset: 1, color: "#4fe0ff" }
          ])
        },
        label: {
          show: true, position: "right", color: "#ffffff", fontSize: 1.75 * size, fontWeight: "bold", distance: 0.6 * size,
          formatter: function (entry) { return entry.value === null || entry.value === undefined ? "" : number(entry.value); }
        }
      }]
    }, true);
  }

  function drawTrend(days) {
    var target = chart("sc-trend-chart");
    var accepted = 0;
    var completed = 0;
    for (var i = 0; i < days.length; i++) { accepted += days[i].accepted; completed += days[i].completed; }
    $("sc-trend-total").textContent = labels.accepted + " " + number(accepted) + " · " + labels.completed + " " + number(completed);
    if (!target) { return; }
    var size = rem();
    var last = days.length - 1;
    function series(name) {
      return days.map(function (day, index) {
        if (index !== last) { return day[name]; }
        return { value: day[name], label: { show: true } }; // today's figure written at the end
      });
    }
    target.resize();
    target.setOption({
      animation: false,
      legend: {
        top: 0, right: 0, itemWidth: 1.4 * size, itemHeight: 0.9 * size,
        textStyle: { color: "#c6dbf5", fontSize: 1.4 * size }, data: [labels.accepted, labels.completed]
      },
      grid: { left: 0.5 * size, right: 2.5 * size, top: 3 * size, bottom: 0.2 * size, containLabel: true },
      xAxis: {
        type: "category", boundaryGap: true,
        data: days.map(function (day) { return day.day.slice(5).replace("-", "/"); }),
        axisLine: { lineStyle: { color: "rgba(143, 177, 219, .5)" } }, axisTick: { show: false },
        axisLabel: { color: "#8fb1db", fontSize: 1.25 * size, interval: 6 }
      },
      yAxis: {
        type: "value", splitNumber: 3, minInterval: 1,
        splitLine: { lineStyle: { color: "rgba(143, 177, 219, .15)" } },
        axisLabel: { color: "#8fb1db", fontSize: 1.25 * size }
      },
      series: [
        {
          name: labels.accepted, type: "bar", barWidth: "55%", silent: true, data: series("accepted"),
          itemStyle: { color: "rgba(79, 224, 255, .75)", borderRadius: [0.2 * size, 0.2 * size, 0, 0] },
          label: { show: false, position: "top", color: colours.cyan, fontSize: 1.6 * size, fontWeight: "bold" }
        },
        {
          name: labels.completed, type: "line", smooth: 0.3, silent: true, data: series("completed"),
          symbol: "circle", symbolSize: 0.55 * size, lineStyle: { width: 0.25 * size, color: colours.green },
          itemStyle: { color: colours.green },
          label: { show: false, position: "right", color: colours.green, fontSize: 1.6 * size, fontWeight: "bold" }
        }
      ]
    }, true);
  }

  // Lists that page themselves when they are longer than their panel --------------------------

  var pagers = {};

  // How many of `rows` fit in `box`: the list itself, or the box a table sits in (less its head).
  function perPageOf(list, box, rows) {
    if (!rows.length) { return 1; }
    replaceChildren(list, [rows[0]]);
    var rowHeight = rows[0].getBoundingClientRect().height;
    var gap = parseFloat(window.getComputedStyle(list).rowGap) || 0;
    var table = list.tagName === "TBODY" ? list.parentNode : null;
    var head = table && table.tHead ? table.tHead.getBoundingClientRect().height : 0;
    var room = box.getBoundingClientRect().height - head;
    return Math.max(1, Math.floor((room + gap) / (rowHeight + gap)));
  }

  function paged(listId, pagerId, rows, emptyNode, boxId) {
    var list = $(listId);
    var pager = pagers[listId] || (pagers[listId] = { page: 0, timer: null });
    var perPage = perPageOf(list, $(boxId || listId), rows);
    var pages = Math.max(1, Math.ceil(rows.length / perPage));
    function show() {
      if (pager.page >= pages) { pager.page = 0; }
      var slice = rows.slice(pager.page * perPage, (pager.page + 1) * perPage);
      replaceChildren(list, rows.length ? slice : [emptyNode]);
      $(pagerId).textContent = pages > 1 ? format(labels.page, { page: pager.page + 1, pages: pages }) : "";
    }
    if (pager.timer) { window.clearInterval(pager.timer); pager.timer = null; }
    show();
    if (pages > 1) {
      pager.timer = window.setInterval(function () { pager.page = (pager.page + 1) % pages; show(); }, PAGE_MS);
    }
  }

  function categoryRows(categories) {
    return categories.map(function (category) {
      var row = element("li");
      row.appendChild(element("span", "sc-prefix", category.prefix));
      row.appendChild(element("span", "sc-category-name", category.name));
      var waiting = element("span", "sc-category-waiting", number(category.waiting));
      waiting.appendChild(element("small", null, labels.people));
      row.appendChild(waiting);
      var wait = element("span", "sc-category-wait");
      if (category.average_wait_seconds === null) {
        wait.textContent = labels.no_calls;
      } else {
        wait.appendChild(element("b", null, minutes(category.average_wait_seconds)));
        wait.appendChild(document.createTextNode(labels.minute_unit));
      }
      row.appendChild(wait);
      return row;
    });
  }

  function siteRows(sites) {
    return sites.map(function (site) {
      var row = element("tr");
      var name = element("td", null, site.name);
      name.title = site.name;
      row.appendChild(name);
      row.appendChild(element("td", "is-today", number(site.today_accepted)));
      row.appendChild(element("td", "is-today is-done", number(site.today_completed)));
      row.appendChild(element("td", null, number(site.month_accepted)));
      row.appendChild(element("td", "is-done", number(site.month_completed)));
      return row;
    });
  }

  function emptyRow(tag, text, columns) {
    var node = element(tag, "sc-empty");
    if (tag === "tr") {
      var cell = element("td", "sc-empty", text);
      cell.colSpan = columns;
      node.appendChild(cell);
    } else {
      node.textContent = text;
    }
    return node;
  }

  // Drawing the figures -----------------------------------------------------------------------

  function draw(data) {
    var figures = document.querySelectorAll("[data-figure]");
    for (var i = 0; i < figures.length; i++) {
      setText(figures[i], number(pick(data, figures[i].getAttribute("data-figure"))));
    }
    var kind = $("sc-day-kind");
    kind.textContent = data.is_working_day ? labels.working_day : labels.rest_day;
    kind.classList.toggle("is-rest", !data.is_working_day);
    var next = data.next_working_day;
    $("sc-next-day").textContent = next
      ? format(labels.next_working_day, { month: +next.slice(5, 7), day: +next.slice(8, 10) }) : "";

    var lights = data.lights;
    ring("sc-lights-chart", [lights.green, lights.yellow, lights.red, lights.suspended],
      [labels.green, labels.yellow, labels.red, labels.suspended],
      [colours.green, colours.yellow, colours.red, colours.grey]);

    var satisfaction = data.satisfaction;
    setText($("sc-satisfaction-rate"), satisfaction.rate === null ? labels.nothing : satisfaction.rate.toFixed(1));
    $("sc-satisfaction-rate").classList.toggle("is-none", satisfaction.rate === null);
    $("sc-satisfaction-unit").hidden = satisfaction.rate === null;
    $("sc-satisfaction-bar").style.width = (satisfaction.rate === null ? 0 : satisfaction.rate) + "%";
    $("sc-satisfaction-bar").parentNode.classList.toggle("is-empty", satisfaction.rate === null);

    var queue = data.queue;
    setText($("sc-average-wait"), minutes(queue.average_wait_seconds));
    $("sc-average-wait").classList.toggle("is-none", queue.average_wait_seconds === null);
    document.querySelector(".sc-queue-head .is-alert").classList.toggle("is-on", queue.long_waits > 0);
    paged("sc-categories", "sc-categories-pager", categoryRows(queue.categories), emptyRow("li", labels.no_categories));
    paged("sc-sites", "sc-sites-pager", siteRows(data.sites), emptyRow("tr", labels.no_sites, 5), "sc-sites-box");

    drawItems(data.top_items);
    drawTrend(data.trend);
  }

  // Refreshing --------------------------------------------------------------------------------

  var lastGood = Date.now() + clockOffset;

  function showLink(state) {
    body.setAttribute("data-state", state);
    var text = state === "live"
      ? format(labels.live, { seconds: Math.round(refreshMs / 1000), time: timeText(lastGood) })
      : format(state === "unpaired" ? labels.unpaired : labels.offline, { time: timeText(lastGood) });
    $("sc-link-text").textContent = text;
  }

  function refresh() {
    var request = new XMLHttpRequest();
    var separator = dataUrl.indexOf("?") < 0 ? "?" : "&";
    request.open("GET", dataUrl + separator + "t=" + Date.now(), true);
    request.setRequestHeader("Accept", "application/json");
    request.timeout = 15000;
    request.onload = function () {
      if (request.status === 200) {
        try {
          var data = JSON.parse(request.responseText);
          current = data;
          syncClock(request);
          lastGood = Date.now() + clockOffset;
          draw(data);
          showLink("live");
        } catch (error) {
          showLink("offline");
        }
      } else {
        showLink(request.status === 403 ? "unpaired" : "offline");
      }
      schedule();
    };
    request.onerror = request.ontimeout = function () {
      showLink("offline");
      schedule();
    };
    request.send();
  }

  var timer = null;
  function schedule() {
    if (timer) { window.clearTimeout(timer); }
    timer = window.setTimeout(refresh, refreshMs);
  }

  // A double click (or OK on the remote) asks for full screen, for a TV without a kiosk flag.
  document.addEventListener("dblclick", function () {
    var root = document.documentElement;
    if (!document.fullscreenElement && root.requestFullscreen) { root.requestFullscreen().catch(function () {}); }
  });

  window.addEventListener("resize", function () {
    for (var id in charts) { if (charts.hasOwnProperty(id)) { charts[id].resize(); } }
    quiet = true;
    draw(current);
    quiet = false;
  });

  tick();
  draw(current);
  quiet = false;
  showLink("live");
  schedule();
})();
