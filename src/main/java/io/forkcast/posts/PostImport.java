package io.forkcast.posts;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * What a CSV import of posts found, and did.
 *
 * @param fileSha256      the file's SHA-256: the same file imported again creates nothing
 * @param dryRun          whether this was only a check (nothing created)
 * @param alreadyImported the file was imported before: nothing was created now, {@code postIds} are the first
 *                        import's
 * @param rows            rows of posts in the file
 * @param valid           rows without a problem: the ones an import creates
 * @param problems        every problem of every row, in row order; a row with one is left out of the import
 * @param postIds         the posts created, in row order (empty on a dry run)
 * @param importedAt      when the file was imported (absent on a dry run)
 */
public record PostImport(String fileSha256, boolean dryRun, boolean alreadyImported, int rows, int valid,
        List<RowProblem> problems, List<UUID> postIds, Instant importedAt) {

    /**
     * @param row    the row's line in the file (the header is line 1)
     * @param column the column at fault: date, time, targets, caption, media, format, intent (or file)
     */
    public record RowProblem(int row, String column, String message) {
    }
}
