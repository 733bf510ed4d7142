package io.forkcast.web;

import io.forkcast.shared.PageRequest;
import io.forkcast.tenancy.ApiKey;
import io.forkcast.tenancy.ApiKeyScope;
import io.forkcast.tenancy.ApiKeys;
import io.forkcast.tenancy.NewApiKey;
import io.forkcast.tenancy.UserSignIns;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/** API keys (admins and owners): create one (its secret is shown once, on the next page only), revoke one. */
@Controller
@RequestMapping("/app/settings/keys")
class KeysPage {

    /** A key as the list shows it: its scopes in the one order and words the page uses everywhere. */
    record Row(ApiKey key, String scopes) {
    }

    private final ApiKeys keys;
    private final FormInput form;

    KeysPage(ApiKeys keys, FormInput form) {
        this.keys = keys;
        this.form = form;
    }

    @GetMapping
    String list(@ModelAttribute("me") UserSignIns.SignedInUser me, Model model) {
        model.addAttribute("keys", keys.list(me.tenantId(), new PageRequest(200, null)).items().stream()
                .map(key -> new Row(key, scopeWords(key.scopes()))).toList());
        model.addAttribute("scopes", ApiKeyScope.values());
        return "app/keys";
    }

    @PostMapping
    String create(@ModelAttribute("me") UserSignIns.SignedInUser me, @RequestParam(defaultValue = "") String name,
            @RequestParam(required = false) List<String> scopes, RedirectAttributes flash) {
        Set<ApiKeyScope> chosen = EnumSet.noneOf(ApiKeyScope.class);
        if (scopes != null) {
            scopes.forEach(s -> chosen.add(FormInput.choice(ApiKeyScope.class, s, "scopes")));
        }
        ApiKeys.CreatedApiKey created = keys.create(me.tenantId(), form.valid(new NewApiKey(name.strip(),
                chosen.isEmpty() ? null : chosen)));
        // A flash attribute lives in the session until the next page shows it, then it is gone.
        flash.addFlashAttribute("secret", created.secret());
        flash.addFlashAttribute("secretName", created.key().name());
        return "redirect:/app/settings/keys";
    }

    /** "read, write": lower case, in the order read, write, admin, as the scope checkboxes name them. */
    static String scopeWords(Set<ApiKeyScope> scopes) {
        return scopes.stream().sorted().map(ApiKeyScope::wireName).collect(Collectors.joining(", "));
    }

    @PostMapping("/{keyId}/revoke")
    String revoke(@ModelAttribute("me") UserSignIns.SignedInUser me, @PathVariable UUID keyId,
            RedirectAttributes flash) {
        keys.revoke(me.tenantId(), keyId);
        flash.addFlashAttribute("warning", "Key revoked: programs using it are refused from now on.");
        return "redirect:/app/settings/keys";
    }
}
