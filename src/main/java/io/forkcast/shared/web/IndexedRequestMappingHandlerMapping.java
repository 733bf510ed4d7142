package io.forkcast.shared.web;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerMapping;
import org.springframework.web.servlet.mvc.condition.PathPatternsRequestCondition;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Spring MVC's handler lookup with an index of the path patterns in front of it.
 *
 * <p>For a path that no mapping names literally ({@code /api/v1/tenants/0f3c...}), Spring tries every mapping of
 * the application in turn, each through its method, header and media-type conditions before its path; with some
 * three hundred mappings that was a third of the API's CPU per request in a profile of {@code bench/api.sh}. Here
 * the patterns are kept in a tree of their literal segments, so a lookup tries only the mappings whose pattern can
 * match the path, with Spring's own matching. When exactly one of them matches it is the handler, as Spring would
 * have found it; in every other case (no match, and so a 404, 405 or 415 to work out; several matches to rank; a
 * path with percent-escapes, matrix variables, an empty segment or a trailing slash) the lookup is Spring's own.
 */
class IndexedRequestMappingHandlerMapping extends RequestMappingHandlerMapping {

    private volatile PatternIndex index;
    private final AtomicLong changes = new AtomicLong();

    @Override
    protected HandlerMethod lookupHandlerMethod(String lookupPath, HttpServletRequest request)
            throws Exception {
        List<Candidate> candidates = index().candidates(lookupPath);
        if (candidates == null) {
            return super.lookupHandlerMethod(lookupPath, request);
        }
        RequestMappingInfo matched = null;
        HandlerMethod handler = null;
        for (Candidate candidate : candidates) {
            RequestMappingInfo match = getMatchingMapping(candidate.mapping(), request);
            if (match != null) {
                if (matched != null) {
                    return super.lookupHandlerMethod(lookupPath, request);
                }
                matched = match;
                handler = candidate.handler();
            }
        }
        if (matched == null) {
            return super.lookupHandlerMethod(lookupPath, request);
        }
        request.setAttribute(HandlerMapping.BEST_MATCHING_HANDLER_ATTRIBUTE, handler);
        handleMatch(matched, lookupPath, request);
        return handler;
    }

    @Override
    protected void registerHandlerMethod(Object handler, Method method, RequestMappingInfo mapping) {
        super.registerHandlerMethod(handler, method, mapping);
        mappingsChanged();
    }

    @Override
    public void registerMapping(RequestMappingInfo mapping, Object handler, Method method) {
        super.registerMapping(mapping, handler, method);
        mappingsChanged();
    }

    @Override
    public void unregisterMapping(RequestMappingInfo mapping) {
        super.unregisterMapping(mapping);
        mappingsChanged();
    }

    private void mappingsChanged() {
        changes.incrementAndGet();
        index = null;
    }

    /** The index of the mappings registered now, built on first use after a change. */
    private PatternIndex index() {
        PatternIndex current = index;
        if (current != null) {
            return current;
        }
        long seen = changes.get();
        PatternIndex built = PatternIndex.of(getHandlerMethods(), getPatternParser());
        // A mapping registered while this one was built makes it stale: used for this lookup only.
        if (changes.get() == seen) {
            index = built;
        }
        return built;
    }

    record Candidate(RequestMappingInfo mapping, HandlerMethod handler) {
    }

    /**
     * Mappings by the segments of their path patterns: a literal segment leads to a child of that name, a plain
     * variable ({@code {id}}) to the one child that takes any segment; anything else (a regular expression, a
     * wildcard, a pattern not starting with {@code /}) keeps the mapping at the node reached so far, as a candidate
     * for every path below it. The index only narrows the mappings down: each candidate is still matched by Spring.
     */
    static final class PatternIndex {

        /** Used when the index cannot tell (Ant-style path matching, or a parser that ignores case). */
        private static final PatternIndex NONE = new PatternIndex(null, Set.of());

        private final Node root;
        private final Set<String> directPaths;

        private PatternIndex(Node root, Set<String> directPaths) {
            this.root = root;
            this.directPaths = directPaths;
        }

