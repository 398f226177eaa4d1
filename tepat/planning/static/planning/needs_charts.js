// Draws every <canvas data-chart="ID"> from the JSON in <script id="ID" type="application/json">.
(function () {
  document.querySelectorAll("canvas[data-chart]").forEach(function (canvas) {
    var source = document.getElementById(canvas.dataset.chart);
    if (!source || typeof Chart === "undefined") { return; }
    var spec = JSON.parse(source.textContent);
    var scales = { y: { beginAtZero: true, title: { display: true, text: "Pegawai" } } };
    if (spec.datasets.some(function (d) { return d.yAxisID === "y2"; })) {
      scales.y2 = { beginAtZero: true, position: "right", grid: { drawOnChartArea: false },
                    title: { display: true, text: "Keluar / kekurangan" } };
      scales.x = { stacked: true };
      scales.y2.stacked = true;
    }
    new Chart(canvas, {
      type: spec.type,
      data: { labels: spec.labels, datasets: spec.datasets },
      options: { responsive: true, maintainAspectRatio: false, scales: scales,
                 plugins: { legend: { position: "bottom" } } }
    });
  });
})();
