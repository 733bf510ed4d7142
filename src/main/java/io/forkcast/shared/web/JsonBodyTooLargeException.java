package io.forkcast.shared.web;

import java.io.IOException;

/** Thrown while reading a JSON body that has just passed {@code forkcast.http.max-json-body-size}; answered 413. */
class JsonBodyTooLargeException extends IOException {

    JsonBodyTooLargeException(long limit) {
        super(detail(limit));
    }

    static String detail(long limit) {
        return limit >= 1024 * 1024 && limit % (1024 * 1024) == 0
                ? "The JSON body is larger than the limit of %d MB.".formatted(limit / (1024 * 1024))
                : "The JSON body is larger than the limit of %d bytes.".formatted(limit);
    }
}
