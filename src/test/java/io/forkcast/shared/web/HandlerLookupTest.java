package io.forkcast.shared.web;

import io.forkcast.support.EmbeddedApiTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.ApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.context.support.StaticWebApplicationContext;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerExecutionChain;
import org.springframework.web.servlet.HandlerMapping;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import org.springframework.web.util.ServletRequestPathUtils;
import org.springframework.web.util.pattern.PathPattern;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The indexed handler lookup finds, for every request, what Spring MVC's own lookup finds (the same handler method,
 * the same path variables, the same refusal), while trying only the mappings whose patterns fit the path.
 */
class HandlerLookupTest extends EmbeddedApiTest {

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping applicationMapping;

    @Autowired
    ApplicationContext applicationContext;

    @Test
    void everyRouteOfTheApplicationResolvesAsSpringResolvesIt() throws Exception {
        assertThat(applicationMapping).isInstanceOf(IndexedRequestMappingHandlerMapping.class);
        // Both set up as the application's (content negotiation, path parser, prefixes), one without the index.
        RequestMappingHandlerMapping spring = configuredLikeTheApplication(new RequestMappingHandlerMapping());
        RequestMappingHandlerMapping indexed = configuredLikeTheApplication(new IndexedRequestMappingHandlerMapping());

        List<String[]> requests = new ArrayList<>();
        for (RequestMappingInfo info : applicationMapping.getHandlerMethods().keySet()) {
            Set<RequestMethod> methods = info.getMethodsCondition().getMethods();
            for (PathPattern pattern : Objects.requireNonNull(info.getPathPatternsCondition()).getPatterns()) {
                String path = concretePath(pattern.getPatternString());
                for (RequestMethod method : methods.isEmpty() ? Set.of(RequestMethod.GET) : methods) {
                    requests.add(new String[] {method.name(), path});
                }
                // A method the mapping may not take, and a path one segment longer: refusals must agree too.
                requests.add(new String[] {"PATCH", path});
                requests.add(new String[] {"GET", path + "/extra"});
            }
        }
        assertThat(requests).hasSizeGreaterThan(200);
        for (String[] request : requests) {
            assertSameOutcome(spring, indexed, request[0], request[1], r -> { });
        }
    }

    private RequestMappingHandlerMapping configuredLikeTheApplication(RequestMappingHandlerMapping mapping) {
        mapping.setContentNegotiationManager(applicationMapping.getContentNegotiationManager());
        mapping.setPatternParser(Objects.requireNonNull(applicationMapping.getPatternParser()));
        mapping.setPathPrefixes(applicationMapping.getPathPrefixes());
        mapping.setEmbeddedValueResolver(((ConfigurableApplicationContext) applicationContext).getBeanFactory()
                ::resolveEmbeddedValue);
        mapping.setApplicationContext(applicationContext);
        mapping.afterPropertiesSet();
        return mapping;
    }

    @Test
    void unusualRequestsResolveAsSpringResolvesThem() throws Exception {
        RequestMappingHandlerMapping spring = mappingOf(new RequestMappingHandlerMapping());
        RequestMappingHandlerMapping indexed = mappingOf(new IndexedRequestMappingHandlerMapping());

        for (String path : List.of("/things", "/things/new", "/things/42", "/things/42/parts/7", "/things/42/parts",
                "/things/abc/parts/7", "/numbers/12", "/numbers/twelve", "/files/a/b/c.txt", "/files",
                "/docs/x/y", "/things/42/", "/things//42", "/things/4%32", "/things/42;v=1", "/Things/42", "/",
                "/nowhere", "/things/42/parts/7/extra", "/params/1", "/media/1")) {
            for (String method : List.of("GET", "HEAD", "POST", "DELETE", "PUT", "OPTIONS")) {
                assertSameOutcome(spring, indexed, method, path, r -> { });
            }
        }
        assertSameOutcome(spring, indexed, "GET", "/params/1", r -> r.setParameter("mode", "full"));
        assertSameOutcome(spring, indexed, "POST", "/media/1", r -> r.setContentType(MediaType.APPLICATION_JSON_VALUE));
        assertSameOutcome(spring, indexed, "POST", "/media/1", r -> r.setContentType(MediaType.TEXT_PLAIN_VALUE));
        assertSameOutcome(spring, indexed, "OPTIONS", "/things/42", r -> {
            r.addHeader("Origin", "https://example.com");
            r.addHeader("Access-Control-Request-Method", "DELETE");
        });
    }

