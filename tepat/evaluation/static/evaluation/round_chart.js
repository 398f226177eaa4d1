// Mean SKP by year relative to TMT, movers vs comparison: draws <canvas data-chart="ID"> from <script id="ID">.
(function () {
  document.querySelectorAll("canvas[data-chart]").forEach(function (canvas) {
    var source = document.getElementById(canvas.dataset.chart);
    if (!source || typeof Chart === "undefined") { return; }
    var spec = JSON.parse(source.textContent);
    var colours = ["#0d6efd", "#6c757d"];
    spec.datasets.forEach(function (d, i) {
      d.borderColor = colours[i % colours.length];
      d.backgroundColor = colours[i % colours.length];
      d.spanGaps = true;
      d.borderDash = i === 1 ? [6, 4] : [];
    });
    new Chart(canvas, {
      type: "line",
      data: { labels: spec.labels, datasets: spec.datasets },
      options: {
        responsive: true, maintainAspectRatio: false,
        scales: {
          x: { title: { display: true, text: "Tahun relatif terhadap TMT" } },
          y: { title: { display: true, text: "Rata-rata nilai SKP" } }
        },
        plugins: { legend: { position: "bottom" } }
      }
    });
  });
})();
