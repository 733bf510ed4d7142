// Calendar: drag a post to another day (or "Move", arrow keys, Enter) to reschedule it at the same time of day;
// a refused move is explained in the day it was dropped on. A post opens in a dialog (htmx), its link still works.
(function () {
    'use strict';
    var calendar = document.getElementById('calendar');
    if (!calendar) {
        return;
    }
    var status = document.getElementById('calendar-status');
    var dragged = null;
    var moving = null;

    function announce(text) {
        status.textContent = '';
        window.setTimeout(function () { status.textContent = text; }, 50);
    }

    function clearRefusals() {
        calendar.querySelectorAll('.drop-refused').forEach(function (el) { el.remove(); });
    }

    function days() {
        return Array.prototype.slice.call(calendar.querySelectorAll('.day[data-date]'));
    }

    // The move itself: the server applies the posts' rules; its answer is a sentence either way.
    function move(postId, day) {
        clearRefusals();
        var c = window.Forkcast && window.Forkcast.csrf();
        var headers = {'Content-Type': 'application/x-www-form-urlencoded', 'HX-Request': 'true'};
        if (c) {
            headers[c.header] = c.token;
        }
        day.classList.add('busy');
        return fetch('/app/calendar/posts/' + encodeURIComponent(postId) + '/move', {
            method: 'POST', headers: headers, body: 'date=' + encodeURIComponent(day.dataset.date),
            credentials: 'same-origin'
        }).then(function (response) {
            return response.text().then(function (body) {
                day.classList.remove('busy');
                if (response.ok) {
                    return refresh().then(function () {
                        announce(body);
                        var entry = calendar.querySelector('.entry[data-post="' + postId + '"]');
                        var button = entry && entry.querySelector('.move');
                        if (button) {
                            button.focus();
                        }
                    });
                }
                refuse(day, textOf(body, response.status));
            });
        }, function () {
            day.classList.remove('busy');
            refuse(day, 'The move did not reach Forkcast: check the connection and try again.');
        });
    }

    function textOf(html, code) {
        var doc = new DOMParser().parseFromString(html, 'text/html');
        var text = (doc.body.textContent || '').trim();
        return text || ('The move was refused (' + code + ').');
    }

    // Explained in place: in the day it was dropped on, and read out.
    function refuse(day, text) {
        var p = document.createElement('p');
        p.className = 'drop-refused error';
        p.setAttribute('role', 'alert');
        p.textContent = 'Not moved: ' + text;
        day.appendChild(p);
    }

    // The calendar again, as the server now has it (same address, only the grid replaced).
    function refresh() {
        return fetch(window.location.href, {credentials: 'same-origin'}).then(function (r) {
            return r.text();
        }).then(function (html) {
            var fresh = new DOMParser().parseFromString(html, 'text/html').getElementById('calendar');
            if (fresh) {
                calendar.innerHTML = fresh.innerHTML;
                if (window.htmx) {
                    window.htmx.process(calendar);
                }
            }
        });
    }

    // Drag and drop.
    calendar.addEventListener('dragstart', function (e) {
        var entry = e.target.closest && e.target.closest('.entry[draggable="true"]');
        if (!entry) {
            return;
        }
        dragged = entry;
        entry.classList.add('dragging');
        e.dataTransfer.effectAllowed = 'move';
        e.dataTransfer.setData('text/plain', entry.dataset.post);
    });
    calendar.addEventListener('dragend', function () {
        if (dragged) {
            dragged.classList.remove('dragging');
        }
        dragged = null;
        days().forEach(function (d) { d.classList.remove('drop-target'); });
    });
    calendar.addEventListener('dragover', function (e) {
        var day = e.target.closest && e.target.closest('.day[data-date]');
        if (day && dragged) {
            e.preventDefault();
            e.dataTransfer.dropEffect = 'move';
            days().forEach(function (d) { d.classList.toggle('drop-target', d === day); });
        }
    });
    calendar.addEventListener('drop', function (e) {
        var day = e.target.closest && e.target.closest('.day[data-date]');
        if (!day || !dragged) {
            return;
        }
        e.preventDefault();
        var postId = dragged.dataset.post;
        day.classList.remove('drop-target');
        if (dragged.closest('.day') !== day) {
            move(postId, day);
        }
    });

    // The keyboard path: "Move" picks the post up, the arrow keys walk the days, Enter puts it down, Escape stops.
    calendar.addEventListener('click', function (e) {
        var button = e.target.closest('.move');
        if (!button) {
            return;
        }
        var entry = button.closest('.entry');
        startMoving(entry);
    });

    function startMoving(entry) {
        clearRefusals();
        moving = {postId: entry.dataset.post, label: entry.dataset.label};
        calendar.classList.add('moving');
        days().forEach(function (d) { d.setAttribute('tabindex', '-1'); });
        var day = entry.closest('.day');
        day.classList.add('drop-target');
        day.focus();
        announce('Moving ' + moving.label + '. Arrow keys choose a day, Enter moves it there, Escape cancels.');
    }

    function stopMoving() {
        var postId = moving && moving.postId;
        moving = null;
        calendar.classList.remove('moving');
        days().forEach(function (d) {
            d.removeAttribute('tabindex');
            d.classList.remove('drop-target');
        });
        return postId;
    }

    calendar.addEventListener('keydown', function (e) {
        if (!moving) {
            return;
        }
        var all = days();
        var current = document.activeElement.closest ? document.activeElement.closest('.day[data-date]') : null;
        var index = all.indexOf(current);
        var step = {ArrowLeft: -1, ArrowRight: 1, ArrowUp: -7, ArrowDown: 7}[e.key];
        if (step !== undefined && index >= 0) {
            e.preventDefault();
            var next = all[Math.max(0, Math.min(all.length - 1, index + step))];
            all.forEach(function (d) { d.classList.toggle('drop-target', d === next); });
            next.focus();
        } else if ((e.key === 'Enter' || e.key === ' ') && current) {
            e.preventDefault();
            var postId = stopMoving();
            move(postId, current);
        } else if (e.key === 'Escape') {
            e.preventDefault();
            var id = stopMoving();
            announce('Not moved.');
            var button = calendar.querySelector('.entry[data-post="' + id + '"] .move');
            if (button) {
                button.focus();
            }
        }
    });

    // A post's page in place: htmx loads it into the dialog; the link's address stays its page's.
    var dialog = document.getElementById('post-dialog');
    var body = document.getElementById('post-dialog-body');
    var full = document.getElementById('post-dialog-full');
    document.body.addEventListener('htmx:beforeRequest', function (e) {
        var link = e.detail.elt;
        if (link && link.classList && link.classList.contains('post') && link.closest('#calendar')) {
            full.href = link.getAttribute('href');
        }
    });
    document.body.addEventListener('htmx:afterSwap', function (e) {
        if (e.detail.target === body && !dialog.open) {
            dialog.showModal();
            document.getElementById('post-dialog-close').focus();
        }
    });
    document.getElementById('post-dialog-close').addEventListener('click', function () {
        dialog.close();
    });
    dialog.addEventListener('close', function () {
        // Emptied, so a page that was polling for news stops.
        body.innerHTML = '';
        var link = calendar.querySelector('a.post[href="' + full.getAttribute('href') + '"]');
        if (link) {
            link.focus();
        }
    });
})();
