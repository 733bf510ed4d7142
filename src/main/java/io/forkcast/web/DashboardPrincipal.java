package io.forkcast.web;

import java.io.Serial;
import java.io.Serializable;
import java.security.Principal;
import java.util.UUID;

/**
 * Who a dashboard session belongs to: a user of one tenant. Only the ids are kept in the session; the role and
 * the tenant's plan are read again on every request, so a demotion or a removal applies at once.
 */
record DashboardPrincipal(UUID tenantId, UUID userId) implements Principal, Serializable, io.forkcast.tenancy.Actor.SignedInUser {

    @Serial
    private static final long serialVersionUID = 1L;

    /** The user's id: the session store indexes sessions by it (never an e-mail address). */
    @Override
    public String getName() {
        return userId.toString();
    }
}
