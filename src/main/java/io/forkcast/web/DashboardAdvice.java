package io.forkcast.web;

import io.forkcast.shared.DomainException;
import io.forkcast.shared.InvalidFieldException;
import io.forkcast.tenancy.UserSignIns;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import io.forkcast.tenancy.Role;
import io.forkcast.tenancy.Tenant;
import io.forkcast.tenancy.Tenants;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.multipart.MaxUploadSizeExceededException;
import org.springframework.web.servlet.ModelAndView;

import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.servlet.support.RequestContextUtils;
import org.springframework.web.servlet.view.RedirectView;

import java.net.URI;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.time.ZoneOffset;

/**
 * For every dashboard page: the signed-in user in the model, and errors as a page (or, for an htmx request, a
 * fragment) that says what went wrong in the owner's words, with the status the API would answer. Unexpected
 * failures go to the application's one handler.
 */
@ControllerAdvice(basePackageClasses = DashboardAdvice.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
class DashboardAdvice {

    private final Tenants tenants;

    DashboardAdvice(Tenants tenants) {
        this.tenants = tenants;
    }

    @ModelAttribute("me")
    UserSignIns.SignedInUser me(HttpServletRequest request) {
        return (UserSignIns.SignedInUser) request.getAttribute(DashboardSessionFilter.USER);
    }

    /** The page's path, for the navigation to mark where the owner is. */
    @ModelAttribute("currentPath")
    String currentPath(HttpServletRequest request) {
        return request.getRequestURI();
    }

    @ModelAttribute("canEdit")
    boolean canEdit(HttpServletRequest request) {
        return canEdit(me(request));
    }

    @ModelAttribute("canAdmin")
    boolean canAdmin(HttpServletRequest request) {
        return canAdmin(me(request));
    }

    static boolean canEdit(UserSignIns.SignedInUser me) {
        return me != null && me.role() != Role.VIEWER;
    }

    static boolean canAdmin(UserSignIns.SignedInUser me) {
        return me != null && (me.role() == Role.OWNER || me.role() == Role.ADMIN);
    }

    /** The tenant's time zone: every date and time on the pages is shown, and read, in it. */
    @ModelAttribute("zone")
    ZoneId zone(HttpServletRequest request) {
        UserSignIns.SignedInUser me = me(request);
        return me == null ? ZoneOffset.UTC : tenants.find(me.tenantId()).map(Tenant::timezone).orElse(ZoneOffset.UTC);
    }

    /** Nothing refused yet: a page that a refused form was sent back to has the flash attribute instead. */
    @ModelAttribute("formErrors")
    FormErrors formErrors() {
        return FormErrors.NONE;
    }

    @ExceptionHandler(DomainException.class)
    ModelAndView domain(DomainException e, HttpServletRequest request, HttpServletResponse response) {
        HttpStatus status = HttpStatus.valueOf(e.status().value());
        String sentence = sentence(e);
        if (isFormMistake(status)) {
            String back = pageTheFormCameFrom(request);
            if (back != null) {
                return backToTheForm(back, formErrors(e, sentence, request), request);
            }
        }
        return error(status, sentence, request);
    }

    /** A refused form whose page the controller named: back to that page, unless it was an htmx request. */
    @ExceptionHandler(RefusedForm.class)
    ModelAndView refusedForm(RefusedForm refused, HttpServletRequest request, HttpServletResponse response) {
        DomainException e = refused.refusal();
        HttpStatus status = HttpStatus.valueOf(e.status().value());
        if (!isFormMistake(status) || request.getHeader("HX-Request") != null) {
            return domain(e, request, response);
        }
        return backToTheForm(refused.page(), formErrors(e, sentence(e), request), request);
    }

    private static FormErrors formErrors(DomainException e, String sentence, HttpServletRequest request) {
        return e instanceof InvalidFieldException invalid
                ? new FormErrors(request.getRequestURI(), null, Map.of(invalid.field(), sentence), typed(request))
                : new FormErrors(request.getRequestURI(), sentence, Map.of(), typed(request));
    }

    @ExceptionHandler(MissingServletRequestParameterException.class)
    ModelAndView missingField(MissingServletRequestParameterException e, HttpServletRequest request,
            HttpServletResponse response) {
        return domain(new InvalidFieldException(e.getParameterName(), "is required"), request, response);
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ModelAndView badPathOrParameter(MethodArgumentTypeMismatchException e, HttpServletRequest request) {
        return error(HttpStatus.NOT_FOUND, "This page does not exist.", request);
    }

    @ExceptionHandler(MaxUploadSizeExceededException.class)
    ModelAndView tooLarge(MaxUploadSizeExceededException e, HttpServletRequest request) {
        return error(HttpStatus.PAYLOAD_TOO_LARGE, "The file is too large to upload.", request);
    }

    /**
     * A refused form goes back to its page (303, the Post/Redirect/Get pattern) with its errors and what was typed
     * in the flash attributes, so the owner corrects it in place; a missing or foreign page leaves the error page.
     */
    private static boolean isFormMistake(HttpStatus status) {
        return status.is4xxClientError() && status != HttpStatus.NOT_FOUND && status != HttpStatus.FORBIDDEN
                && status != HttpStatus.UNAUTHORIZED;
    }

    /** The dashboard page the form was on (path and query of a same-site Referer), or null for an htmx request. */
    private static String pageTheFormCameFrom(HttpServletRequest request) {
        if (!"POST".equals(request.getMethod()) || request.getHeader("HX-Request") != null) {
            return null;
        }
        String referer = request.getHeader("Referer");
        if (referer == null) {
            return null;
        }
        try {
            URI uri = URI.create(referer);
            boolean sameSite = uri.getHost() == null
                    || (uri.getHost().equalsIgnoreCase(request.getServerName()) && uri.getPort() == request.getServerPort());
            String path = uri.getRawPath();
            if (!sameSite || path == null || !path.startsWith("/app") || path.startsWith(DashboardSecurityConfiguration.SIGN_IN)
                    || path.startsWith("/app/invite")) {
                return null;
            }
            return uri.getRawQuery() == null ? path : path + "?" + uri.getRawQuery();
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** What the form sent, to fill it in again: no CSRF token and no password ever goes back into a page. */
    private static Map<String, String> typed(HttpServletRequest request) {
        Map<String, String> typed = new LinkedHashMap<>();
        request.getParameterMap().forEach((name, values) -> {
            if (!name.startsWith("_") && !name.toLowerCase(Locale.ROOT).contains("password") && values.length > 0) {
                typed.put(name, String.join(",", values));
            }
        });
        return typed;
    }

    private static ModelAndView backToTheForm(String page, FormErrors errors, HttpServletRequest request) {
        RequestContextUtils.getOutputFlashMap(request).put("formErrors", errors);
        RedirectView redirect = new RedirectView(page, true);
        redirect.setStatusCode(HttpStatus.SEE_OTHER);
        redirect.setExposeModelAttributes(false);
        return new ModelAndView(redirect);
    }

    static ModelAndView error(HttpStatus status, String message, HttpServletRequest request) {
        boolean fragment = request.getHeader("HX-Request") != null;
        ModelAndView page = new ModelAndView(fragment ? "app/error :: message" : "app/error");
        page.setStatus(status);
        page.addObject("status", status.value());
        page.addObject("errorTitle", status == HttpStatus.NOT_FOUND ? "Not found" : status.getReasonPhrase());
        page.addObject("message", message);
        UserSignIns.SignedInUser me = (UserSignIns.SignedInUser) request.getAttribute(DashboardSessionFilter.USER);
        page.addObject("me", me);
        page.addObject("canEdit", canEdit(me));
        page.addObject("canAdmin", canAdmin(me));
        page.addObject("currentPath", request.getRequestURI());
        page.addObject("formErrors", FormErrors.NONE);
        return page;
    }

    /** What the owner reads about a refusal: a field's message as a sentence, otherwise the service's message. */
    static String sentence(DomainException e) {
        return e instanceof InvalidFieldException invalid ? sentence(invalid) : e.getMessage();
    }

    /**
     * A field's message as a sentence: "Price must be a number such as 12.50."; a message that is a sentence of
     * its own ("The time must be in the future.") is left as it is.
     */
    static String sentence(InvalidFieldException invalid) {
        String message = invalid.getMessage().strip();
        String sentence = !message.isEmpty() && Character.isUpperCase(message.charAt(0)) ? message
                : label(invalid.field()) + " " + message;
        return sentence.endsWith(".") || sentence.endsWith("?") || sentence.endsWith("!") ? sentence : sentence + ".";
    }

    /** A field name as the owner reads it: {@code scheduled_for} becomes "Scheduled for". */
    private static String label(String field) {
        String words = field.replace('_', ' ');
        return words.isEmpty() ? words : Character.toUpperCase(words.charAt(0)) + words.substring(1);
    }
}
