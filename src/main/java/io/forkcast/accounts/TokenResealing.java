package io.forkcast.accounts;

import io.forkcast.tenancy.CurrentTenant;
import io.forkcast.vault.Vault;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.domain.Limit;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Clock;
import java.util.List;

/**
 * The re-encryption job of a key rotation: moves every token sealed with an older key of the ring to the
 * active key, in batches. Old keys keep opening what they sealed until then, so nothing stops while it runs.
 */
@Service
public class TokenResealing {

    private static final Logger log = LoggerFactory.getLogger(TokenResealing.class);
    private static final int BATCH = 200;

    private final OAuthTokenRepository tokens;
    private final Vault vault;
    private final CurrentTenant currentTenant;
    private final TransactionTemplate transaction;
    private final Clock clock;

    TokenResealing(OAuthTokenRepository tokens, Vault vault, CurrentTenant currentTenant,
            PlatformTransactionManager transactionManager, Clock clock) {
        this.tokens = tokens;
        this.vault = vault;
        this.currentTenant = currentTenant;
        this.transaction = new TransactionTemplate(transactionManager);
        this.clock = clock;
    }

    /** Reseals every token not under the active key; returns how many were moved. */
    public int resealAll() {
        int moved = 0;
        while (true) {
            Integer batch = currentTenant.callAsPlatform("key rotation: every tenant's tokens",
                    () -> transaction.execute(status -> {
                        List<OAuthToken> stale = tokens.findByKeyIdNotOrderByIdAsc(vault.activeKeyId(), Limit.of(BATCH));
                        for (OAuthToken token : stale) {
                            token.reseal(vault.reseal(token.sealed(), token.identity()), clock.instant());
                        }
                        tokens.saveAll(stale);
                        return stale.size();
                    }));
            moved += batch == null ? 0 : batch;
            if (batch == null || batch < BATCH) {
                break;
            }
        }
        if (moved > 0) {
            log.info("Moved {} token(s) to vault key {}", moved, vault.activeKeyId());
        }
        return moved;
    }
}
