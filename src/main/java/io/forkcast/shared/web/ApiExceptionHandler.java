package io.forkcast.shared.web;

import io.forkcast.shared.DomainException;
import io.forkcast.shared.InvalidFieldException;
import io.forkcast.shared.Problems;
import io.forkcast.shared.database.DatabaseProperties;
import io.forkcast.shared.database.DatabaseUnavailable;
import jakarta.validation.ConstraintViolationException;
import org.apache.tomcat.util.http.InvalidParameterException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.validation.FieldError;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import org.springframework.beans.TypeMismatchException;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.web.multipart.MaxUploadSizeExceededException;
import org.springframework.web.multipart.MultipartException;
import jakarta.servlet.MultipartConfigElement;
import tools.jackson.core.JacksonException;
import tools.jackson.core.exc.StreamReadException;
import tools.jackson.databind.DatabindException;
import tools.jackson.databind.exc.InvalidFormatException;
import tools.jackson.databind.exc.MismatchedInputException;
import tools.jackson.databind.exc.UnrecognizedPropertyException;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The one place where exceptions become responses: every error is an RFC 9457 problem
 * ({@code application/problem+json}) with a sentence a client can act on. Nothing from the inside (stack
 * traces, SQL, class names, secrets) reaches a response; unexpected failures are logged with the request id
 * and answered with that id only.
 */
