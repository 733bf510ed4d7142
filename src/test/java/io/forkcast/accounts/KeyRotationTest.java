package io.forkcast.accounts;

import io.forkcast.support.ApiClient;
import io.forkcast.support.SandboxedApiTest;
import io.forkcast.tenancy.TenantId;
import io.forkcast.vault.SealedSecret;
import io.forkcast.vault.Vault;
import io.forkcast.vault.VaultProperties;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A key rotation without downtime: tokens sealed with the old key keep working while the ring holds both keys,
 * and the re-encryption job moves every one of them to the active key.
 */
class KeyRotationTest extends SandboxedApiTest {

    @Autowired
    Vault vault;

    @Autowired
    TokenResealing resealing;

    @Autowired
    AccessTokens accessTokens;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    PlatformTransactionManager transactionManager;

    @Value("${forkcast.vault.keys.test-1}")
    String oldKey;

    @Test
    void tokensSealedWithTheOldKeyKeepWorkingAndAreMovedToTheActiveKey() {
        ApiClient api = api();
        String tenant = api.createTenant("Trattoria " + System.nanoTime(), "pro");
        String key = api.createKey(tenant, "read", "write");
        assertThat(new ConnectSteps(api).connect(tenant, key).status()).isEqualTo(200);
        sealEverythingWithTheOldKey(UUID.fromString(tenant));
        String page = api.get("/api/v1/tenants/" + tenant + "/accounts", key).body().get("items").valueStream()
                .filter(a -> a.get("type").asString().equals("page")).findFirst().orElseThrow().get("id").asString();
        TenantId tenantId = new TenantId(UUID.fromString(tenant));
        AccountId accountId = new AccountId(UUID.fromString(page));

        String duringRotation = accessTokens.forPublishing(tenantId, accountId).accessToken();
        int moved = resealing.resealAll();
        String afterRotation = accessTokens.forPublishing(tenantId, accountId).accessToken();

        assertThat(moved).isGreaterThanOrEqualTo(5);
        assertThat(afterRotation).isEqualTo(duringRotation);
        assertThat(keyIds(UUID.fromString(tenant))).containsOnly("test-2");
        assertThat(resealing.resealAll()).isZero();
        assertThat(api.post("/api/v1/tenants/" + tenant + "/accounts/" + page + "/check", key, null)
                .body().get("token_outcomes").toString()).contains("success").doesNotContain("failed");
    }

    private List<String> keyIds(UUID tenant) {
        return jdbc.sql("select key_id from oauth_tokens where tenant_id = ?").param(tenant).query(String.class).list();
    }

    /** Rewrites the tenant's tokens as an instance that still sealed with the old key would have written them. */
    private void sealEverythingWithTheOldKey(UUID tenant) {
        Vault old = new Vault(new VaultProperties(Map.of("test-1", oldKey), "test-1", false, Path.of("unused")));
        new TransactionTemplate(transactionManager).executeWithoutResult(status -> {
            List<Map<String, Object>> rows = jdbc.sql("select id, account_id, token_type, encrypted_token, "
                    + "encryption_iv, key_id from oauth_tokens where tenant_id = ?").param(tenant).query().listOfRows();
            for (Map<String, Object> row : rows) {
                String[] identity = {tenant.toString(), row.get("account_id").toString(), (String) row.get("token_type")};
                String secret = vault.open(new SealedSecret((String) row.get("key_id"), (String) row.get("encryption_iv"),
                        (String) row.get("encrypted_token")), identity);
                SealedSecret resealed = old.seal(secret, identity);
                jdbc.sql("update oauth_tokens set encrypted_token = ?, encryption_iv = ?, key_id = ? where id = ?")
                        .params(resealed.ciphertext(), resealed.nonce(), resealed.keyId(), row.get("id")).update();
            }
        });
        assertThat(keyIds(tenant)).containsOnly("test-1");
    }
}
