// Library: drag-and-drop (or chosen) images, each uploaded on its own with a progress bar; the new card joins the grid.
(function () {
    'use strict';
    var zone = document.getElementById('dropzone');
    if (!zone) {
        return;
    }
    var input = document.getElementById('files');
    var list = document.getElementById('uploads');
    var grid = document.getElementById('grid');

    function upload(file) {
        var item = document.createElement('li');
        var label = document.createElement('label');
        var bar = document.createElement('progress');
        var id = 'up-' + Math.random().toString(36).slice(2);
        bar.id = id;
        bar.max = 100;
        bar.value = 0;
        label.htmlFor = id;
        label.textContent = file.name;
        item.appendChild(label);
        item.appendChild(bar);
        list.appendChild(item);
        // The file itself is the body (no multipart form for the server to parse); its name and folder go in the query.
        var query = '?filename=' + encodeURIComponent(file.name);
        if (zone.dataset.folderId) {
            query += '&folder_id=' + encodeURIComponent(zone.dataset.folderId);
        }
        var xhr = new XMLHttpRequest();
        xhr.open('POST', zone.dataset.uploadUrl + query);
        var c = window.Forkcast.csrf();
        if (c) {
            xhr.setRequestHeader(c.header, c.token);
        }
        xhr.setRequestHeader('HX-Request', 'true');
        xhr.upload.addEventListener('progress', function (e) {
            if (e.lengthComputable) {
                bar.value = Math.round(e.loaded * 100 / e.total);
            }
        });
        function failed(why) {
            // A refused file must not look uploaded: no full progress bar, a red message that says why.
            bar.remove();
            item.classList.add('failed');
            var message = document.createElement('span');
            message.className = 'error';
            message.setAttribute('role', 'alert');
            message.textContent = 'Not uploaded: ' + why;
            item.appendChild(message);
        }
        xhr.addEventListener('load', function () {
            if (xhr.status === 200 || xhr.status === 201) {
                bar.value = 100;
                item.classList.add('done');
                var ok = document.createElement('span');
                ok.className = 'notice';
                ok.textContent = xhr.status === 201 ? 'uploaded' : 'already in the library';
                item.appendChild(ok);
                grid.insertAdjacentHTML('afterbegin', xhr.responseText);
                var empty = document.getElementById('empty-library');
                if (empty) {
                    empty.remove();
                }
            } else {
                var error = document.createElement('div');
                error.innerHTML = xhr.responseText;
                var text = (error.textContent || '').trim();
                failed(text && text.length < 300 ? text : 'the server refused it (' + xhr.status + ').');
            }
        });
        xhr.addEventListener('error', function () {
            failed('the connection failed. Check the network and try again.');
        });
        xhr.send(file);
    }

    function uploadAll(files) {
        Array.prototype.forEach.call(files, upload);
    }

    input.addEventListener('change', function () {
        uploadAll(input.files);
        input.value = '';
    });
    ['dragenter', 'dragover'].forEach(function (type) {
        zone.addEventListener(type, function (e) {
            e.preventDefault();
            zone.classList.add('active');
        });
    });
    ['dragleave', 'drop'].forEach(function (type) {
        zone.addEventListener(type, function (e) {
            e.preventDefault();
            zone.classList.remove('active');
        });
    });
    zone.addEventListener('drop', function (e) {
        uploadAll(e.dataTransfer.files);
    });
})();
