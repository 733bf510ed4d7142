package io.forkcast.tenancy;

import io.forkcast.shared.DomainException;
import org.springframework.http.HttpStatus;

import java.time.Instant;

/** A user whose restaurant's account is closed tried to sign in. */
public class AccountClosedException extends DomainException {

    private final Instant deleteAfter;

    AccountClosedException(String tenantName, Instant deleteAfter) {
        super(HttpStatus.FORBIDDEN, "The account of " + tenantName + " is closed. Its data will be deleted after the "
                + "grace period; write to Forkcast's support before then to restore it.");
        this.deleteAfter = deleteAfter;
    }

    /** When the account's data will be deleted. */
    public Instant deleteAfter() {
        return deleteAfter;
    }
}
