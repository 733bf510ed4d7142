package io.forkcast.audit;

import com.fasterxml.jackson.annotation.JsonValue;

import java.util.UUID;

/**
 * Who made a change.
 *
 * @param type {@code user} (a dashboard user: id and e-mail address), {@code api_key} (id and name, never the
 *             key), {@code operator} (the platform's admin token), or {@code forkcast} (a job of Forkcast's own)
 * @param id   the user's or the key's id; absent for the operator and Forkcast
 * @param name the user's e-mail address, the key's name, or {@code Forkcast}
 */
public record AuditActor(Type type, UUID id, String name) {

    public enum Type {
        USER, API_KEY, OPERATOR, FORKCAST;

        @JsonValue
        public String wireName() {
            return name().toLowerCase();
        }
    }

    static final AuditActor FORKCAST_ITSELF = new AuditActor(Type.FORKCAST, null, "Forkcast");
}
