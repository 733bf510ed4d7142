package io.forkcast.web;

import io.forkcast.accounts.Accounts;
import io.forkcast.accounts.ConnectedAccount;
import io.forkcast.shared.CursorPage;
import io.forkcast.shared.PageRequest;
import io.forkcast.tenancy.TenantId;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** A tenant's accounts by id, with the names the pages show ("Facebook Page Krusty Pizza", "Instagram @krusty"). */
@Component
class AccountNames {

    private final Accounts accounts;

    AccountNames(Accounts accounts) {
        this.accounts = accounts;
    }

    List<ConnectedAccount> all(TenantId tenantId) {
        List<ConnectedAccount> all = new ArrayList<>();
        String cursor = null;
        do {
            CursorPage<ConnectedAccount> page = accounts.list(tenantId, new PageRequest(200, cursor));
            all.addAll(page.items());
            cursor = page.nextCursor();
        } while (cursor != null);
        return all;
    }

    Map<UUID, String> of(TenantId tenantId) {
        Map<UUID, String> names = new LinkedHashMap<>();
        for (ConnectedAccount account : all(tenantId)) {
            names.put(account.id().value(), AccountsPage.name(account));
        }
        return names;
    }
}
