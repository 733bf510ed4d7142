package io.forkcast.approvals;

import io.forkcast.shared.DomainException;
import io.forkcast.tenancy.Actor;
import io.forkcast.tenancy.ApiKeys;
import io.forkcast.tenancy.TenantId;
import io.forkcast.tenancy.TenantUser;
import io.forkcast.tenancy.TenantUsers;
import org.springframework.stereotype.Component;

/** The current request's actor, and the name the team knows it by, as recorded beside what it did. */
@Component
class Actors {

    private final TenantUsers users;
    private final ApiKeys keys;

    Actors(TenantUsers users, ApiKeys keys) {
        this.users = users;
        this.keys = keys;
    }

    /** The actor of the request; refused when there is none (a request always has one past the security chain). */
    Actor current() {
        return Actor.current().orElseThrow(() -> DomainException.forbidden("Sign in, or use an API key."));
    }

    ActedBy describe(TenantId tenantId, Actor actor) {
        return switch (actor.kind()) {
            case USER -> {
                TenantUser user = users.get(tenantId, actor.id());
                yield new ActedBy(ActorKind.USER, actor.id(),
                        user.fullName() == null || user.fullName().isBlank() ? user.email() : user.fullName());
            }
            // The request's key carries its name, read when it was verified: no read per comment or decision.
            case API_KEY -> new ActedBy(ActorKind.API_KEY, actor.id(), "API key "
                    + (actor.name() != null ? actor.name() : keys.get(tenantId, actor.id()).name()));
            case OPERATOR -> new ActedBy(ActorKind.OPERATOR, null, "Forkcast operator");
        };
    }

    ActedBy currentDescribed(TenantId tenantId) {
        return describe(tenantId, current());
    }
}
