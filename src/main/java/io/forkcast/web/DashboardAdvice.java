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

import java.time.ZoneId;
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
        UserSignIns.SignedInUser me = me(request);
        return me != null && me.role() != Role.VIEWER;
    }

    @ModelAttribute("canAdmin")
    boolean canAdmin(HttpServletRequest request) {
        UserSignIns.SignedInUser me = me(request);
        return me != null && (me.role() == Role.OWNER || me.role() == Role.ADMIN);
    }

    /** The tenant's time zone: every date and time on the pages is shown, and read, in it. */
    @ModelAttribute("zone")
    ZoneId zone(HttpServletRequest request) {
        UserSignIns.SignedInUser me = me(request);
        return me == null ? ZoneOffset.UTC : tenants.find(me.tenantId()).map(Tenant::timezone).orElse(ZoneOffset.UTC);
    }

    @ExceptionHandler(DomainException.class)
    ModelAndView domain(DomainException e, HttpServletRequest request, HttpServletResponse response) {
        String message = e instanceof InvalidFieldException invalid
                ? label(invalid.field()) + " " + invalid.getMessage() + "."
                : e.getMessage();
        return error(HttpStatus.valueOf(e.status().value()), message, request);
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ModelAndView badPathOrParameter(MethodArgumentTypeMismatchException e, HttpServletRequest request) {
        return error(HttpStatus.NOT_FOUND, "This page does not exist.", request);
    }

    @ExceptionHandler(MaxUploadSizeExceededException.class)
    ModelAndView tooLarge(MaxUploadSizeExceededException e, HttpServletRequest request) {
        return error(HttpStatus.PAYLOAD_TOO_LARGE, "The file is too large to upload.", request);
    }

    static ModelAndView error(HttpStatus status, String message, HttpServletRequest request) {
        boolean fragment = request.getHeader("HX-Request") != null;
        ModelAndView page = new ModelAndView(fragment ? "app/error :: message" : "app/error");
        page.setStatus(status);
        page.addObject("status", status.value());
        page.addObject("errorTitle", status == HttpStatus.NOT_FOUND ? "Not found" : status.getReasonPhrase());
        page.addObject("message", message);
        page.addObject("me", request.getAttribute(DashboardSessionFilter.USER));
        page.addObject("currentPath", request.getRequestURI());
        return page;
    }

    /** A field name as the owner reads it: {@code scheduled_for} becomes "Scheduled for". */
    private static String label(String field) {
        String words = field.replace('_', ' ');
        return words.isEmpty() ? words : Character.toUpperCase(words.charAt(0)) + words.substring(1);
    }
}
