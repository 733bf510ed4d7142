package io.forkcast.web;

import io.forkcast.shared.DomainException;
import io.forkcast.tenancy.AccountClosedException;
import io.forkcast.shared.InvalidFieldException;
import io.forkcast.tenancy.UserSignIns;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import org.springframework.http.HttpStatus;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.security.web.context.SecurityContextRepository;
import org.springframework.session.FindByIndexNameSessionRepository;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.ModelAndView;

import java.io.Serial;
import java.io.Serializable;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

/**
 * Signing in and out, choosing a restaurant, accepting an invitation, and "Forgot password?" (a reset link by
 * e-mail; the page answers the same whatever the address, so it tells nobody which addresses have an account).
 *
 * <p>The sign-in form asks for an e-mail address and a password only. An address is unique within a restaurant,
 * not across them, so the password is checked against every user with that address; when it opens several
 * restaurants the person picks one. The picker lists only the restaurants whose password matched (kept in the
 * session, never taken from the form), so the page tells a stranger nothing about where an address is used.
 */
@Controller
class SignInController {

    /** Users whose password matched, awaiting the person's choice of restaurant. */
    record Workspace(UUID tenantId, UUID userId, String tenantName, String role) implements Serializable {

        @Serial
        private static final long serialVersionUID = 1L;
    }

    static final String PENDING = SignInController.class.getName() + ".workspaces";

    static final String FORGOT_PASSWORD = "/app/forgot-password";

    private final UserSignIns signIns;
    private final SignInThrottle throttle;
    private final SignInThrottle passwordResetThrottle;
    private final SignInThrottle passwordResetClientThrottle;
    private final FindByIndexNameSessionRepository<?> sessions;
    private final SecurityContextRepository contexts = new HttpSessionSecurityContextRepository();

    SignInController(UserSignIns signIns, SignInThrottle signInThrottle, SignInThrottle passwordResetThrottle,
            SignInThrottle passwordResetClientThrottle, FindByIndexNameSessionRepository<?> sessions) {
        this.signIns = signIns;
        this.throttle = signInThrottle;
        this.passwordResetThrottle = passwordResetThrottle;
        this.passwordResetClientThrottle = passwordResetClientThrottle;
        this.sessions = sessions;
    }

    @GetMapping(DashboardSecurityConfiguration.SIGN_IN)
    String signInForm(Model model, HttpServletRequest request) {
        model.addAttribute("signedOut", request.getParameter("signed-out") != null);
        model.addAttribute("passwordChanged", request.getParameter("password-changed") != null);
        model.addAttribute("accountClosed", request.getParameter("account-closed") != null);
        return "app/sign-in";
    }

    @PostMapping(DashboardSecurityConfiguration.SIGN_IN)
    Object signIn(@RequestParam(defaultValue = "") String email, @RequestParam(defaultValue = "") String password,
            Model model, HttpServletRequest request, HttpServletResponse response) {
        model.addAttribute("email", email);
        Duration wait = throttle.tryAttempt(email, request.getRemoteAddr());
        if (!wait.isZero()) {
            long minutes = Math.max(1, (wait.toSeconds() + 59) / 60);
            model.addAttribute("error", "Too many sign-in attempts. Try again in " + minutes
                    + (minutes == 1 ? " minute." : " minutes."));
            response.setStatus(HttpStatus.TOO_MANY_REQUESTS.value());
            response.setHeader("Retry-After", Long.toString(Math.max(1, wait.toSeconds())));
            return "app/sign-in";
        }
        List<UserSignIns.SignedInUser> matched;
        try {
            matched = signIns.verify(email, password);
        } catch (AccountClosedException closed) {
            model.addAttribute("error", closed.getMessage());
            response.setStatus(HttpStatus.FORBIDDEN.value());
            return "app/sign-in";
        }
        if (matched.isEmpty()) {
            model.addAttribute("error", "The e-mail address or the password is not right.");
            response.setStatus(HttpStatus.UNAUTHORIZED.value());
            return "app/sign-in";
        }
        throttle.succeeded(email, request.getRemoteAddr());
        if (matched.size() == 1) {
            establish(matched.getFirst(), request, response);
            return "redirect:/app";
        }
        List<Workspace> workspaces = matched.stream().map(user -> new Workspace(user.tenantId().value(),
                user.userId(), user.tenantName(), user.role().wireName())).toList();
        request.getSession(true).setAttribute(PENDING, workspaces);
        model.addAttribute("workspaces", workspaces);
        return "app/workspaces";
    }

    @PostMapping(DashboardSecurityConfiguration.SIGN_IN + "/workspace")
    String chooseWorkspace(@RequestParam("tenant_id") UUID tenantId, HttpServletRequest request,
            HttpServletResponse response) {
        HttpSession session = request.getSession(false);
        @SuppressWarnings("unchecked")
        List<Workspace> pending = session == null ? null : (List<Workspace>) session.getAttribute(PENDING);
        Workspace chosen = pending == null ? null
                : pending.stream().filter(w -> w.tenantId().equals(tenantId)).findFirst().orElse(null);
        if (chosen == null) {
            return "redirect:" + DashboardSecurityConfiguration.SIGN_IN;
        }
        session.removeAttribute(PENDING);
        UserSignIns.SignedInUser user = signIns.current(new io.forkcast.tenancy.TenantId(chosen.tenantId()),
                chosen.userId()).orElseThrow(() -> DomainException.notFound("User"));
        establish(user, request, response);
        return "redirect:/app";
    }

