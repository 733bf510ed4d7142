package io.forkcast.shared;

import java.nio.ByteBuffer;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;

/**
 * One page of a keyset-paginated list. The cursor is opaque to clients: it encodes the id of the last item
 * returned, and the next page starts after it. Ids are time-ordered, so pages follow creation order and stay
 * stable while rows are added.
 *
 * @param items the items of this page
 * @param nextCursor the cursor of the next page, or {@code null} on the last page
 */
public record CursorPage<T>(List<T> items, String nextCursor) {

    public static final int DEFAULT_LIMIT = 50;
    public static final int MAX_LIMIT = 200;

    /**
     * Builds a page from a query that fetched {@code limit + 1} rows: the extra row only says whether there is
     * a next page.
     */
    public static <E, T> CursorPage<T> of(List<E> fetched, int limit, Function<E, UUID> idOf, Function<E, T> map) {
        boolean more = fetched.size() > limit;
        List<E> page = more ? fetched.subList(0, limit) : fetched;
        String next = more ? encode(idOf.apply(page.getLast())) : null;
        return new CursorPage<>(page.stream().map(map).toList(), next);
    }

    public static String encode(UUID lastId) {
        ByteBuffer buffer = ByteBuffer.allocate(16);
        buffer.putLong(lastId.getMostSignificantBits()).putLong(lastId.getLeastSignificantBits());
        return Base64.getUrlEncoder().withoutPadding().encodeToString(buffer.array());
    }

    /** Decodes a cursor from a client; a cursor that was not made by {@link #encode} is a 400. */
    public static UUID decode(String cursor) {
        try {
            byte[] bytes = Base64.getUrlDecoder().decode(cursor);
            if (bytes.length != 16) {
                throw new IllegalArgumentException();
            }
            ByteBuffer buffer = ByteBuffer.wrap(bytes);
            return new UUID(buffer.getLong(), buffer.getLong());
        } catch (IllegalArgumentException e) {
            throw DomainException.badRequest("cursor is not valid: pass the next_cursor of the previous page");
        }
    }
}