    @Test
    void aLookupTriesOnlyTheMappingsWhosePatternsFitThePath() {
        RequestMappingHandlerMapping indexed = mappingOf(new IndexedRequestMappingHandlerMapping());
        var index = IndexedRequestMappingHandlerMapping.PatternIndex.of(indexed.getHandlerMethods(),
                indexed.getPatternParser());

        assertThat(index.candidates("/things/42")).extracting(c -> c.handler().getMethod().getName())
                .containsExactlyInAnyOrder("thing", "deleteThing", "docs");
        assertThat(index.candidates("/things/42/parts/7")).extracting(c -> c.handler().getMethod().getName())
                .containsExactlyInAnyOrder("part", "docs");
        // Paths the index does not read the way Spring does, and those a mapping names literally, go to Spring.
        assertThat(index.candidates("/things/new")).isNull();
        assertThat(index.candidates("/things/4%32")).isNull();
        assertThat(index.candidates("/things/42/")).isNull();
    }

    private static RequestMappingHandlerMapping mappingOf(RequestMappingHandlerMapping mapping) {
        StaticWebApplicationContext context = new StaticWebApplicationContext();
        context.registerSingleton("routes", Routes.class);
        context.refresh();
        mapping.setApplicationContext(context);
        mapping.afterPropertiesSet();
        return mapping;
    }

    private static void assertSameOutcome(RequestMappingHandlerMapping spring, RequestMappingHandlerMapping indexed,
            String method, String path, Consumer<MockHttpServletRequest> customizer) {
        String expected = outcome(spring, method, path, customizer);
        String actual = outcome(indexed, method, path, customizer);
        assertThat(actual).as("%s %s", method, path).isEqualTo(expected);
    }

    /** The handler method and the path variables found, or the exception that refused the request. */
    private static String outcome(RequestMappingHandlerMapping mapping, String method, String path,
            Consumer<MockHttpServletRequest> customizer) {
        MockHttpServletRequest request = new MockHttpServletRequest(method, path);
        customizer.accept(request);
        ServletRequestPathUtils.parseAndCache(request);
        try {
            HandlerExecutionChain chain = mapping.getHandler(request);
            if (chain == null) {
                return "no handler";
            }
            Object handler = chain.getHandler();
            String name = handler instanceof HandlerMethod handlerMethod ? handlerMethod.getMethod().toString()
                    : handler.getClass().getName();
            return name + " " + request.getAttribute(HandlerMapping.URI_TEMPLATE_VARIABLES_ATTRIBUTE)
                    + " " + request.getAttribute(HandlerMapping.BEST_MATCHING_PATTERN_ATTRIBUTE);
        } catch (Exception e) {
            return e.getClass().getName() + ": " + e.getMessage();
        }
    }

    /** A path the pattern matches: each variable a word, each wildcard two segments. */
    private static String concretePath(String pattern) {
        return pattern.replaceAll("\\{\\*[^}]+}", "a/b")
                .replaceAll("\\{[^}:]+:[^}]*}", "1")
                .replaceAll("\\{[^}]+}", "v1")
                .replace("**", "a/b")
                .replace("*", "a");
    }

    @Controller
    static class Routes {

        @GetMapping("/things")
        void things() {
        }

        @GetMapping("/things/new")
        void newThing() {
        }

        @GetMapping("/things/{id}")
        void thing() {
        }

        @DeleteMapping("/things/{id}")
        void deleteThing() {
        }

        @GetMapping("/things/{id}/parts/{part}")
        void part() {
        }

        @GetMapping("/numbers/{n:\\d+}")
        void number() {
        }

        @GetMapping("/files/**")
        void files() {
        }

        @GetMapping("/{*rest}")
        void docs() {
        }

        @GetMapping(path = "/params/{id}", params = "mode=full")
        void fullParams() {
        }

        @GetMapping(path = "/params/{id}", params = "!mode")
        void plainParams() {
        }

        @PostMapping(path = "/media/{id}", consumes = MediaType.APPLICATION_JSON_VALUE)
        void jsonMedia() {
        }

        @PostMapping(path = "/media/{id}", consumes = MediaType.TEXT_PLAIN_VALUE)
        void textMedia() {
        }
    }
}
