package io.forkcast.audit;

import io.forkcast.shared.InvalidFieldException;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.UUID;

/**
 * Filters of the audit trail; each absent one matches everything.
 *
 * @param actorId      the user's or API key's id
 * @param actorType    who in general: a user, a key, the operator, Forkcast
 * @param action       one action, such as {@code post.created}
 * @param resourceType one kind of resource, such as {@code post}
 * @param resourceId   one resource by its id
 * @param from         from this moment (included)
 * @param to           until this moment (excluded)
 */
public record AuditQuery(UUID actorId, AuditActor.Type actorType, String action, String resourceType,
        String resourceId, Instant from, Instant to) {

    public static final AuditQuery ALL = new AuditQuery(null, null, null, null, null, null, null);

    /**
     * The query from the filters as a client writes them (absent or blank: no filter); a filter that makes no sense
     * is a 400 naming it.
     *
     * @param actor    a user's or API key's id, or {@code user}, {@code api_key}, {@code operator}, {@code forkcast}
     * @param action   one of {@link AuditTrail#ACTIONS}
     * @param resource a resource's id, or one of {@link AuditTrail#RESOURCE_TYPES}
     * @param from     an ISO-8601 time with an offset
     * @param to       an ISO-8601 time with an offset, after {@code from}
     */
    public static AuditQuery parse(String actor, String action, String resource, String from, String to) {
        UUID actorId = null;
        AuditActor.Type actorType = null;
        if (present(actor)) {
            String text = actor.strip();
            actorType = Arrays.stream(AuditActor.Type.values()).filter(t -> t.wireName().equals(text)).findFirst()
                    .orElse(null);
            if (actorType == null) {
                try {
                    actorId = UUID.fromString(text);
                } catch (IllegalArgumentException e) {
                    throw new InvalidFieldException("actor", "Give a user's or API key's id, or one of user, "
                            + "api_key, operator, forkcast.");
                }
            }
        }
        String wantedAction = null;
        if (present(action)) {
            wantedAction = action.strip();
            if (!AuditTrail.ACTIONS.contains(wantedAction)) {
                throw new InvalidFieldException("action", "Unknown action; one of " + String.join(", ",
                        AuditTrail.ACTIONS) + ".");
            }
        }
        String resourceType = null;
        String resourceId = null;
        if (present(resource)) {
            String text = resource.strip();
            if (AuditTrail.RESOURCE_TYPES.contains(text)) {
                resourceType = text;
            } else {
                try {
                    resourceId = UUID.fromString(text).toString();
                } catch (IllegalArgumentException e) {
                    throw new InvalidFieldException("resource", "Give a resource's id, or one of " + String.join(
                            ", ", AuditTrail.RESOURCE_TYPES) + ".");
                }
            }
        }
        Instant start = instant("from", from);
        Instant end = instant("to", to);
        if (start != null && end != null && !end.isAfter(start)) {
            throw new InvalidFieldException("to", "to must come after from.");
        }
        return new AuditQuery(actorId, actorType, wantedAction, resourceType, resourceId, start, end);
    }

    private static boolean present(String text) {
        return text != null && !text.isBlank();
    }

    private static Instant instant(String field, String text) {
        if (!present(text)) {
            return null;
        }
        try {
            return OffsetDateTime.parse(text.strip()).toInstant();
        } catch (DateTimeParseException e) {
            throw new InvalidFieldException(field, "Not an ISO-8601 time with an offset, such as "
                    + "2026-12-01T18:00:00Z.");
        }
    }
}
