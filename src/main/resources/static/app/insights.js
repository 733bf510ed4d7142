// Insights: likes and comments over time with uPlot (from its webjar); the data comes in a JSON script element.
(function () {
    'use strict';
    var data = document.getElementById('chart-data');
    if (!data || typeof uPlot === 'undefined') {
        return;
    }
    var charts = JSON.parse(data.textContent);
    document.querySelectorAll('[data-chart]').forEach(function (box) {
        var chart = charts[parseInt(box.dataset.chart, 10)];
        var width = Math.max(280, box.clientWidth || 480);
        new uPlot({
            width: width,
            height: 240,
            series: [
                {},
                {label: 'Likes', stroke: '#b2361a', width: 2, points: {show: true}},
                {label: 'Comments', stroke: '#1d4fa8', width: 2, points: {show: true}}
            ],
            axes: [{}, {label: 'count'}]
        }, [chart.x, chart.likes, chart.comments], box);
    });
})();
