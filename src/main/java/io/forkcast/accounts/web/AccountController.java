package io.forkcast.accounts.web;

import io.forkcast.accounts.AccountId;
import io.forkcast.accounts.Accounts;
import io.forkcast.accounts.ConnectedAccount;
import io.forkcast.accounts.TokenHealth;
import io.forkcast.shared.CursorPage;
import io.forkcast.shared.PageRequest;
import io.forkcast.tenancy.TenantId;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;
import java.util.UUID;

@Tag(name = "Accounts", description = "A tenant's connected Facebook Pages and Instagram accounts. Tokens never appear.")
@RestController
@RequestMapping("/api/v1/tenants/{tenantId}/accounts")
class AccountController {

    record CheckResponse(ConnectedAccount account, List<String> tokenOutcomes) {
    }

    private final Accounts accounts;
    private final TokenHealth health;

    AccountController(Accounts accounts, TokenHealth health) {
        this.accounts = accounts;
        this.health = health;
    }

    @GetMapping
    CursorPage<ConnectedAccount> list(@PathVariable UUID tenantId, @Valid PageRequest page) {
        return accounts.list(new TenantId(tenantId), page);
    }

    @GetMapping("/{accountId}")
    ConnectedAccount get(@PathVariable UUID tenantId, @PathVariable UUID accountId) {
        return accounts.get(new TenantId(tenantId), new AccountId(accountId));
    }

    /** Disconnects: the tokens are destroyed; the account and its history stay, with status {@code disconnected}. */
    @DeleteMapping("/{accountId}")
    ConnectedAccount disconnect(@PathVariable UUID tenantId, @PathVariable UUID accountId) {
        return accounts.disconnect(new TenantId(tenantId), new AccountId(accountId));
    }

    /** Runs the token health check of this account now. */
    @PostMapping("/{accountId}/check")
    CheckResponse check(@PathVariable UUID tenantId, @PathVariable UUID accountId) {
        TenantId tenant = new TenantId(tenantId);
        AccountId account = new AccountId(accountId);
        List<String> outcomes = health.check(tenant, account);
        return new CheckResponse(accounts.get(tenant, account), outcomes);
    }
}