    @GetMapping("/app/invite/{token}")
    ModelAndView invitation(@PathVariable String token, HttpServletRequest request) {
        UserSignIns.PendingInvitation invitation = signIns.invitation(token).orElse(null);
        if (invitation == null) {
            return DashboardAdvice.error(HttpStatus.NOT_FOUND, "This invitation link is not valid or has already "
                    + "been used. Ask an admin of your restaurant for a new one.", request);
        }
        ModelAndView page = new ModelAndView("app/invite");
        page.addObject("invitation", invitation);
        page.addObject("token", token);
        page.addObject("minLength", UserSignIns.MIN_PASSWORD_LENGTH);
        return page;
    }

    @PostMapping("/app/invite/{token}")
    Object acceptInvitation(@PathVariable String token, @RequestParam(defaultValue = "") String password,
            @RequestParam(name = "password_again", defaultValue = "") String passwordAgain,
            HttpServletRequest request, HttpServletResponse response) {
        if (!password.equals(passwordAgain)) {
            return refused(invitation(token, request), "The two passwords are not the same.");
        }
        UserSignIns.SignedInUser user;
        try {
            user = signIns.accept(token, password);
        } catch (InvalidFieldException e) {
            return refused(invitation(token, request), "The password " + e.getMessage() + ".");
        }
        establish(user, request, response);
        return "redirect:/app";
    }

    @GetMapping(FORGOT_PASSWORD)
    String forgotPasswordForm() {
        return "app/forgot-password";
    }

    /**
     * Sends a reset link to the address if it belongs to anyone, and answers the same either way (also when the
     * throttle holds the request back, which then sends nothing).
     */
    @PostMapping(FORGOT_PASSWORD)
    String forgotPassword(@RequestParam(defaultValue = "") String email, Model model, HttpServletRequest request,
            HttpServletResponse response) {
        String address = email.strip();
        model.addAttribute("email", address);
        if (address.isEmpty() || address.length() > 320 || !address.contains("@")) {
            model.addAttribute("error", "Type the e-mail address you sign in with, such as name@restaurant.com.");
            response.setStatus(HttpStatus.BAD_REQUEST.value());
            return "app/forgot-password";
        }
        if (passwordResetClientThrottle.tryAttempt("", request.getRemoteAddr()).isZero()
                && passwordResetThrottle.tryAttempt(address, "").isZero()) {
            signIns.requestPasswordReset(address);
        }
        model.addAttribute("sent", true);
        return "app/forgot-password";
    }

    @GetMapping(UserSignIns.PASSWORD_RESET_PATH + "{token}")
    ModelAndView passwordReset(@PathVariable String token, HttpServletRequest request) {
        UserSignIns.PendingReset reset = signIns.passwordReset(token).orElse(null);
        if (reset == null) {
            return DashboardAdvice.error(HttpStatus.NOT_FOUND, "This link is not valid or has already been used. "
                    + "Ask for a new one with \"Forgot password?\" on the sign-in page.", request);
        }
        ModelAndView page = new ModelAndView("app/reset-password");
        page.addObject("reset", reset);
        page.addObject("token", token);
        page.addObject("minLength", UserSignIns.MIN_PASSWORD_LENGTH);
        return page;
    }

    /** Sets the new password, signs the user out everywhere (any session may be the one of whoever took it). */
    @PostMapping(UserSignIns.PASSWORD_RESET_PATH + "{token}")
    ModelAndView resetPassword(@PathVariable String token, @RequestParam(defaultValue = "") String password,
            @RequestParam(name = "password_again", defaultValue = "") String passwordAgain,
            HttpServletRequest request) {
        if (!password.equals(passwordAgain)) {
            return refused(passwordReset(token, request), "The two passwords are not the same.");
        }
        UserSignIns.SignedInUser user;
        try {
            user = signIns.resetPassword(token, password);
        } catch (InvalidFieldException e) {
            return refused(passwordReset(token, request), "The password " + e.getMessage() + ".");
        }
        sessions.findByPrincipalName(user.userId().toString()).keySet().forEach(sessions::deleteById);
        HttpSession current = request.getSession(false);
        if (current != null) {
            current.invalidate();
        }
        SecurityContextHolder.clearContext();
        return new ModelAndView("redirect:" + DashboardSecurityConfiguration.SIGN_IN + "?password-changed");
    }

    /** Spring Security forwards refused requests here, whatever their method (a POST without CSRF token, say). */
    @RequestMapping("/app/denied")
    ModelAndView denied(HttpServletRequest request) {
        boolean csrf = request.getAttribute(org.springframework.security.web.WebAttributes.ACCESS_DENIED_403)
                instanceof org.springframework.security.web.csrf.CsrfException;
        return DashboardAdvice.error(HttpStatus.FORBIDDEN, csrf
                ? "This form has expired or did not come from Forkcast. Open the page again and send it from there."
                : "Your role does not allow this. Ask an admin or the owner of your restaurant.", request);
    }

    /** A new session id (no session fixation), holding who signed in. */
    private void establish(UserSignIns.SignedInUser user, HttpServletRequest request, HttpServletResponse response) {
        HttpSession existing = request.getSession(false);
        if (existing != null) {
            request.changeSessionId();
        }
        SecurityContext context = SecurityContextHolder.createEmptyContext();
        context.setAuthentication(UsernamePasswordAuthenticationToken.authenticated(
                new DashboardPrincipal(user.tenantId().value(), user.userId()), null,
                org.springframework.security.core.authority.AuthorityUtils.createAuthorityList(
                        DashboardSessionFilter.rolesOf(user.role()))));
        SecurityContextHolder.setContext(context);
        contexts.saveContext(context, request, response);
    }

    /** The password page again, answered 400, with what was wrong with the passwords typed. */
    private static ModelAndView refused(ModelAndView page, String error) {
        page.addObject("error", error);
        page.setStatus(HttpStatus.BAD_REQUEST);
        return page;
    }
}
