package io.forkcast.autopilot.web;

import io.forkcast.autopilot.Autopilot;
import io.forkcast.autopilot.AutopilotSettingsView;
import io.forkcast.autopilot.DraftStatus;
import io.forkcast.autopilot.DraftView;
import io.forkcast.autopilot.NewRestaurantEvent;
import io.forkcast.autopilot.NewSpecial;
import io.forkcast.autopilot.Occasion;
import io.forkcast.autopilot.RestaurantEventView;
import io.forkcast.autopilot.SpecialView;
import io.forkcast.posts.PostView;
import io.forkcast.shared.InvalidFieldException;
import io.forkcast.tenancy.TenantId;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.UUID;

@Tag(name = "Autopilot", description = "Daily specials drafted at a set time each day, public holidays and the "
        + "restaurant's own events coming up, and the drafts the owner approves in one click.")
@RestController
@RequestMapping("/api/v1/tenants/{tenantId}/autopilot")
class AutopilotController {

    /** One day's specials, set whole: the menu items (and, for each, a library photo or none: the item's best). */
    record SpecialsRequest(@NotNull @Size(max = 10) List<@NotNull @Valid NewSpecial> items) {
    }

    record SpecialsResponse(List<SpecialView> items, Instant nextRun) {
    }

    record OccasionsResponse(List<Occasion> items) {
    }

    record RestaurantEventsResponse(List<RestaurantEventView> items) {
    }

    record DraftsResponse(List<DraftView> items) {
    }

    /** A draft written for an occasion on {@code date}; about a menu item, or (none) the restaurant itself. */
    record OccasionDraftRequest(@NotNull LocalDate date, @NotBlank @Size(max = 100) String occasion,
            UUID menuItemId) {
    }

    /**
     * @param scheduledFor when the post goes out, ISO-8601 with an offset; now when absent
     */
    record ApproveDraftRequest(String scheduledFor) {
    }

    private final Autopilot autopilot;

    AutopilotController(Autopilot autopilot) {
        this.autopilot = autopilot;
    }

    @GetMapping("/settings")
    AutopilotSettingsView settings(@PathVariable UUID tenantId) {
        return autopilot.settings(new TenantId(tenantId));
    }

    /** Sets the settings whole; the specials job moves to the new time at once. */
    @PutMapping("/settings")
    AutopilotSettingsView changeSettings(@PathVariable UUID tenantId,
            @Valid @RequestBody AutopilotSettingsView settings) {
        return autopilot.changeSettings(new TenantId(tenantId), settings);
    }

    /** The specials from {@code from} to {@code to} (both dates inclusive, at most 60 days apart). */
    @GetMapping("/specials")
    SpecialsResponse specials(@PathVariable UUID tenantId,
            @RequestParam @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
            @RequestParam @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to) {
        TenantId tenant = new TenantId(tenantId);
        return new SpecialsResponse(autopilot.specials(tenant, from, to), autopilot.nextSpecialsRun(tenant));
    }

    /**
     * Sets one day's specials whole (today or up to 60 days ahead); those already drafted stay. At the specials time
     * of that day, each is drafted (or published, as the settings say).
     */
    @PutMapping("/specials/{date}")
    SpecialsResponse setSpecials(@PathVariable UUID tenantId,
            @PathVariable @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate date,
            @Valid @RequestBody SpecialsRequest request) {
        TenantId tenant = new TenantId(tenantId);
        return new SpecialsResponse(autopilot.setSpecials(tenant, date, request.items()),
                autopilot.nextSpecialsRun(tenant));
    }

    /** Public holidays of the restaurant's country and region and its own events, from today to {@code days} ahead. */
    @GetMapping("/occasions")
    OccasionsResponse comingUp(@PathVariable UUID tenantId,
            @RequestParam(required = false) @Min(value = 1, message = "must be between 1 and 366")
            @Max(value = 366, message = "must be between 1 and 366") Integer days) {
        return new OccasionsResponse(autopilot.comingUp(new TenantId(tenantId), days));
    }

    @GetMapping("/events")
    RestaurantEventsResponse events(@PathVariable UUID tenantId) {
        return new RestaurantEventsResponse(autopilot.events(new TenantId(tenantId)));
    }

    @PostMapping("/events")
    @ResponseStatus(HttpStatus.CREATED)
    RestaurantEventView addEvent(@PathVariable UUID tenantId, @Valid @RequestBody NewRestaurantEvent event) {
        return autopilot.addEvent(new TenantId(tenantId), event);
    }

    @GetMapping("/events/{eventId}")
    RestaurantEventView event(@PathVariable UUID tenantId, @PathVariable UUID eventId) {
        return autopilot.event(new TenantId(tenantId), eventId);
    }

    @PutMapping("/events/{eventId}")
    RestaurantEventView changeEvent(@PathVariable UUID tenantId, @PathVariable UUID eventId,
            @Valid @RequestBody NewRestaurantEvent event) {
        return autopilot.changeEvent(new TenantId(tenantId), eventId, event);
    }

    @DeleteMapping("/events/{eventId}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void removeEvent(@PathVariable UUID tenantId, @PathVariable UUID eventId) {
        autopilot.removeEvent(new TenantId(tenantId), eventId);
    }

    /** Drafts, newest first; with {@code status}, only those (by date). */
    @GetMapping("/drafts")
    DraftsResponse drafts(@PathVariable UUID tenantId,
            @RequestParam(required = false) @Schema(allowableValues = {"pending", "published", "dismissed"})
            String status) {
        DraftStatus wanted = null;
        if (status != null) {
            wanted = java.util.Arrays.stream(DraftStatus.values()).filter(s -> s.wireName().equals(status))
                    .findFirst().orElseThrow(() -> new InvalidFieldException("status",
                            "must be pending, published or dismissed"));
        }
        return new DraftsResponse(autopilot.drafts(new TenantId(tenantId), wanted));
    }

    /** Writes a draft for an occasion (a holiday of the "coming up" list, an event): one click on the dashboard. */
    @PostMapping("/drafts")
    @ResponseStatus(HttpStatus.CREATED)
    DraftView draftOccasion(@PathVariable UUID tenantId, @Valid @RequestBody OccasionDraftRequest request) {
        return autopilot.draftOccasion(new TenantId(tenantId), request.date(), request.occasion(),
                request.menuItemId());
    }

    @GetMapping("/drafts/{draftId}")
    DraftView draft(@PathVariable UUID tenantId, @PathVariable UUID draftId) {
        return autopilot.draft(new TenantId(tenantId), draftId);
    }

    /**
     * Approves a pending draft: it becomes an ordinary post to the restaurant's active accounts, now or at
     * {@code scheduled_for}; answers the post (201).
     */
    @PostMapping("/drafts/{draftId}/approve")
    @ResponseStatus(HttpStatus.CREATED)
    PostView approve(@PathVariable UUID tenantId, @PathVariable UUID draftId,
            @RequestBody(required = false) ApproveDraftRequest request) {
        Instant at = null;
        if (request != null && request.scheduledFor() != null) {
            try {
                at = OffsetDateTime.parse(request.scheduledFor()).toInstant();
            } catch (DateTimeParseException e) {
                throw new InvalidFieldException("scheduled_for", "Not an ISO-8601 time with an offset: "
                        + request.scheduledFor() + ".");
            }
        }
        return autopilot.approve(new TenantId(tenantId), draftId, at);
    }

    @PostMapping("/drafts/{draftId}/dismiss")
    DraftView dismiss(@PathVariable UUID tenantId, @PathVariable UUID draftId) {
        return autopilot.dismiss(new TenantId(tenantId), draftId);
    }
}
