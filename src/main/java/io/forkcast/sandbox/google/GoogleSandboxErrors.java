package io.forkcast.sandbox.google;

import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

import java.util.LinkedHashMap;
import java.util.Map;

/** Answers the Google sandbox's errors in Google's shapes, ahead of the API's problem details. */
@RestControllerAdvice(assignableTypes = {GoogleOAuthController.class, GoogleBusinessController.class,
        GoogleListingSandboxController.class, GoogleSandboxAdminController.class})
@Order(Ordered.HIGHEST_PRECEDENCE)
@ConditionalOnBooleanProperty(name = "forkcast.sandbox.enabled", matchIfMissing = true)
class GoogleSandboxErrors {

    @ExceptionHandler(GoogleApiException.class)
    ResponseEntity<Map<String, Object>> google(GoogleApiException e) {
        Map<String, Object> body = new LinkedHashMap<>();
        if (e.oauth()) {
            body.put("error", e.status());
            body.put("error_description", e.getMessage());
        } else {
            Map<String, Object> error = new LinkedHashMap<>();
            error.put("code", e.httpStatus());
            error.put("message", e.getMessage());
            error.put("status", e.status());
            if (!e.details().isEmpty()) {
                error.put("details", e.details());
            }
            body.put("error", error);
        }
        return ResponseEntity.status(e.httpStatus()).contentType(MediaType.APPLICATION_JSON).body(body);
    }

    @ExceptionHandler(HttpMessageNotReadableException.class)
    ResponseEntity<Map<String, Object>> unreadable(HttpMessageNotReadableException e) {
        return google(GoogleApiException.api(400, "INVALID_ARGUMENT",
                "Invalid JSON payload received. Unable to parse the request body.", java.util.List.of()));
    }
}
