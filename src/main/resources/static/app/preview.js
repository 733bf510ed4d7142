// Previews: a carousel's dots follow the image scrolled into its frame, as on Instagram.
(function () {
    'use strict';
    document.addEventListener('scroll', function (e) {
        var track = e.target;
        if (!track.classList || !track.classList.contains('np-track')) {
            return;
        }
        var shown = Math.round(track.scrollLeft / Math.max(1, track.clientWidth));
        track.closest('.np').querySelectorAll('.np-dot').forEach(function (dot, i) {
            dot.classList.toggle('on', i === shown);
        });
    }, true);
})();
