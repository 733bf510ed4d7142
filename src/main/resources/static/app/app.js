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

    // Let htmx swap error fragments (4xx) into their target, so the owner reads what went wrong there.
    document.addEventListener('htmx:beforeSwap', function (event) {
        if (event.detail.xhr.status >= 400 && event.detail.xhr.status < 500) {
            event.detail.shouldSwap = true;
            event.detail.isError = false;
        }
    });

    // A failure with no fragment to show (the server failed, the connection dropped): a message beside the
    // element that asked, never a silent nothing.
    function inlineError(element, text) {
        var anchor = element.closest('form') || element;
        var message = anchor.nextElementSibling;
        if (!message || !message.classList.contains('request-error')) {
            message = document.createElement('p');
            message.className = 'error request-error';
            message.setAttribute('role', 'alert');
            anchor.insertAdjacentElement('afterend', message);
        }
        message.textContent = text;
    }

    document.addEventListener('htmx:responseError', function (event) {
        if (event.detail.xhr.status >= 500) {
            inlineError(event.detail.elt, 'Something went wrong on our side; nothing was changed. Try again in a minute.');
        }
    });
    document.addEventListener('htmx:sendError', function (event) {
        inlineError(event.detail.elt, 'The connection failed; nothing was changed. Check the network and try again.');
    });

    // Destructive actions ask first: <form data-confirm="Question?" data-confirm-detail="What follows."
    // data-confirm-button="Disconnect">. The answer is asked in a native <dialog> (focus kept inside, Escape cancels).
    var dialog = null;

    function confirmDialog() {
        if (dialog) {
            return dialog;
        }
        dialog = document.createElement('dialog');
        dialog.id = 'confirm-dialog';
        dialog.setAttribute('aria-labelledby', 'confirm-question');
        dialog.setAttribute('aria-describedby', 'confirm-detail');
        dialog.innerHTML = '<form method="dialog" class="stack">'
            + '<h2 id="confirm-question"></h2><p id="confirm-detail"></p>'
            + '<div class="row"><button value="cancel" id="confirm-cancel">Keep it</button>'
            + '<button value="confirm" class="danger" id="confirm-ok">Confirm</button></div></form>';
        document.body.appendChild(dialog);
        return dialog;
    }

    document.addEventListener('submit', function (event) {
        var form = event.target;
        if (!form.matches || !form.matches('form[data-confirm]') || form.dataset.confirmed === 'yes') {
            return;
        }
        event.preventDefault();
        var d = confirmDialog();
        d.querySelector('#confirm-question').textContent = form.dataset.confirm;
        d.querySelector('#confirm-detail').textContent = form.dataset.confirmDetail || '';
        d.querySelector('#confirm-ok').textContent = form.dataset.confirmButton || 'Confirm';
        d.returnValue = '';
        d.onclose = function () {
            if (d.returnValue === 'confirm') {
                form.dataset.confirmed = 'yes';
                form.requestSubmit ? form.requestSubmit() : form.submit();
            }
        };
        d.showModal();
        d.querySelector('#confirm-cancel').focus();
    }, true);

    // Copy buttons: <button data-copy="id-of-the-element-whose-text-is-copied">.
    document.addEventListener('click', function (event) {
        var button = event.target.closest ? event.target.closest('button[data-copy]') : null;
        if (!button) {
            return;
        }
        var source = document.getElementById(button.dataset.copy);
        if (!source) {
            return;
        }
        var label = button.textContent;
        function done(text) {
            button.textContent = text;
            setTimeout(function () {
                button.textContent = label;
            }, 2500);
        }
        if (navigator.clipboard && window.isSecureContext) {
            navigator.clipboard.writeText(source.textContent.trim()).then(function () {
                done('Copied');
            }, function () {
                selectText(source);
                done('Press Ctrl+C to copy');
            });
        } else {
            selectText(source);
            done(document.execCommand && document.execCommand('copy') ? 'Copied' : 'Press Ctrl+C to copy');
        }
    });

    function selectText(element) {
        var range = document.createRange();
        range.selectNodeContents(element);
        var selection = window.getSelection();
        selection.removeAllRanges();
        selection.addRange(range);
    }

    // A page sent back with a refused form: the first refused field gets the focus (and scrolls into view).
    document.addEventListener('DOMContentLoaded', function () {
        var invalid = document.querySelector('[aria-invalid=true]');
        if (invalid) {
            invalid.focus();
        }
    });

    window.Forkcast = {csrf: csrf, inlineError: inlineError};
})();
