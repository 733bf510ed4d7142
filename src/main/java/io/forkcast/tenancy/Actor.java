package io.forkcast.tenancy;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;

import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Who is acting in the current request: a dashboard user (with the role read for this request), a tenant's API key
 * (with its scopes) or the platform operator. Read from the request's authentication; background work has none.
 *
 * @param id the user's or the key's id (null for the operator)
 * @param name the key's name, read with the key when it was verified (a key is never renamed); null for a user, the
 *             operator, and an actor read back with {@link #stored}
 * @param role the user's role (null for a key or the operator)
 * @param scopes the key's scopes (empty for a user or the operator)
 */
public record Actor(Kind kind, UUID id, String name, Role role, Set<ApiKeyScope> scopes) {

    /** What kind of caller acts. */
    public enum Kind {
        USER, API_KEY, OPERATOR;

        public String wireName() {
            return name().toLowerCase();
        }
    }

    /** A dashboard session's principal that names its user; the dashboard's principal implements it. */
    public interface SignedInUser {

        UUID userId();
    }

    public Actor {
        scopes = scopes == null ? Set.of() : Set.copyOf(scopes);
    }

    /**
     * An actor kept beside something it started (a connect link), read back by its kind's wire name and id: who it
     * was, without the role or scopes it had then. Empty when nothing was kept or the kind is unknown.
     */
    public static Optional<Actor> stored(String kind, UUID id) {
        if (kind == null) {
            return Optional.empty();
        }
        for (Kind known : Kind.values()) {
            if (known.wireName().equals(kind) && (known == Kind.OPERATOR || id != null)) {
                return Optional.of(new Actor(known, known == Kind.OPERATOR ? null : id, null, null, Set.of()));
            }
        }
        return Optional.empty();
    }

    /** The actor of the current request, if it has one. */
    public static Optional<Actor> current() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication instanceof CallerAuthentication caller) {
            return Optional.of(caller.isOperator() ? new Actor(Kind.OPERATOR, null, null, null, Set.of())
                    : new Actor(Kind.API_KEY, caller.keyId(), caller.keyName(), null, caller.scopes()));
        }
        if (authentication != null && authentication.getPrincipal() instanceof SignedInUser user) {
            Set<String> granted = new java.util.HashSet<>();
            for (GrantedAuthority authority : authentication.getAuthorities()) {
                granted.add(authority.getAuthority());
            }
            for (Role role : Role.values()) {
                // Roles are listed from the highest; a user holds its own and every one below it.
                if (granted.contains("ROLE_" + role.name())) {
                    return Optional.of(new Actor(Kind.USER, user.userId(), null, role, Set.of()));
                }
            }
        }
        return Optional.empty();
    }

    /**
     * Whether this actor may decide on others' work (approve a post): an owner or an admin, a key with the
     * {@code admin} scope, the operator.
     */
    public boolean manages() {
        return switch (kind) {
            case OPERATOR -> true;
            case USER -> role == Role.OWNER || role == Role.ADMIN;
            case API_KEY -> scopes.contains(ApiKeyScope.ADMIN);
        };
    }
}
