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
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Set;

/**
 * Refuses, before anything else reads them, requests that no handler can answer well: an unknown method (405), a
 * query string with a broken percent-escape or bytes that are not UTF-8 (400, where the container's own parser
 * would throw from deep inside a handler), and a JSON body over {@code forkcast.http.max-json-body-size} (413, from
 * its declared length; a chunked body is counted as it streams and stops being read at the limit).
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 2)
class RequestGuardFilter extends OncePerRequestFilter {

    static final Set<String> METHODS = Set.of("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS");
    static final String ALLOWED = "GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS";

    private final Problems problems;
    private final long maxJsonBody;

    RequestGuardFilter(Problems problems, HttpLimitsProperties limits) {
        this.problems = problems;
        this.maxJsonBody = limits.maxJsonBodySize().toBytes();
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (!METHODS.contains(request.getMethod())) {
            response.setHeader(HttpHeaders.ALLOW, ALLOWED);
            refuse(request, response, HttpStatus.METHOD_NOT_ALLOWED,
                    "The method '%s' is not supported; use one of %s.".formatted(Problems.excerpt(request.getMethod()),
                            ALLOWED));
            return;
        }
        if (!wellFormedQuery(request.getQueryString())) {
            refuse(request, response, HttpStatus.BAD_REQUEST,
                    "The query string has a malformed percent-escape or is not UTF-8.");
            return;
        }
        if (isJson(request.getContentType())) {
            if (request.getContentLengthLong() > maxJsonBody) {
                refuse(request, response, HttpStatus.CONTENT_TOO_LARGE, JsonBodyTooLargeException.detail(maxJsonBody));
                return;
            }
            chain.doFilter(new BoundedBodyRequest(request, maxJsonBody), response);
            return;
        }
        chain.doFilter(request, response);
    }

    private void refuse(HttpServletRequest request, HttpServletResponse response, HttpStatus status, String detail)
            throws IOException {
        ProblemDetail problem = Problems.problem(status, detail);
        problems.write(request, response, problem);
    }

    static boolean isJson(String contentType) {
        String type = mediaType(contentType);
        return type.equals("application/json") || type.endsWith("+json");
    }

    private static String mediaType(String contentType) {
        if (contentType == null) {
            return "";
        }
        int parameters = contentType.indexOf(';');
        return (parameters < 0 ? contentType : contentType.substring(0, parameters)).strip().toLowerCase(Locale.ROOT);
    }


    /**
     * Decodes the raw query string the way the container will: every {@code %} followed by two hexadecimal digits,
     * and the bytes UTF-8.
     */
    static boolean wellFormedQuery(String query) {
        if (query == null || query.isEmpty()) {
            return true;
        }
        ByteBuffer bytes = ByteBuffer.allocate(query.length() * 3);
        for (int i = 0; i < query.length(); i++) {
            char c = query.charAt(i);
            if (c == '%') {
                if (i + 2 >= query.length() || !HexFormat.isHexDigit(query.charAt(i + 1))
                        || !HexFormat.isHexDigit(query.charAt(i + 2))) {
                    return false;
                }
                bytes.put((byte) HexFormat.fromHexDigits(query, i + 1, i + 3));
                i += 2;
            } else {
                bytes.put(String.valueOf(c).getBytes(StandardCharsets.UTF_8));
            }
        }
        try {
            CharBuffer ignored = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(bytes.flip());
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }

    /** A JSON body that stops being read, with {@link JsonBodyTooLargeException}, once it passes the limit. */
    private static final class BoundedBodyRequest extends HttpServletRequestWrapper {

        private final long limit;
        private ServletInputStream body;

        BoundedBodyRequest(HttpServletRequest request, long limit) {
            super(request);
            this.limit = limit;
        }

        @Override
        public ServletInputStream getInputStream() throws IOException {
            if (body == null) {
                body = new CountingInputStream(super.getInputStream(), limit);
            }
            return body;
        }
    }

    private static final class CountingInputStream extends ServletInputStream {

        private final ServletInputStream delegate;
        private final long limit;
        private long count;

        CountingInputStream(ServletInputStream delegate, long limit) {
            this.delegate = delegate;
            this.limit = limit;
        }

        @Override
        public int read() throws IOException {
            int b = delegate.read();
            if (b >= 0) {
                counted(1);
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int read = delegate.read(buffer, offset, length);
            if (read > 0) {
                counted(read);
            }
            return read;
        }

        private void counted(int read) throws JsonBodyTooLargeException {
            count += read;
            if (count > limit) {
                throw new JsonBodyTooLargeException(limit);
            }
        }

        @Override
        public boolean isFinished() {
            return delegate.isFinished();
        }

        @Override
        public boolean isReady() {
            return delegate.isReady();
        }

        @Override
        public void setReadListener(ReadListener listener) {
            delegate.setReadListener(listener);
        }

        @Override
        public int available() throws IOException {
            return delegate.available();
        }

        @Override
        public void close() throws IOException {
            delegate.close();
        }
    }
}
