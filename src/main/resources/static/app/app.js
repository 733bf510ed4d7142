// Forkcast dashboard: small vanilla scripts. No inline scripts (the Content-Security-Policy forbids them).
(function () {
    'use strict';

    function csrf() {
        var token = document.querySelector('meta[name="csrf-token"]');
        var header = document.querySelector('meta[name="csrf-header"]');
        return token && header ? {header: header.content, token: token.content} : null;
    }

    // Every htmx request carries the CSRF token in its header.
    document.addEventListener('htmx:configRequest', function (event) {
        var c = csrf();
        if (c) {
            event.detail.headers[c.header] = c.token;
        }
    });

    // Let htmx swap error fragments (4xx) into their target, so the owner reads what went wrong.
    document.addEventListener('htmx:beforeSwap', function (event) {
        if (event.detail.xhr.status >= 400 && event.detail.xhr.status < 500) {
            event.detail.shouldSwap = true;
            event.detail.isError = false;
        }
    });

    window.Forkcast = {csrf: csrf};
})();
