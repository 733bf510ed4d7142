package io.forkcast.queue.web;

import io.forkcast.queue.NewRecurrence;
import io.forkcast.queue.Recurrence;
import io.forkcast.queue.Recurrences;
import io.forkcast.shared.CursorPage;
import io.forkcast.shared.PageRequest;
import io.forkcast.tenancy.TenantId;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import java.util.UUID;

@Tag(name = "Recurring posts", description = "Posts that repeat (weekly on given days, or every N days), each "
        + "occurrence an ordinary post created ahead of time with a new caption and the next photo.")
@RestController
@RequestMapping("/api/v1/tenants/{tenantId}/recurrences")
class RecurrenceController {

    private final Recurrences recurrences;

    RecurrenceController(Recurrences recurrences) {
        this.recurrences = recurrences;
    }

    /**
     * Creates the recurring post; the occurrences due within the look-ahead (14 days by default) are created at
     * once, as posts on the calendar, and the rest as their time comes near.
     */
    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    Recurrence create(@PathVariable UUID tenantId, @Valid @RequestBody NewRecurrence request) {
        return recurrences.create(new TenantId(tenantId), request);
    }

    @GetMapping
    CursorPage<Recurrence> list(@PathVariable UUID tenantId, @Valid PageRequest page) {
        return recurrences.list(new TenantId(tenantId), page);
    }

    /** The recurring post with the occurrences created so far. */
    @GetMapping("/{recurrenceId}")
    Recurrence get(@PathVariable UUID tenantId, @PathVariable UUID recurrenceId) {
        return recurrences.get(new TenantId(tenantId), recurrenceId);
    }

    /** Stops creating occurrences until resumed; those created stay on the calendar (cancel them as any post). */
    @PostMapping("/{recurrenceId}/pause")
    Recurrence pause(@PathVariable UUID tenantId, @PathVariable UUID recurrenceId) {
        return recurrences.pause(new TenantId(tenantId), recurrenceId);
    }

    /** Creates occurrences again, from the next one still ahead (those whose time passed are skipped). */
    @PostMapping("/{recurrenceId}/resume")
    Recurrence resume(@PathVariable UUID tenantId, @PathVariable UUID recurrenceId) {
        return recurrences.resume(new TenantId(tenantId), recurrenceId);
    }

    /** Ends the recurring post for good; occurrences created stay, as ordinary posts. */
    @PostMapping("/{recurrenceId}/end")
    Recurrence end(@PathVariable UUID tenantId, @PathVariable UUID recurrenceId) {
        return recurrences.end(new TenantId(tenantId), recurrenceId);
    }
}
