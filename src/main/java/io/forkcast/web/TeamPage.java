package io.forkcast.web;

import io.forkcast.shared.PageRequest;
import io.forkcast.tenancy.NewTenantUser;
import io.forkcast.tenancy.Role;
import io.forkcast.tenancy.TenantUser;
import io.forkcast.tenancy.TenantUserChanges;
import io.forkcast.tenancy.TenantUsers;
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

import java.util.UUID;

/**
 * Users and roles (admins and owners): invite someone (the link is shown once), change a role, send a new link
 * (also how a forgotten password is reset), remove someone.
 */
@Controller
@RequestMapping("/app/settings/users")
class TeamPage {

    private final TenantUsers users;
    private final UserSignIns signIns;
    private final FormInput form;

    TeamPage(TenantUsers users, UserSignIns signIns, FormInput form) {
        this.users = users;
        this.signIns = signIns;
        this.form = form;
    }

    @GetMapping
    String team(@ModelAttribute("me") UserSignIns.SignedInUser me, Model model) {
        model.addAttribute("users", users.list(me.tenantId(), new PageRequest(200, null)).items());
        model.addAttribute("roles", Role.values());
        return "app/users";
    }

    @PostMapping
    String invite(@ModelAttribute("me") UserSignIns.SignedInUser me, @RequestParam(defaultValue = "") String email,
            @RequestParam(name = "full_name", defaultValue = "") String fullName, @RequestParam String role,
            RedirectAttributes flash) {
        TenantUser user = users.add(me.tenantId(), form.valid(new NewTenantUser(email.strip(),
                FormInput.blankToNull(fullName), FormInput.choice(Role.class, role, "role"))));
        return showInvitation(me, user.id(), flash);
    }

    @PostMapping("/{userId}/invitation")
    String newLink(@ModelAttribute("me") UserSignIns.SignedInUser me, @PathVariable UUID userId,
            RedirectAttributes flash) {
        return showInvitation(me, userId, flash);
    }

    @PostMapping("/{userId}/role")
    String role(@ModelAttribute("me") UserSignIns.SignedInUser me, @PathVariable UUID userId,
            @RequestParam String role, RedirectAttributes flash) {
        users.change(me.tenantId(), userId,
                new TenantUserChanges(null, FormInput.choice(Role.class, role, "role")));
        flash.addFlashAttribute("notice", "Role changed.");
        return "redirect:/app/settings/users";
    }

    @PostMapping("/{userId}/delete")
    String remove(@ModelAttribute("me") UserSignIns.SignedInUser me, @PathVariable UUID userId,
            RedirectAttributes flash) {
        users.remove(me.tenantId(), userId);
        flash.addFlashAttribute("warning", "User removed: they are signed out and cannot sign in any more.");
        return "redirect:/app/settings/users";
    }

    private String showInvitation(UserSignIns.SignedInUser me, UUID userId, RedirectAttributes flash) {
        UserSignIns.Invitation invitation = signIns.invite(me.tenantId(), userId);
        flash.addFlashAttribute("invitationEmail", invitation.email());
        flash.addFlashAttribute("invitationUrl", invitation.url().toString());
        flash.addFlashAttribute("invitationExpiresAt", invitation.expiresAt());
        return "redirect:/app/settings/users";
    }
}
