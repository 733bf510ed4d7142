// Compose: live per-platform counters, chosen images in carousel order (drag or arrow buttons), caption variants.
(function () {
    'use strict';
    var form = document.getElementById('compose');
    if (!form) {
        return;
    }
    var caption = document.getElementById('caption');
    // The patterns and limits come from the server's one Platform type (data attributes), never a copy of them.
    var counters = document.getElementById('counters');
    var HASHTAG = new RegExp(counters.dataset.hashtagPattern, 'gu');
    var MENTION = new RegExp(counters.dataset.mentionPattern, 'gu');

    function limit(value) {
        return value === undefined || value === '' ? undefined : Number(value);
    }

    function count() {
        var text = caption.value;
        var chars = Array.from(text).length;
        var tags = (text.match(HASHTAG) || []).length;
        var mentions = (text.match(MENTION) || []).length;
        document.querySelectorAll('[data-counter]').forEach(function (el) {
            set(el.querySelector('.chars'), chars, limit(el.dataset.maxChars));
            set(el.querySelector('.tags'), tags, limit(el.dataset.maxTags));
            set(el.querySelector('.mentions'), mentions, limit(el.dataset.maxMentions));
        });
    }

    function set(el, value, limit) {
        el.textContent = value;
        el.classList.toggle('over', limit !== undefined && value > limit);
    }

    caption.addEventListener('input', count);
    count();

    // Chosen images, in order: the list is the carousel; hidden inputs carry the order to the server.
    var picked = document.getElementById('picked');
    var inputs = document.getElementById('asset-inputs');
    var order = [];
    document.querySelectorAll('.pick-image').forEach(function (box) {
        if (box.checked) {
            order.push(box);
        }
        box.addEventListener('change', function () {
            if (box.checked) {
                order.push(box);
            } else {
                order = order.filter(function (b) { return b !== box; });
            }
            render();
        });
    });

    function move(index, by) {
        var target = index + by;
        if (target < 0 || target >= order.length) {
            return;
        }
        var item = order.splice(index, 1)[0];
        order.splice(target, 0, item);
        render();
    }

    function render() {
        picked.innerHTML = '';
        inputs.innerHTML = '';
        order.forEach(function (box, index) {
            var li = document.createElement('li');
            li.draggable = true;
            li.dataset.index = index;
            var badge = document.createElement('span');
            badge.className = 'order';
            badge.textContent = index + 1;
            var img = document.createElement('img');
            img.className = 'thumb';
            img.src = box.dataset.thumb;
            img.alt = box.dataset.name;
            var left = button('←', 'Move ' + box.dataset.name + ' earlier', function () { move(index, -1); });
            var right = button('→', 'Move ' + box.dataset.name + ' later', function () { move(index, 1); });
            li.append(badge, img);
            if (box.dataset.duration) {
                // A video: its length over its poster, as the library shows it.
                var length = document.createElement('span');
                length.className = 'duration';
                length.textContent = box.dataset.duration;
                length.setAttribute('aria-label', 'Video, ' + box.dataset.duration);
                li.append(length);
            }
            li.append(left, right);
            li.addEventListener('dragstart', function (e) {
                e.dataTransfer.setData('text/plain', String(index));
            });
            li.addEventListener('dragover', function (e) { e.preventDefault(); });
            li.addEventListener('drop', function (e) {
                e.preventDefault();
                var from = parseInt(e.dataTransfer.getData('text/plain'), 10);
                move(from, index - from);
            });
            picked.appendChild(li);
            var hidden = document.createElement('input');
            hidden.type = 'hidden';
            hidden.name = 'asset_ids';
            hidden.value = box.value;
            inputs.appendChild(hidden);
        });
        // The preview asks the server again with the new order (htmx listens for this event).
        document.body.dispatchEvent(new Event('preview-change'));
    }

    function button(text, label, action) {
        var b = document.createElement('button');
        b.type = 'button';
        b.textContent = text;
        b.setAttribute('aria-label', label);
        b.addEventListener('click', action);
        return b;
    }

    // A form shown again after a refusal keeps the order the owner had set (data-order, from the server).
    order.sort(function (a, b) { return Number(a.dataset.order) - Number(b.dataset.order); });
    render();
    // The checkboxes themselves are not sent: the ordered hidden inputs are.
    document.querySelectorAll('.pick-image').forEach(function (box) { box.removeAttribute('name'); });

    // "Use this caption" copies a variant into the caption, to edit before saving.
    document.getElementById('variants').addEventListener('click', function (e) {
        var use = e.target.closest('.use-variant');
        if (!use) {
            return;
        }
        caption.value = document.getElementById(use.dataset.variant).textContent;
        count();
        document.body.dispatchEvent(new Event('preview-change'));
        caption.focus();
    });
})();

// Formats and Google: the Google fields show while a Google listing is ticked, an offer's and an event's fields
// only for that kind of post; a format picker only while its account is ticked.
(function () {
    'use strict';
    var form = document.getElementById('compose');
    if (!form) {
        return;
    }
    var google = document.getElementById('google-fields');
    var type = document.getElementById('google_type');

    function sync() {
        var googleTicked = false;
        form.querySelectorAll('input[name="account_ids"]').forEach(function (box) {
            if (box.checked && box.dataset.platform === 'google_business') {
                googleTicked = true;
            }
            var picker = document.getElementById('format-' + box.value);
            if (picker) {
                picker.closest('.format').hidden = !box.checked;
                // "Also show in the feed grid" belongs to a Reel only.
                var share = picker.closest('.format').querySelector('.share-to-feed');
                if (share) {
                    share.hidden = picker.value !== 'reel';
                }
            }
        });
        if (google) {
            google.hidden = !googleTicked;
            var kind = type.value;
            google.querySelector('.google-dated').hidden = kind === 'whats_new';
            google.querySelector('.google-offer').hidden = kind !== 'offer';
        }
    }

    form.addEventListener('change', sync);
    sync();

    // A new cover asks the preview again.
    document.body.addEventListener('htmx:afterSwap', function (e) {
        if (e.target.id === 'cover-result') {
            document.body.dispatchEvent(new Event('preview-change'));
        }
    });
})();
