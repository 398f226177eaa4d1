// Radar chart of 2–4 candidates' competency levels against the position standard (data from json_script).
(function () {
  "use strict";
  var source = document.getElementById("radar-data");
  var canvas = document.getElementById("radar");
  if (!source || !canvas || typeof Chart === "undefined") { return; }
  var data = JSON.parse(source.textContent);
  var colours = ["#0b4f6c", "#e67e22", "#27ae60", "#8e44ad"];
  var datasets = [{
    label: "Standar jabatan", data: data.standard, borderColor: "#c0392b", borderDash: [6, 4],
    backgroundColor: "rgba(192, 57, 43, 0.05)", pointRadius: 0
  }];
  data.candidates.forEach(function (c, i) {
    datasets.push({
      label: c.name, data: c.levels, borderColor: colours[i % colours.length],
      backgroundColor: "transparent", spanGaps: false, pointRadius: 3
    });
  });
  new Chart(canvas, {
    type: "radar",
    data: { labels: data.labels, datasets: datasets },
    options: {
      animation: false,
      scales: { r: { min: 0, max: 5, ticks: { stepSize: 1 } } },
      plugins: { legend: { position: "bottom" } }
    }
  });
  canvas.dataset.rendered = "true";
})();