@RestControllerAdvice
class ApiExceptionHandler extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ApiExceptionHandler.class);

    private final ObjectProvider<MultipartConfigElement> multipartConfig;
    private final String retryAfter;

    ApiExceptionHandler(ObjectProvider<MultipartConfigElement> multipartConfig, DatabaseProperties database) {
        this.multipartConfig = multipartConfig;
        this.retryAfter = DatabaseOutageFilter.retryAfterSeconds(database);
    }

    @ExceptionHandler(DomainException.class)
    ResponseEntity<Object> domain(DomainException e, WebRequest request) {
        if (e instanceof InvalidFieldException invalid) {
            return problem(e.status(), "The request has invalid fields.",
                    List.of(fieldError(invalid.field(), invalid.getMessage())), request);
        }
        ResponseEntity<Object> response = problem(e.status(), e.getMessage(), null, request);
        if (response.getBody() instanceof ProblemDetail problem) {
            e.properties().forEach(problem::setProperty);
        }
        return response;
    }

    @ExceptionHandler(ConstraintViolationException.class)
    ResponseEntity<Object> constraintViolation(ConstraintViolationException e, WebRequest request) {
        List<Map<String, String>> errors = e.getConstraintViolations().stream()
                .map(v -> fieldError(jsonName(lastNode(v.getPropertyPath().toString())), v.getMessage()))
                .toList();
        return problem(HttpStatus.BAD_REQUEST, "The request has invalid fields.", errors, request);
    }

    @ExceptionHandler(OptimisticLockingFailureException.class)
    ResponseEntity<Object> concurrentChange(OptimisticLockingFailureException e, WebRequest request) {
        return problem(HttpStatus.CONFLICT, "Someone else changed this resource at the same time; "
                + "read it again and repeat your change.", null, request);
    }

    @ExceptionHandler(DataIntegrityViolationException.class)
    ResponseEntity<Object> integrity(DataIntegrityViolationException e, WebRequest request) {
        log.warn("Integrity violation not caught by validation: {}", e.getMostSpecificCause().getClass().getName());
        return problem(HttpStatus.CONFLICT, "The request conflicts with existing data.", null, request);
    }

    /** A multipart body that cannot be parsed (no boundary, cut off); too large ones are answered 413 below. */
    @ExceptionHandler(MultipartException.class)
    ResponseEntity<Object> multipart(MultipartException e, WebRequest request) {
        if (e instanceof MaxUploadSizeExceededException tooLarge) {
            return handleMaxUploadSizeExceededException(tooLarge, new HttpHeaders(), HttpStatus.CONTENT_TOO_LARGE,
                    request);
        }
        return problem(HttpStatus.BAD_REQUEST, "The multipart request body cannot be read.", null, request);
    }

    /** A form body (or query string) the container cannot decode; the query string is checked before, too. */
    @ExceptionHandler(InvalidParameterException.class)
    ResponseEntity<Object> undecodableParameters(InvalidParameterException e, WebRequest request) {
        return problem(HttpStatus.BAD_REQUEST,
                "The parameters have a malformed percent-escape, are not UTF-8, or are too many.", null, request);
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<Object> unexpected(Exception e, WebRequest request) {
        if (DatabaseUnavailable.isCause(e)) {
            log.warn("Database unreachable; answered 503: {}", e.getClass().getSimpleName());
            HttpHeaders headers = new HttpHeaders();
            headers.set(HttpHeaders.RETRY_AFTER, retryAfter);
            ProblemDetail problem = Problems.problem(HttpStatus.SERVICE_UNAVAILABLE, DatabaseOutageFilter.DATABASE_AWAY);
            return handleExceptionInternal(e, problem, headers, HttpStatus.SERVICE_UNAVAILABLE, request);
        }
        log.error("Unexpected failure", e);
        return problem(HttpStatus.INTERNAL_SERVER_ERROR,
                "Something went wrong on our side. Quote the request id if you contact support.", null, request);
    }

    @Override
    protected ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException e,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        List<Map<String, String>> errors = new ArrayList<>();
        for (FieldError error : e.getBindingResult().getFieldErrors()) {
            // A binding failure's default message names Java types; say it in the client's terms instead.
            errors.add(fieldError(jsonName(error.getField()),
                    error.isBindingFailure() ? "has an invalid value" : error.getDefaultMessage()));
        }
        e.getBindingResult().getGlobalErrors()
                .forEach(error -> errors.add(fieldError(error.getObjectName(), error.getDefaultMessage())));
        return problem(HttpStatus.BAD_REQUEST, "The request has invalid fields.", errors, request);
    }

    @Override
    protected ResponseEntity<Object> handleHandlerMethodValidationException(HandlerMethodValidationException e,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        List<Map<String, String>> errors = new ArrayList<>();
        e.getParameterValidationResults().forEach(result -> result.getResolvableErrors().forEach(error -> {
            String field = error instanceof FieldError fieldError
                    ? jsonName(fieldError.getField())
                    : result.getMethodParameter().getParameterName();
            errors.add(fieldError(field, error.getDefaultMessage()));
        }));
        return problem(HttpStatus.BAD_REQUEST, "The request has invalid parameters.", errors, request);
    }

    /** Answered from the declared length, before the body is read: the limit is the container's multipart limit. */
    @Override
    protected ResponseEntity<Object> handleMaxUploadSizeExceededException(MaxUploadSizeExceededException e,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        MultipartConfigElement config = multipartConfig.getIfAvailable();
        long limit = config != null && config.getMaxFileSize() > 0 ? config.getMaxFileSize() : e.getMaxUploadSize();
        String detail = limit > 0
                ? "The upload is larger than the limit of %d MB.".formatted(limit / (1024 * 1024))
                : "The upload is larger than this server accepts.";
        return problem(HttpStatus.CONTENT_TOO_LARGE, detail, null, request);
    }

    @Override
    protected ResponseEntity<Object> handleTypeMismatch(TypeMismatchException e, HttpHeaders headers,
            HttpStatusCode status, WebRequest request) {
        String name = Problems.excerpt(
                e instanceof MethodArgumentTypeMismatchException mismatch ? mismatch.getName() : e.getPropertyName());
        String expected = e.getRequiredType() == null ? "a valid value" : describe(e.getRequiredType());
        return problem(HttpStatus.BAD_REQUEST, "'%s' must be %s.".formatted(name, expected),
                List.of(fieldError(name, "must be " + expected)), request);
    }

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException e,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof JsonBodyTooLargeException tooLarge) {
                return problem(HttpStatus.CONTENT_TOO_LARGE, tooLarge.getMessage(), null, request);
            }
        }
        Throwable cause = e.getMostSpecificCause();
        if (cause instanceof UnrecognizedPropertyException unknown) {
            String field = Problems.excerpt(unknown.getPropertyName());
            return problem(HttpStatus.BAD_REQUEST, "Unknown field '%s'.".formatted(field),
                    List.of(fieldError(field, "is not a field of this request")), request);
        }
        if (cause instanceof InvalidFormatException invalid) {
            String field = path(invalid);
            return problem(HttpStatus.BAD_REQUEST, "'%s' has an invalid value.".formatted(field),
                    List.of(fieldError(field, "must be " + describe(invalid.getTargetType()))), request);
        }
        if (cause instanceof MismatchedInputException mismatched && !mismatched.getPath().isEmpty()) {
            String field = path(mismatched);
            return problem(HttpStatus.BAD_REQUEST, "'%s' has the wrong type.".formatted(field),
                    List.of(fieldError(field, "must be " + describe(mismatched.getTargetType()))), request);
        }
        if (cause instanceof StreamReadException || cause instanceof JacksonException) {
            return problem(HttpStatus.BAD_REQUEST, "The request body is not valid JSON.", null, request);
        }
        return problem(HttpStatus.BAD_REQUEST, "The request body is missing or cannot be read.", null, request);
    }

    @Override
    protected ResponseEntity<Object> handleExceptionInternal(Exception e, Object body, HttpHeaders headers,
            HttpStatusCode status, WebRequest request) {
        ResponseEntity<Object> response = super.handleExceptionInternal(e, body, headers, status, request);
        if (response != null && response.getBody() instanceof ProblemDetail problem) {
            Problems.decorate(problem);
        }
        return response;
    }

    private ResponseEntity<Object> problem(HttpStatusCode status, String detail, List<Map<String, String>> errors,
            WebRequest request) {
        ProblemDetail problem = Problems.problem(status, detail);
        if (errors != null) {
            problem.setProperty("errors", errors);
        }
        return handleExceptionInternal(new IllegalStateException(detail), problem, new HttpHeaders(), status, request);
    }

    /**
     * Bean Validation names Java properties ({@code accountIds}, {@code items[0].assetId}); clients sent, and must
     * read back, the JSON names ({@code account_ids}, {@code items[0].asset_id}).
     */
    static String jsonName(String javaPath) {
        return javaPath == null ? null : CAMEL_HUMP.matcher(javaPath).replaceAll("$1_$2").toLowerCase(Locale.ROOT);
    }

    private static final Pattern CAMEL_HUMP = Pattern.compile("([a-z0-9])([A-Z])");

    private static Map<String, String> fieldError(String field, String message) {
        return Map.of("field", field, "message", message == null ? "is invalid" : message);
    }

    private static String lastNode(String propertyPath) {
        int dot = propertyPath.lastIndexOf('.');
        return dot < 0 ? propertyPath : propertyPath.substring(dot + 1);
    }

    private static String path(DatabindException e) {
        return Problems.excerpt(e.getPath().stream()
                .map(ref -> ref.getPropertyName() != null ? ref.getPropertyName() : "[" + ref.getIndex() + "]")
                .collect(Collectors.joining("."))
                .replace(".[", "["));
    }

    private static String describe(Class<?> type) {
        if (type == null) {
            return "a valid value";
        }
        if (type.isEnum()) {
            return "one of " + java.util.Arrays.stream(type.getEnumConstants())
                    .map(c -> c.toString().toLowerCase()).collect(Collectors.joining(", "));
        }
        return switch (type.getSimpleName()) {
            case "UUID" -> "a UUID";
            case "Integer", "int", "Long", "long" -> "a whole number";
            case "Boolean", "boolean" -> "true or false";
            case "String" -> "a string";
            case "Map" -> "a JSON object";
            case "List", "Set" -> "a JSON array";
            case "Instant", "OffsetDateTime" -> "an ISO-8601 date-time with offset";
            default -> "a valid " + type.getSimpleName();
        };
    }
}
