// Settings: the time-zone search narrows the picker to the zones whose name contains what is typed.
(function () {
    'use strict';
    var search = document.getElementById('timezone-search');
    var select = document.getElementById('timezone');
    if (!search || !select) {
        return;
    }
    search.addEventListener('input', function () {
        var words = search.value.toLowerCase().trim().split(/\s+/).filter(Boolean);
        var first = null;
        Array.prototype.forEach.call(select.options, function (option) {
            var text = (option.textContent + ' ' + option.value).toLowerCase().replace(/_/g, ' ');
            var match = words.every(function (w) { return text.indexOf(w) >= 0; });
            option.hidden = !match;
            if (match && !first) {
                first = option;
            }
        });
        if (first && words.length) {
            select.value = first.value;
        }
    });
})();
