package io.forkcast.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.core.Ordered;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.servlet.HandlerExceptionResolver;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.servlet.NoHandlerFoundException;
import org.springframework.web.servlet.resource.NoResourceFoundException;

/**
 * A mistyped {@code /app/...} address gets the dashboard's own "page not found" page, with the navigation, instead
 * of the API's problem JSON. No controller handles such a request, so {@link DashboardAdvice} (bound to the
 * dashboard's controllers) never sees it; this resolver runs before the application's one handler and leaves
 * every other address to it.
 */
@Component
class DashboardNotFound implements HandlerExceptionResolver, Ordered {

    static final String MESSAGE = "There is no page at this address. It may have moved, or the link may be "
            + "mistyped: pick a page from the menu.";

    @Override
    public ModelAndView resolveException(HttpServletRequest request, HttpServletResponse response, Object handler,
            Exception e) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        // A missing script or stylesheet is no page to show: those keep the plain 404.
        boolean dashboard = (path.equals("/app") || path.startsWith("/app/")) && !path.startsWith("/app/static/")
                && !path.startsWith("/app/webjars/");
        boolean unknownAddress = e instanceof NoHandlerFoundException || e instanceof NoResourceFoundException
                || (e instanceof HttpRequestMethodNotSupportedException && "GET".equals(request.getMethod()));
        if (!dashboard || !unknownAddress) {
            return null;
        }
        return DashboardAdvice.error(HttpStatus.NOT_FOUND, MESSAGE, request);
    }

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE + 1;
    }
}
