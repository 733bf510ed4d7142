package io.forkcast.queue.web;

import io.forkcast.posts.PostingHours;
import io.forkcast.queue.PostingSlot;
import io.forkcast.queue.PostingSlots;
import io.forkcast.queue.SlotTime;
import io.forkcast.tenancy.TenantId;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;
import java.util.UUID;

@Tag(name = "Posting slots", description = "Each account's weekly times for queued posts, in the restaurant's time zone.")
@RestController
@RequestMapping("/api/v1/tenants/{tenantId}/accounts/{accountId}/slots")
class PostingSlotController {

    /** An account's weekly slots, Monday first, each day in time order. */
    record PostingSlotList(List<PostingSlot> items) {
    }

    /** The account's whole week of slots, replacing the one it has. */
    record PostingSlotWeek(@NotNull @Size(max = 500) List<@NotNull @Valid SlotTime> slots) {
    }

    /**
     * Slots at the account's best hours, every day of the week, that it does not have yet.
     *
     * @param hours the hours they come from, best first, with the posts published in them and their mean likes
     *              plus comments (none while no post has any)
     */
    record PostingSlotSuggestions(List<SlotTime> slots, List<PostingHours.HourStats> hours) {
    }

    private final PostingSlots slots;

    PostingSlotController(PostingSlots slots) {
        this.slots = slots;
    }

    @GetMapping
    PostingSlotList list(@PathVariable UUID tenantId, @PathVariable UUID accountId) {
        return new PostingSlotList(slots.list(new TenantId(tenantId), accountId));
    }

    /** Replaces the week: {@code {"slots": [{"day": "friday", "time": "18:00"}]}}; an empty list removes them all. */
    @PutMapping
    PostingSlotList replace(@PathVariable UUID tenantId, @PathVariable UUID accountId,
            @Valid @RequestBody PostingSlotWeek week) {
        return new PostingSlotList(slots.replace(new TenantId(tenantId), accountId, week.slots()));
    }

    /** Adds one slot (409 when the account has that day and time already). */
    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    PostingSlot add(@PathVariable UUID tenantId, @PathVariable UUID accountId, @Valid @RequestBody SlotTime slot) {
        return slots.add(new TenantId(tenantId), accountId, slot);
    }

    /** Removes one slot; posts queued in it move to the next free slots of their accounts. */
    @DeleteMapping("/{slotId}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void remove(@PathVariable UUID tenantId, @PathVariable UUID accountId, @PathVariable UUID slotId) {
        slots.remove(new TenantId(tenantId), accountId, slotId);
    }

    /** Slots suggested from the hours when the account's published posts did best (the last 90 days by default). */
    @GetMapping("/suggestions")
    PostingSlotSuggestions suggestions(@PathVariable UUID tenantId, @PathVariable UUID accountId) {
        PostingSlots.Suggestions suggestions = slots.suggest(new TenantId(tenantId), accountId);
        return new PostingSlotSuggestions(suggestions.slots(), suggestions.hours());
    }
}
