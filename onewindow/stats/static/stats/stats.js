// 统计分析: the bar chart of the table beside it (Apache ECharts, served from this site). The data
// come in a JSON script element; no inline script (the pages' Content-Security-Policy allows none).
(function () {
  "use strict";
  var holder = document.getElementById("stats-chart");
  var source = document.getElementById("stats-chart-data");
  if (!holder || !source || !window.echarts) { return; }
  var data = JSON.parse(source.textContent);
  holder.style.height = Math.max(300, data.labels.length * 30 + 70) + "px";
  var chart = window.echarts.init(holder, null, { renderer: "svg" });
  chart.setOption({
    animation: false,
    color: ["#1a56a8", "#2e9d5b"],
    tooltip: { trigger: "axis" },
    legend: { data: [data.accepted_name, data.completed_name], top: 0 },
    grid: { left: 8, right: 16, top: 36, bottom: 8, containLabel: true },
    xAxis: { type: "value" },
    yAxis: { type: "category", data: data.labels, inverse: true, axisLabel: { width: 220, overflow: "truncate" } },
    series: [
      { name: data.accepted_name, type: "bar", data: data.accepted },
      { name: data.completed_name, type: "bar", data: data.completed }
    ]
  });
  window.addEventListener("resize", function () { chart.resize(); });
})();
