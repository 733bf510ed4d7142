// Insights: likes and comments over time with uPlot (from its webjar); the data comes in a JSON script element.
// The x axis spans the chart's own range (the period, or the post's life), never uPlot's guess around one point.
(function () {
    'use strict';
    var data = document.getElementById('chart-data');
    if (!data || typeof uPlot === 'undefined') {
        return;
    }
    var charts = JSON.parse(data.textContent);
    document.querySelectorAll('[data-chart]').forEach(function (box) {
        var chart = charts[parseInt(box.dataset.chart, 10)];
        var width = Math.max(260, Math.min(box.clientWidth || 480, window.innerWidth - 48));
        var top = Math.max(1, Math.max.apply(null, chart.likes.concat(chart.comments)));
        new uPlot({
            width: width,
            height: 240,
            scales: {
                x: {time: true, range: function () { return [chart.from, chart.to]; }},
                y: {range: function () { return [0, Math.ceil(top * 1.15)]; }}
            },
            series: [
                {},
                {label: 'Likes', stroke: '#b2361a', width: 2, points: {show: true, size: 7}},
                {label: 'Comments', stroke: '#1d4fa8', width: 2, points: {show: true, size: 7}}
            ],
            axes: [{}, {label: 'count', values: function (u, ticks) {
                return ticks.map(function (t) { return Number.isInteger(t) ? t : ''; });
            }}]
        }, [chart.x, chart.likes, chart.comments], box);
    });
})();
