package io.forkcast.shared;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

import java.util.UUID;

/**
 * The paging parameters every list endpoint takes: {@code limit} (1..200, default 50) and the opaque
 * {@code cursor} of the previous page.
 */
public record PageRequest(
        @Min(value = 1, message = "must be between 1 and " + CursorPage.MAX_LIMIT)
        @Max(value = CursorPage.MAX_LIMIT, message = "must be between 1 and " + CursorPage.MAX_LIMIT)
        Integer limit,
        String cursor) {

    public int size() {
        return limit == null ? CursorPage.DEFAULT_LIMIT : limit;
    }

    /** The id to continue after, or {@code null} for the first page. */
    public UUID after() {
        return cursor == null || cursor.isBlank() ? null : CursorPage.decode(cursor);
    }
}
