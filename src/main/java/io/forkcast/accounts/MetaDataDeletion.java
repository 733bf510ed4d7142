package io.forkcast.accounts;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * What Forkcast deleted for one Meta user at Meta's request, under the confirmation code Meta shows that user.
 * A repeated request adds what it deleted (usually nothing) to the same record.
 */
@Entity
@Table(name = "meta_data_deletions")
class MetaDataDeletion {

    @Id
    private String confirmationCode;

    private String metaUserSha256;

    private Instant requestedAt;

    private Instant completedAt;

    private int accountsCleared;

    private int tokensDeleted;

    private int historyDeleted;

    private int tenantsAffected;

    protected MetaDataDeletion() {
    }

    MetaDataDeletion(String confirmationCode, String metaUserSha256, Instant now) {
        this.confirmationCode = confirmationCode;
        this.metaUserSha256 = metaUserSha256;
        this.requestedAt = now.truncatedTo(ChronoUnit.MICROS);
        this.completedAt = requestedAt;
    }

    void record(int accounts, int tokens, int history, int tenants, Instant now) {
        this.accountsCleared += accounts;
        this.tokensDeleted += tokens;
        this.historyDeleted += history;
        this.tenantsAffected = Math.max(tenantsAffected, tenants);
        this.completedAt = now.truncatedTo(ChronoUnit.MICROS);
    }

    MetaUserRequests.DeletionStatus status() {
        return new MetaUserRequests.DeletionStatus(confirmationCode, requestedAt, completedAt, accountsCleared,
                tokensDeleted, historyDeleted);
    }
}
