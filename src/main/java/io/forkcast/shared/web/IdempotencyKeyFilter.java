package io.forkcast.shared.web;

import io.forkcast.shared.Problems;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.ContentCachingResponseWrapper;

import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Exactly-once creation for every {@code POST} under a tenant's path that carries an {@code Idempotency-Key}: the
 * key is claimed, the request handled and its response remembered in one transaction (the handler's own
 * transaction joins it), so a repeat of the same request (same path, same body bytes) answers the first response
 * byte for byte and changes nothing, and another request with the key is refused with 422. A response that is not
 * a success is not remembered: its work and the claim are rolled back, and the key may be used again.
 *
 * <p>Not for the answers that carry a secret shown once (a new API key, an invitation link): keeping such an answer
 * to replay it would keep the secret in the database for a day. Those paths ignore the header ({@link #covers}, which
 * the API document follows too), and a response marked {@code Cache-Control: no-store} is never remembered.
 *
 * <p>Runs after the security filters, so the tenant's access was checked and the transaction is in its scope.
 */
@Component
@Order(Ordered.LOWEST_PRECEDENCE - 100)
class IdempotencyKeyFilter extends OncePerRequestFilter {

    static final String HEADER = "Idempotency-Key";
    private static final Pattern TENANT_PATH = Pattern.compile("^/api/v1/tenants/([0-9a-fA-F-]{36})/.+");
    /** What follows the tenant in a path whose answer carries a secret shown once. */
    private static final Pattern ONE_TIME_SECRETS = Pattern.compile("^/api/v1/tenants/[^/]+/(api-keys|users/[^/]+/"
            + "invitation)/?$");
    private static final int MAX_KEY_LENGTH = 255;

    private final IdempotencyKeys keys;
    private final TransactionTemplate tx;
    private final Problems problems;

    IdempotencyKeyFilter(IdempotencyKeys keys, PlatformTransactionManager transactions, Problems problems) {
        this.keys = keys;
        this.tx = new TransactionTemplate(transactions);
        this.problems = problems;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        // Only a JSON body (bounded by forkcast.http.max-json-body-size) or none is held in memory to be hashed and
        // replayed. A multipart body is parsed by the container from its own stream, which a replayed body cannot
        // feed; a file sent as the body itself (an upload, hundreds of MB for a video) must stream.
        String contentType = request.getContentType();
        return !"POST".equals(request.getMethod()) || request.getHeader(HEADER) == null
                || !covers(request.getMethod(), request.getRequestURI())
                || (contentType != null && !RequestGuardFilter.isJson(contentType));
    }

    /** Whether a request (or, for the API document, a path template) takes an {@code Idempotency-Key}. */
    static boolean covers(String method, String path) {
        return "POST".equals(method) && path.startsWith("/api/v1/tenants/") && path.split("/").length > 5
                && !ONE_TIME_SECRETS.matcher(path).matches();
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String key = request.getHeader(HEADER);
        if (key.isBlank() || key.length() > MAX_KEY_LENGTH) {
            problems.write(request, response, Problems.problem(HttpStatus.BAD_REQUEST, "The Idempotency-Key must "
                    + "have 1 to " + MAX_KEY_LENGTH + " characters."));
            return;
        }
        Matcher path = TENANT_PATH.matcher(request.getRequestURI());
        UUID tenantId;
        try {
            tenantId = path.matches() ? UUID.fromString(path.group(1)) : null;
        } catch (IllegalArgumentException e) {
            tenantId = null;
        }
        UUID scoped = tenantId;
        if (tenantId == null || !Boolean.TRUE.equals(tx.execute(status -> keys.tenantExists(scoped)))) {
            chain.doFilter(request, response);
            return;
        }
        byte[] body;
        try {
            body = request.getInputStream().readAllBytes();
        } catch (JsonBodyTooLargeException tooLarge) {
            // A chunked body passed the limit while being read here, before any handler could answer it.
            problems.write(request, response, Problems.problem(HttpStatus.CONTENT_TOO_LARGE, tooLarge.getMessage()));
            return;
        }
        String hash = hash(request, body);
        BufferedRequest replayable = new BufferedRequest(request, body);
        ContentCachingResponseWrapper captured = new ContentCachingResponseWrapper(response);
        UUID tenant = tenantId;
        Answer answer = tx.execute(status -> {
            var used = keys.claim(tenant, key, hash);
            if (used.isPresent()) {
                status.setRollbackOnly();
                return answerFor(used.get(), hash);
            }
            try {
                chain.doFilter(replayable, captured);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (ServletException e) {
                throw new IllegalStateException(e);
            }
            boolean success = captured.getStatus() >= 200 && captured.getStatus() < 300;
            String cacheControl = captured.getHeader("Cache-Control");
            if (!success) {
                status.setRollbackOnly();
            } else if (cacheControl != null && cacheControl.contains("no-store")) {
                keys.release(tenant, key);
            } else {
                keys.remember(tenant, key, captured.getStatus(), captured.getContentType(),
                        captured.getContentAsByteArray());
            }
            return null;
        });
        if (answer == null) {
            captured.copyBodyToResponse();
        } else if (answer.problem() != null) {
            problems.write(request, response, Problems.problem(answer.problem(), answer.detail()));
        } else {
            response.setStatus(answer.used().status());
            if (answer.used().contentType() != null) {
                response.setContentType(answer.used().contentType());
            }
            response.setContentLength(answer.used().body() == null ? 0 : answer.used().body().length);
            if (answer.used().body() != null) {
                response.getOutputStream().write(answer.used().body());
            }
        }
    }

    /** What a request with a used key gets: a refusal, or the first response. */
    private record Answer(HttpStatus problem, String detail, IdempotencyKeys.Used used) {
    }

    private static Answer answerFor(IdempotencyKeys.Used used, String hash) {
        if (!used.requestHash().equals(hash)) {
            return new Answer(HttpStatus.UNPROCESSABLE_CONTENT, "This Idempotency-Key was used with another "
                    + "request; use a new key for a new request.", null);
        }
        if (used.status() == null) {
            return new Answer(HttpStatus.CONFLICT, "A request with this Idempotency-Key is still being handled; "
                    + "retry in a moment.", null);
        }
        return new Answer(null, null, used);
    }

    private static String hash(HttpServletRequest request, byte[] body) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update((request.getMethod() + " " + request.getRequestURI() + "?" + request.getQueryString() + "\n")
                    .getBytes(StandardCharsets.UTF_8));
            digest.update(body);
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The request with its body read once and served again to the handler. */
    private static final class BufferedRequest extends HttpServletRequestWrapper {

        private final byte[] body;

        BufferedRequest(HttpServletRequest request, byte[] body) {
            super(request);
            this.body = body;
        }

        @Override
        public ServletInputStream getInputStream() {
            ByteArrayInputStream in = new ByteArrayInputStream(body);
            return new ServletInputStream() {
                @Override
                public boolean isFinished() {
                    return in.available() == 0;
                }

                @Override
                public boolean isReady() {
                    return true;
                }

                @Override
                public void setReadListener(ReadListener listener) {
                    throw new UnsupportedOperationException("Blocking reads only");
                }

                @Override
                public int read() {
                    return in.read();
                }

                @Override
                public int read(byte[] b, int off, int len) {
                    return in.read(b, off, len);
                }
            };
        }

        @Override
        public BufferedReader getReader() {
            return new BufferedReader(new InputStreamReader(getInputStream(), StandardCharsets.UTF_8));
        }
    }
}