        static PatternIndex of(Map<RequestMappingInfo, HandlerMethod> mappings, PathPatternParser parser) {
            if (parser == null || !parser.isCaseSensitive()) {
                return NONE;
            }
            Node root = new Node();
            Set<String> directPaths = new HashSet<>();
            for (Map.Entry<RequestMappingInfo, HandlerMethod> entry : mappings.entrySet()) {
                PathPatternsRequestCondition paths = entry.getKey().getPathPatternsCondition();
                if (paths == null) {
                    return NONE;
                }
                directPaths.addAll(paths.getDirectPaths());
                Candidate candidate = new Candidate(entry.getKey(), entry.getValue());
                for (PathPattern pattern : paths.getPatterns()) {
                    root.add(pattern.getPatternString(), candidate);
                }
            }
            return new PatternIndex(root, Set.copyOf(directPaths));
        }

        /**
         * The mappings whose patterns may match the path, each once; {@code null} when Spring's own lookup should
         * decide (a path some mapping names literally, which Spring finds directly, or one this index does not read
         * the way Spring does).
         */
        List<Candidate> candidates(String path) {
            if (root == null || !plain(path) || directPaths.contains(path)) {
                return null;
            }
            String[] segments = path.substring(1).split("/", -1);
            List<Candidate> found = new ArrayList<>(4);
            root.collect(segments, 0, found);
            if (found.size() > 1) {
                IdentityHashMap<Candidate, Boolean> seen = new IdentityHashMap<>();
                found.removeIf(candidate -> seen.put(candidate, Boolean.TRUE) != null);
            }
            return found;
        }

        /**
         * A path whose segments are what the patterns are matched against: no percent-escapes to decode, no matrix
         * variables to strip, no empty segment or trailing slash, which pattern options may treat differently.
         */
        private static boolean plain(String path) {
            if (path.length() < 2 || path.charAt(0) != '/' || path.charAt(path.length() - 1) == '/') {
                return false;
            }
            for (int i = 1; i < path.length(); i++) {
                char c = path.charAt(i);
                if (c == '%' || c == ';' || (c == '/' && path.charAt(i - 1) == '/')) {
                    return false;
                }
            }
            return true;
        }
    }

    private static final class Node {

        private final Map<String, Node> literals = new HashMap<>();
        private Node variable;
        /** Mappings whose pattern ends here. */
        private final List<Candidate> ending = new ArrayList<>(1);
        /** Mappings whose pattern goes on in a way the index does not follow: candidates for any path from here. */
        private final List<Candidate> below = new ArrayList<>(1);

        void add(String pattern, Candidate candidate) {
            if (!pattern.startsWith("/")) {
                below.add(candidate);
                return;
            }
            Node node = this;
            for (String segment : pattern.substring(1).split("/", -1)) {
                if (isVariable(segment)) {
                    if (node.variable == null) {
                        node.variable = new Node();
                    }
                    node = node.variable;
                } else if (isLiteral(segment)) {
                    node = node.literals.computeIfAbsent(segment, s -> new Node());
                } else {
                    node.below.add(candidate);
                    return;
                }
            }
            node.ending.add(candidate);
        }

        void collect(String[] segments, int next, List<Candidate> found) {
            found.addAll(below);
            if (next == segments.length) {
                found.addAll(ending);
                return;
            }
            Node literal = literals.get(segments[next]);
            if (literal != null) {
                literal.collect(segments, next + 1, found);
            }
            if (variable != null) {
                variable.collect(segments, next + 1, found);
            }
        }

        /** {@code {name}}: one whole segment, any text. */
        private static boolean isVariable(String segment) {
            return segment.length() > 2 && segment.charAt(0) == '{' && segment.charAt(segment.length() - 1) == '}'
                    && segment.charAt(1) != '*' && segment.indexOf(':') < 0 && segment.indexOf('{', 1) < 0;
        }

        /** Text matched as it is: nothing Spring's pattern syntax gives a meaning to, nothing to decode. */
        private static boolean isLiteral(String segment) {
            for (int i = 0; i < segment.length(); i++) {
                char c = segment.charAt(i);
                if (c == '{' || c == '}' || c == '*' || c == '?' || c == '%' || c == ';' || c == '\\') {
                    return false;
                }
            }
            return true;
        }
    }
}
