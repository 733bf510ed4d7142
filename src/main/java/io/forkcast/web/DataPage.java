package io.forkcast.web;

import io.forkcast.rights.DataExports;
import io.forkcast.shared.DomainException;
import io.forkcast.tenancy.Role;
import io.forkcast.tenancy.TenantClosures;
import io.forkcast.tenancy.UserSignIns;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Your data (admins and owners): an export of everything the restaurant holds, with its progress and its download
 * link; and, for owners only, closing the restaurant's account.
 */
@Controller
@RequestMapping("/app/settings/data")
class DataPage {

    private final DataExports exports;
    private final TenantClosures closures;

    DataPage(DataExports exports, TenantClosures closures) {
        this.exports = exports;
        this.closures = closures;
    }

    @GetMapping
    String show(@ModelAttribute("me") UserSignIns.SignedInUser me, Model model) {
        model.addAttribute("export", exports.latest(me.tenantId()).orElse(null));
        model.addAttribute("isOwner", me.role() == Role.OWNER);
        model.addAttribute("graceDays", closures.gracePeriod().toDays());
        return "app/data";
    }

    @PostMapping("/exports")
    String export(@ModelAttribute("me") UserSignIns.SignedInUser me, RedirectAttributes flash) {
        exports.request(me.tenantId(), "user:" + me.userId());
        flash.addFlashAttribute("notice", "Export asked for: it is being prepared. This page shows its progress.");
        return "redirect:/app/settings/data";
    }

    @PostMapping("/close")
    String close(@ModelAttribute("me") UserSignIns.SignedInUser me,
            @RequestParam(name = "confirm_name", defaultValue = "") String confirmName, HttpServletRequest request) {
        if (me.role() != Role.OWNER) {
            throw DomainException.forbidden("Only an owner can close the restaurant's account.");
        }
        closures.close(me.tenantId(), confirmName, "user:" + me.userId());
        HttpSession session = request.getSession(false);
        if (session != null) {
            session.invalidate();
        }
        return "redirect:" + DashboardSecurityConfiguration.SIGN_IN + "?account-closed";
    }
}
