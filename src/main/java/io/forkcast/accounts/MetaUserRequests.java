package io.forkcast.accounts;

import io.forkcast.tenancy.CurrentTenant;
import io.forkcast.tenancy.TenantId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * What Meta asks of Forkcast about one of its users, whose app-scoped id its callbacks name: the user removed the
 * app (every account connected with that user's consent, in every tenant, needs reconnecting and loses its tokens),
 * or the user asks for their data to be deleted (tokens, the accounts' personal fields and their token history,
 * recorded under a confirmation code). Both run as platform work: one Meta user can manage Pages of several tenants.
 */
@Service
public class MetaUserRequests {

    /** What was deleted for a Meta user and when, under the code Meta shows the user; no personal data. */
    public record DeletionStatus(String confirmationCode, Instant requestedAt, Instant completedAt,
            int accountsCleared, int tokensDeleted, int historyDeleted) {
    }

    private static final Logger log = LoggerFactory.getLogger(MetaUserRequests.class);
    private static final SecureRandom RANDOM = new SecureRandom();

    private final SocialAccountRepository accounts;
    private final OAuthTokenRepository tokens;
    private final TokenCheckRepository checks;
    private final MetaDataDeletionRepository deletions;
    private final CurrentTenant currentTenant;
    private final ApplicationEventPublisher events;
    private final TransactionTemplate tx;
    private final Clock clock;

    MetaUserRequests(SocialAccountRepository accounts, OAuthTokenRepository tokens, TokenCheckRepository checks,
            MetaDataDeletionRepository deletions, CurrentTenant currentTenant, ApplicationEventPublisher events,
            PlatformTransactionManager transactions, Clock clock) {
        this.accounts = accounts;
        this.tokens = tokens;
        this.checks = checks;
        this.deletions = deletions;
        this.currentTenant = currentTenant;
        this.events = events;
        this.tx = new TransactionTemplate(transactions);
        this.clock = clock;
    }

    /**
     * The Meta user removed Forkcast: each of the user's active accounts, in every tenant, becomes
     * {@code needs_reconnect} with a sentence for the owner, loses its tokens, and has its scheduled deliveries
     * held (through {@link AccountDisconnected}). Returns how many accounts changed; a repeated call changes none.
     */
    public int deauthorize(String metaUserId) {
        Instant now = clock.instant();
        String reason = "On " + day(now) + " Facebook told Forkcast that the person who connected this account "
                + "removed Forkcast from their Facebook settings; connect the account again to keep publishing.";
        int changed = currentTenant.callAsPlatform("Meta deauthorize callback: the user's accounts in every tenant",
                () -> tx.execute(status -> {
                    int count = 0;
                    for (SocialAccount account : accounts.findByMetaUserIdOrderByIdAsc(metaUserId)) {
                        if (account.status() != AccountStatus.ACTIVE) {
                            continue;
                        }
                        tokens.deleteByTenantIdAndAccountId(account.tenantId(), account.id().value());
                        account.deauthorized(reason, now);
                        accounts.save(account);
                        events.publishEvent(new AccountDisconnected(new TenantId(account.tenantId()), account.id()));
                        count++;
                    }
                    return count;
                }));
        log.info("Meta deauthorize callback: {} accounts need reconnecting", changed);
        return changed;
    }

    /**
     * Deletes what Forkcast holds for the Meta user and records it: tokens, the accounts' name, metadata and Meta
     * user id, and their token history. The accounts stay (the restaurant's posts name them) as disconnected. A
     * repeated request answers the first one's confirmation code.
     */
    public DeletionStatus deleteData(String metaUserId) {
        String userKey = sha256(metaUserId);
        Instant now = clock.instant();
        MetaDataDeletion record = currentTenant.callAsPlatform("Meta data deletion callback: the request's record",
                () -> recordFor(userKey, now));
        String code = record.status().confirmationCode();
        String reason = "On " + day(now) + " Facebook asked Forkcast to delete the data of the person who connected "
                + "this account (confirmation code " + code + "); connect the account again to use it.";
        DeletionStatus status = currentTenant.callAsPlatform("Meta data deletion callback: the user's accounts "
                + "in every tenant", () -> tx.execute(transaction -> {
                    int cleared = 0;
                    int tokensDeleted = 0;
                    int historyDeleted = 0;
                    Set<UUID> tenants = new HashSet<>();
                    for (SocialAccount account : accounts.findByMetaUserIdOrderByIdAsc(metaUserId)) {
                        UUID tenantId = account.tenantId();
                        UUID accountId = account.id().value();
                        tokensDeleted += tokens.deleteByTenantIdAndAccountId(tenantId, accountId);
                        historyDeleted += checks.deleteByTenantIdAndAccountId(tenantId, accountId);
                        boolean wasDisconnected = account.status() == AccountStatus.DISCONNECTED;
                        account.forgetMetaUser(reason, now);
                        accounts.save(account);
                        if (!wasDisconnected) {
                            events.publishEvent(new AccountDisconnected(new TenantId(tenantId), account.id()));
                        }
                        tenants.add(tenantId);
                        cleared++;
                    }
                    MetaDataDeletion current = deletions.findById(code).orElseThrow();
                    current.record(cleared, tokensDeleted, historyDeleted, tenants.size(), now);
                    return deletions.save(current).status();
                }));
        log.info("Meta data deletion callback {}: {} accounts cleared, {} tokens deleted", code,
                status.accountsCleared(), status.tokensDeleted());
        return status;
    }

    /** The record of a deletion request, by its confirmation code. */
    public Optional<DeletionStatus> deletionStatus(String confirmationCode) {
        return currentTenant.callAsPlatform("Meta data deletion status page",
                () -> tx.execute(status -> deletions.findById(confirmationCode).map(MetaDataDeletion::status)));
    }

    // Its own transaction, committed before the deletion: of two racing first requests, the loser of the unique
    // constraint reads the winner's row, so both answer one code.
    private MetaDataDeletion recordFor(String userKey, Instant now) {
        try {
            return tx.execute(status -> deletions.findByMetaUserSha256(userKey)
                    .orElseGet(() -> deletions.save(new MetaDataDeletion(newCode(), userKey, now))));
        } catch (DataIntegrityViolationException raced) {
            return tx.execute(status -> deletions.findByMetaUserSha256(userKey).orElseThrow(() -> raced));
        }
    }

    private static String newCode() {
        byte[] bytes = new byte[8];
        RANDOM.nextBytes(bytes);
        return HexFormat.of().withUpperCase().formatHex(bytes);
    }

    private static String sha256(String value) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(value.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String day(Instant now) {
        return now.atOffset(ZoneOffset.UTC).truncatedTo(ChronoUnit.DAYS).toLocalDate().toString();
    }
}
