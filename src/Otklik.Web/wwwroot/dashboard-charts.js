// The dashboard's interactive charts (Chart.js 4, wwwroot/lib/chart.js): hover or touch a point or a bar for its
// figures, click it for the incidents behind it. DashboardCharts.razor builds each chart's spec from the Core use cases
// (the PDF report draws the same series with ScottPlot); the tables beside the charts hold the same numbers as links
// for the keyboard and screen readers.
let loading;

function chartJs() {
    if (window.Chart) return Promise.resolve(window.Chart);
    loading ??= new Promise((resolve, reject) => {
        const script = document.createElement('script');
        script.src = new URL('lib/chart.js/chart.umd.min.js', document.baseURI).href;
        script.onload = () => resolve(window.Chart);
        script.onerror = () => reject(new Error('Chart.js did not load'));
        document.head.appendChild(script);
    });
    return loading;
}

function linkAt(chart, elements) {
    const e = elements[0];
    return e ? chart.data.datasets[e.datasetIndex].links?.[e.index] ?? null : null;
}

// spec: { kind: 'line' | 'bar', horizontal, labels, series: [{ name, values, links }], valueTitle, percent }
export async function render(canvas, spec) {
    const Chart = await chartJs();
    Chart.getChart(canvas)?.destroy();
    const valueAxis = spec.horizontal ? 'x' : 'y';
    const categoryAxis = spec.horizontal ? 'y' : 'x';
    const suffix = spec.percent ? ' %' : '';
    new Chart(canvas, {
        type: spec.kind,
        data: {
            labels: spec.labels,
            datasets: spec.series.map(s => ({
                label: s.name, data: s.values, links: s.links,
                pointRadius: 2, pointHoverRadius: 5, borderWidth: spec.kind === 'line' ? 1.5 : 0,
            })),
        },
        options: {
            indexAxis: spec.horizontal ? 'y' : 'x',
            responsive: true,
            maintainAspectRatio: false,
            animation: false,
            locale: 'ru-RU',
            interaction: spec.kind === 'line' ? { mode: 'nearest', intersect: false } : { mode: 'nearest', intersect: true, axis: categoryAxis },
            plugins: {
                legend: { display: spec.series.length > 1, position: 'bottom', labels: { boxWidth: 12 } },
                tooltip: { callbacks: { label: c => `${c.dataset.label}: ${c.formattedValue}${suffix}` } },
            },
            scales: {
                [valueAxis]: {
                    beginAtZero: true,
                    max: spec.percent ? 100 : undefined,
                    title: { display: !!spec.valueTitle, text: spec.valueTitle },
                    ticks: spec.percent ? {} : { precision: 0 },
                },
                [categoryAxis]: { ticks: { autoSkip: true, maxRotation: 0 } },
            },
            onClick: (event, elements, chart) => {
                const link = linkAt(chart, elements);
                if (link) window.location.assign(link);
            },
            onHover: (event, elements, chart) => {
                chart.canvas.style.cursor = linkAt(chart, elements) ? 'pointer' : 'default';
            },
        },
    });
}
