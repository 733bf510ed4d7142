package io.forkcast;

import io.forkcast.assets.TestImages;
import io.forkcast.support.ApiClient;
import io.forkcast.support.Browser;
import io.forkcast.support.RawHttp;
import io.forkcast.support.SandboxedApiTest;
import io.forkcast.client.ApiException;
import io.forkcast.client.api.AssetsApi;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.Set;
import java.util.StringJoiner;
import java.util.TreeMap;
import java.util.UUID;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Reads the live API document and sends generated requests (valid and broken bodies, parameters, ids and
 * credentials) to every operation, then holds each answer to the contract: no 5xx; every 4xx a problem
 * ({@code application/problem+json}) with an {@code X-Request-Id}; every status one the document lists for the
 * operation; and a refused request leaves every table as it was.
 *
 * <p>Reproducible: the seed is printed with every failure; {@code -Dforkcast.fuzz.seed=<n>} replays a run and
 * {@code -Dforkcast.fuzz.requests=<n>} sends more (or fewer).
 */
@TestPropertySource(properties = {
        // Jobs off: a background job writing while a refused request runs would look like that request writing.
        "forkcast.jobs.enabled=false",
        // Thousands of calls in a minute, on whichever plan a generated change moves the tenant to: above any real
        // allowance (429 stays covered by its own tests).
        "forkcast.tenancy.plans.basic.api-calls-per-hour=1000000",
        "forkcast.tenancy.plans.pro.api-calls-per-hour=1000000",
        "forkcast.tenancy.plans.enterprise.api-calls-per-hour=1000000",
        "forkcast.http.max-json-body-size=" + ApiFuzzTest.MAX_JSON_BODY + "B"})
class ApiFuzzTest extends SandboxedApiTest {

    static final long DEFAULT_SEED = 20261201L;
    static final int DEFAULT_REQUESTS = 2400;
    /** The JSON body limit of this test ({@code forkcast.http.max-json-body-size}): small, so that going over it is cheap. */
    static final int MAX_JSON_BODY = 16 * 1024;
    // The database stays up: its outages (503 with Retry-After, readiness DOWN) are proven against a real cut
    // connection by DatabaseOutageIT, which a fuzz run interleaved with outages would only make slow and flaky.

    /** Tables that change without any request, or are not the API's data. */
    private static final Set<String> UNHASHED_TABLES = Set.of("flyway_schema_history", "scheduled_tasks",
            "spring_session", "spring_session_attributes");
    /** The last use of a key is recorded on authentication, whatever the request then meets. */
    private static final Set<String> UNHASHED_COLUMNS = Set.of("last_used_at");
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    /** Ids that are not ids; URL-encoded on the wire like any generated value. */
    private static final List<String> MALFORMED_IDS = List.of("not-a-uuid", "12345", "00000000-0000-0000-0000",
            "zzzzzzzz-zzzz-zzzz-zzzz-zzzzzzzzzzzz", "null", "-1", "%20", "\u00e9t\u00e9", "'; drop table x;--");
    /** Sent as they are, unencoded: the container or the firewall refuses each before the application sees it. */
    private static final List<String> UNREADABLE_PATH_IDS = List.of("%", "%zz", "%E2%28", "a%00b", "..%2F..%2Fetc",
            "a%2Fb", "%5C", "..", ".", "%2e%2e", "%2E", "a;b=c");
    private static final List<String> UNREADABLE_QUERIES = List.of("cursor=%%%garbage", "x=%", "name=%C3%28",
            "limit=%4", "q=%G0", "%=1");
    private static final Set<String> WRITE_METHODS = Set.of("POST", "PUT", "PATCH", "DELETE");
    private static final List<String> PATTERN_SAMPLES = List.of("EUR", "en", "pt-BR", "vegan", "gluten-free",
            "#pizza", "pizza", "USD", "#FFAA00");

    @Autowired
    JdbcTemplate jdbc;

    @TempDir
    Path temporary;

    private Random random;
    private Fixtures fixtures;
    private JsonNode problemSchema;

    @Test
    void generatedRequestsNeverFailTheContract() {
        long seed = Long.getLong("forkcast.fuzz.seed", DEFAULT_SEED);
        int requests = Integer.getInteger("forkcast.fuzz.requests", DEFAULT_REQUESTS);
        random = new Random(seed);
        fixtures = fixtures();
        JsonNode document = JSON.readTree(api().getText("/v3/api-docs"));
        problemSchema = document.path("components").path("schemas").path("Problem");
        List<Operation> operations = operations(document);
        assertThat(operations).hasSizeGreaterThan(40);

        List<String> failures = new ArrayList<>();
        Map<Integer, Integer> statuses = new TreeMap<>();
        Map<String, Set<Integer>> byOperation = new TreeMap<>();
        String before = tablesHash();
        for (int i = 0; i < requests && failures.size() < 15; i++) {
            // Every operation in turn, then at random: all are covered even by a short run.
            Operation operation = i < operations.size() * 10 ? operations.get(i % operations.size())
                    : operations.get(random.nextInt(operations.size()));
            Sent sent = send(document, operation);
            statuses.merge(sent.response().status(), 1, Integer::sum);
            byOperation.computeIfAbsent(operation.method() + " " + operation.path(), k -> new java.util.TreeSet<>())
                    .add(sent.response().status());
            String after = tablesHash();
            failures.addAll(check(i, operation, sent, before, after));
            before = after;
        }
        System.out.printf("API fuzz: seed %d, %d requests, statuses %s%n", seed, requests, statuses);
        byOperation.forEach((operation, seen) -> {
            if (seen.stream().noneMatch(status -> status < 300)) {
                System.out.printf("API fuzz: no request accepted by %s (%s)%n", operation, seen);
            }
        });
        assertThat(failures)
                .as("API fuzz failures (seed %d; replay with -Dforkcast.fuzz.seed=%d)", seed, seed)
                .isEmpty();
        assertThat(statuses.keySet()).as("the run reached both accepted and refused requests")
                .anyMatch(status -> status < 300).anyMatch(status -> status >= 400);
    }

    private List<String> check(int index, Operation operation, Sent sent, String before, String after) {
        RawHttp.Response response = sent.response();
        int status = response.status();
        List<String> failures = new ArrayList<>();
        String what = "#%d %s %s %s (auth %s, %s, body %s) -> %d %s".formatted(index, sent.method(), sent.target(),
                operation.path(), sent.auth(), sent.broken(), abbreviate(sent.body()), status,
                abbreviate(response.body()));
        if (status >= 500) {
            failures.add("5xx: " + what);
        }
        if (status >= 400 && status < 500) {
            String contentType = Objects.requireNonNullElse(response.header("Content-Type"), "");
            if (!contentType.startsWith("application/problem+json")) {
                failures.add("not a problem: " + contentType + " " + what);
            }
            if (response.header("X-Request-Id") == null) {
                failures.add("no X-Request-Id: " + what);
            }
            if (!before.equals(after)) {
                failures.add("a refused request changed the data: " + what);
            }
            failures.addAll(problemShape(response, sent, operation, what));
        }
        if (sent.broken().expectedStatus() != 0 && status != sent.broken().expectedStatus()) {
            failures.add("expected " + sent.broken().expectedStatus() + ": " + what);
        }
        if (sent.broken() == Broken.OVERSIZE_CHUNKED_BODY && status < 400) {
            failures.add("a body over the limit was accepted: " + what);
        }
        if (sent.broken() == Broken.UNKNOWN_METHOD) {
            if (response.header("Allow") == null) {
                failures.add("405 without Allow: " + what);
            }
        } else if (!operation.statuses().contains(Integer.toString(status))) {
            failures.add("status not in the document " + operation.statuses() + ": " + what);
        }
        return failures;
    }

    /**
     * The body is the document's Problem: no member it does not name, none it requires missing; its request id the
     * header's, its instance the path asked for (not {@code /error}); a 400 for a scalar of the wrong type names the
     * field.
     */
    private List<String> problemShape(RawHttp.Response response, Sent sent, Operation operation, String what) {
        JsonNode problem = problemSchema;
        JsonNode body;
        try {
            body = JSON.readTree(response.body());
        } catch (RuntimeException unreadable) {
            return List.of("problem body is not JSON: " + what);
        }
        List<String> failures = new ArrayList<>();
        if (!body.path("request_id").asString("").equals(response.header("X-Request-Id"))) {
            failures.add("problem request_id is not the X-Request-Id: " + what);
        }
        String path = sent.target().contains("?") ? sent.target().substring(0, sent.target().indexOf('?'))
                : sent.target();
        if (body.has("instance") && !body.path("instance").asString().equals(path)) {
            failures.add("problem instance is not the path asked for: " + what);
        }
        // Only a 400 about fields: one about the address (a malformed id the firewall refuses) names none.
        if (sent.coercedField() != null && response.status() == 400 && body.has("errors")) {
            List<String> fields = body.path("errors").valueStream().map(e -> e.path("field").asString()).toList();
            boolean aParameter = fields.stream().anyMatch(operation.parameterNames()::contains);
            if (!aParameter && !fields.contains(sent.coercedField())) {
                failures.add("scalar of the wrong type for '" + sent.coercedField() + "' not named: " + what);
            }
        }
        for (String member : body.propertyNames()) {
            if (!problem.path("properties").has(member)) {
                failures.add("problem member '" + member + "' not in the Problem schema: " + what);
            }
        }
        for (String required : stringsOf(problem.path("required"))) {
            if (!body.has(required)) {
                failures.add("problem without its required '" + required + "': " + what);
            }
        }
        return failures;
    }

    // ---- the document ----

    record Operation(String method, String path, JsonNode spec, Set<String> statuses) {

        Set<String> parameterNames() {
            Set<String> names = new java.util.HashSet<>();
            spec.path("parameters").forEach(parameter -> names.add(parameter.path("name").asString()));
            return names;
        }
    }

    private static List<Operation> operations(JsonNode document) {
        List<Operation> operations = new ArrayList<>();
        for (String path : document.path("paths").propertyNames()) {
            JsonNode item = document.path("paths").path(path);
            for (String method : item.propertyNames()) {
                JsonNode spec = item.path(method);
                operations.add(new Operation(method.toUpperCase(), path, spec,
                        Set.copyOf(spec.path("responses").propertyNames())));
            }
        }
        return operations;
    }

    private static JsonNode resolve(JsonNode document, JsonNode schema) {
        JsonNode resolved = schema;
        while (resolved.has("$ref")) {
            String name = resolved.path("$ref").asString().substring("#/components/schemas/".length());
            resolved = document.path("components").path("schemas").path(name);
        }
        return resolved;
    }

    // ---- requests ----

    /** What a request got wrong on purpose beyond its values, and what the answer to it must then be. */
    enum Broken {
        NOTHING(0),
        /** A path id with a broken escape, an encoded slash or backslash, a dot segment: sent unencoded. */
        UNREADABLE_PATH(400),
        /** A query string with a broken escape or bytes that are not UTF-8. */
        UNREADABLE_QUERY(400),
        /** A header over {@code server.max-http-request-header-size}. */
        OVERSIZE_HEADER(431),
        /** A JSON body over the limit, with its length declared. */
        OVERSIZE_BODY(413),
        /**
         * A JSON body over the limit, chunked: refused with 413 as it streams past the limit, unless it is refused
         * for something else (401, 403, a bad id) before anything reads it. Never accepted.
         */
        OVERSIZE_CHUNKED_BODY(0),
        /** A method the API does not serve at all. */
        UNKNOWN_METHOD(405);

        private final int expectedStatus;

        Broken(int expectedStatus) {
            this.expectedStatus = expectedStatus;
        }

        int expectedStatus() {
            return expectedStatus;
        }
    }

    record Sent(String method, String target, String auth, Broken broken, String body, String coercedField,
            RawHttp.Response response) {
    }

    private Broken broken(Operation operation) {
        boolean hasPathIds = operation.path().contains("{");
        boolean hasJsonBody = operation.spec().path("requestBody").path("content").has("application/json");
        int roll = random.nextInt(100);
        if (roll < 3 && hasPathIds) {
            return Broken.UNREADABLE_PATH;
        }
        if (roll >= 3 && roll < 5) {
            return Broken.UNREADABLE_QUERY;
        }
        if (roll >= 5 && roll < 7) {
            return Broken.OVERSIZE_HEADER;
        }
        if (roll >= 7 && roll < 11 && hasJsonBody) {
            return random.nextBoolean() ? Broken.OVERSIZE_BODY : Broken.OVERSIZE_CHUNKED_BODY;
        }
        if (roll == 11) {
            return Broken.UNKNOWN_METHOD;
        }
        return Broken.NOTHING;
    }

    /**
     * On a socket, not through a client library: a library refuses to send a broken escape, an unknown method or
     * a body it is told is chunked.
     */
    private Sent send(JsonNode document, Operation operation) {
        Broken broken = broken(operation);
        String path = operation.path();
        StringJoiner query = new StringJoiner("&");
        Map<String, String> headers = new LinkedHashMap<>();
        for (JsonNode parameter : operation.spec().path("parameters")) {
            String name = parameter.path("name").asString();
            JsonNode schema = resolve(document, parameter.path("schema"));
            switch (parameter.path("in").asString()) {
                case "path" -> path = path.replace("{" + name + "}", broken == Broken.UNREADABLE_PATH
                        && path.indexOf('{') == path.indexOf("{" + name + "}")
                        ? pick(UNREADABLE_PATH_IDS) : encode(pathValue(operation, name)));
                case "query" -> {
                    if (parameter.path("required").asBoolean(false) || random.nextInt(3) == 0) {
                        for (String value : queryValues(name, schema)) {
                            query.add(encode(name) + "=" + encode(value));
                        }
                    }
                }
                case "header" -> {
                    if (random.nextBoolean()) {
                        headers.put(name, random.nextInt(5) == 0 ? "" : "key-" + random.nextInt(1000));
                    }
                }
                default -> throw new IllegalStateException("parameter in " + parameter.path("in"));
            }
        }
        if (broken == Broken.UNREADABLE_QUERY) {
            query.add(pick(UNREADABLE_QUERIES));
        }
        String target = path + (query.length() == 0 ? "" : "?" + query);
        if (operation.path().startsWith("/media/") && broken == Broken.NOTHING && random.nextInt(3) == 0) {
            URI link = URI.create(fixtures.mediaLink());  // a real signed link: the only way past the signature
            target = link.getRawPath() + "?" + link.getRawQuery();
        }
        if (broken == Broken.OVERSIZE_HEADER) {
            headers.put(pick(List.of("X-Padding", "Cookie", "Idempotency-Key")), "a".repeat(9_000 + random.nextInt(
                    20_000)));
        }
        String[] auth = auth(operation);
        headers.put("Accept", operation.path().startsWith("/media/") ? "*/*"
                : "application/json, application/problem+json");
        if (auth[1] != null) {
            headers.put("Authorization", auth[1]);
        }
        JsonNode content = operation.spec().path("requestBody").path("content");
        String bodyText = null;
        byte[] bytes = new byte[0];
        String coercedField = null;
        if (content.has("application/json")) {
            Body body = jsonBody(document, resolve(document, content.path("application/json").path("schema")));
            bodyText = body.text();
            coercedField = body.coercedField();
            if ((broken == Broken.OVERSIZE_BODY || broken == Broken.OVERSIZE_CHUNKED_BODY)
                    && !"application/json".equals(body.contentType())) {
                broken = Broken.NOTHING;  // the limit is on JSON bodies; other media types answer 415
            }
            if (broken == Broken.OVERSIZE_BODY || broken == Broken.OVERSIZE_CHUNKED_BODY) {
                // Over the limit by whitespace alone: the body would be read fine if it were let through.
                bodyText = " ".repeat(MAX_JSON_BODY + random.nextInt(MAX_JSON_BODY)) + bodyText;
            }
            headers.put("Content-Type", body.contentType());
            bytes = bodyText.getBytes(StandardCharsets.UTF_8);
        } else if (content.has("multipart/form-data")) {
            Multipart multipart = multipart(document, resolve(document, content.path("multipart/form-data")
                    .path("schema")));
            bodyText = multipart.summary();
            headers.put("Content-Type", "multipart/form-data; boundary=" + multipart.boundary());
            bytes = multipart.bytes();
        }
        String method = broken == Broken.UNKNOWN_METHOD ? pick(List.of("TRACE", "CONNECT", "FUZZ", "PROPFIND"))
                : operation.method();
        StringBuilder head = new StringBuilder(method + " " + target + " HTTP/1.1\r\nHost: 127.0.0.1:" + port);
        headers.forEach((name, value) -> head.append("\r\n").append(name).append(": ").append(value));
        String wire = new String(bytes, StandardCharsets.ISO_8859_1);
        if (broken == Broken.OVERSIZE_CHUNKED_BODY) {
            head.append("\r\nTransfer-Encoding: chunked");
            wire = chunked(wire);
        } else if (bytes.length > 0 || WRITE_METHODS.contains(method)) {
            head.append("\r\nContent-Length: ").append(bytes.length);
        }
        return new Sent(method, target, auth[0], broken, bodyText, coercedField,
                RawHttp.exchange(port, head.toString(), wire));
    }

    private static String chunked(String body) {
        StringBuilder chunks = new StringBuilder();
        for (int from = 0; from < body.length(); from += 4096) {
            String chunk = body.substring(from, Math.min(body.length(), from + 4096));
            chunks.append(Integer.toHexString(chunk.length())).append("\r\n").append(chunk).append("\r\n");
        }
        return chunks.append("0\r\n\r\n").toString();
    }

    /** Mostly the tenant's full key; sometimes the operator, nobody, a stranger, another tenant, a reader. */
    private String[] auth(Operation operation) {
        int roll = random.nextInt(100);
        if (roll < 70) {
            return new String[] {"tenant key", "Bearer " + fixtures.key()};
        }
        if (roll < 80) {
            return new String[] {"operator", "Bearer " + ApiClient.OPERATOR_TOKEN};
        }
        if (roll < 85) {
            return new String[] {"none", null};
        }
        if (roll < 89) {
            return new String[] {"unknown key", "Bearer fk_" + UUID.randomUUID()};
        }
        if (roll < 92) {
            return new String[] {"not bearer", "Basic dXNlcjpwYXNz"};
        }
        if (roll < 96) {
            return new String[] {"other tenant's key", "Bearer " + fixtures.otherKey()};
        }
        return new String[] {"read-only key", "Bearer " + fixtures.readOnlyKey()};
    }

    /** A path id: mostly a real one of this tenant; else another tenant's, an unknown one, or not an id at all. */
    private String pathValue(Operation operation, String name) {
        if ("variant".equals(name)) {
            return pick(List.of("original", "thumbnail", "instagram", "small", "ORIGINAL", ""));
        }
        boolean destructive = "DELETE".equals(operation.method());
        int roll = random.nextInt(100);
        List<String> own = fixtures.own().getOrDefault(name, List.of());
        List<String> foreign = fixtures.foreign().getOrDefault(name, List.of());
        // A delete aims at spare ids (all but the first of a kind): the first stays for the rest of the run (and the
        // tenant under test, the only one of its kind, is never deleted).
        if (destructive && operation.path().endsWith("{" + name + "}")) {
            own = own.size() > 1 ? own.subList(1, own.size()) : List.of();
        }
        if (roll < 70 && !own.isEmpty()) {
            return pick(own);
        }
        if (roll < 80 && !foreign.isEmpty()) {
            return pick(foreign);
        }
        if (roll < 90) {
            return UUID.randomUUID().toString();
        }
        return pick(MALFORMED_IDS);
    }

    private List<String> queryValues(String name, JsonNode schema) {
        if (random.nextInt(4) == 0) {
            return List.of(invalidScalar(schema));
        }
        if ("array".equals(type(schema))) {
            List<String> values = new ArrayList<>();
            for (int i = random.nextInt(3); i >= 0; i--) {
                values.add(scalarText(name, resolveItems(schema)));
            }
            return values;
        }
        if ("cursor".equals(name) && random.nextBoolean()) {
            return List.of(pick(List.of("AAAAAAAAAAAAAAAAAAAAAA", "nope", "", "Zm9v")));
        }
        return List.of(scalarText(name, schema));
    }

    private static JsonNode resolveItems(JsonNode schema) {
        return schema.path("items");
    }

    private String scalarText(String name, JsonNode schema) {
        JsonNode value = valid(null, name, schema, 0);
        return value.isString() ? value.asString() : value.toString();
    }

    private String invalidScalar(JsonNode schema) {
        return switch (type(schema)) {
            case "integer" -> pick(List.of("abc", "-1", "0", "1.5", "99999999999999999999", ""));
            case "boolean" -> pick(List.of("maybe", "2", ""));
            case "string" -> switch (schema.path("format").asString("")) {
                case "uuid" -> pick(MALFORMED_IDS);
                case "date-time" -> pick(List.of("yesterday", "2026-13-45T99:00:00Z", "1700000000", ""));
                default -> pick(List.of("", " ", "x".repeat(300), "<script>", "\u0000", "'--", "\u00e9\u00e8"));
            };
            default -> "\u2603";
        };
    }

    // ---- JSON bodies ----

    /** A body, and the field given a scalar of the wrong type if that is what is wrong with it. */
    record Body(String text, String contentType, String coercedField) {

        Body(String text, String contentType) {
            this(text, contentType, null);
        }
    }

    private Body jsonBody(JsonNode document, JsonNode schema) {
        int roll = random.nextInt(100);
        if (roll < 5) {
            return new Body(pick(List.of("{\"name\":", "{{", "", "nul", "{\"a\":1,}", "[")), "application/json");
        }
        if (roll < 9) {
            return new Body(pick(List.of("[]", "\"text\"", "42", "null", "true")), "application/json");
        }
        if (roll < 11) {
            return new Body("name=x", pick(List.of("text/plain", "application/x-www-form-urlencoded",
                    "application/xml")));
        }
        JsonNode body = valid(document, "", schema, 0);
        String coercedField = null;
        if (roll >= 45 && body instanceof ObjectNode object) {
            coercedField = mutate(document, object, schema);
        }
        return new Body(body.toString(), "application/json", coercedField);
    }

    /** One way of getting a valid body wrong; returns the field given a value of the wrong type, if that was it. */
    private String mutate(JsonNode document, ObjectNode body, JsonNode schema) {
        List<String> properties = new ArrayList<>(schema.path("properties").propertyNames());
        if (properties.isEmpty()) {
            body.put("unexpected_field", "x");
            return null;
        }
        String name = pick(properties);
        JsonNode property = resolve(document, schema.path("properties").path(name));
        switch (random.nextInt(7)) {
            case 0 -> schema.path("required").forEach(required -> body.remove(required.asString()));
            case 1 -> body.put(pick(List.of("unexpected_field", "tenantId", "accountIds", "id")), "x");
            case 2 -> body.set(name, NODES.nullNode());
            case 3 -> {
                body.set(name, wrongType(property));
                return name;
            }
            case 4 -> body.set(name, outOfRange(document, name, property));
            case 5 -> body.set(name, NODES.objectNode().put("nested", true));
            default -> body.set(name, NODES.arrayNode().add("x").add(NODES.nullNode()));
        }
        return null;
    }

    private JsonNode wrongType(JsonNode schema) {
        // Scalars are strict: a number that would read as the string "123456", a string that would read as a
        // number or a boolean, are refused like any other wrong type.
        return switch (type(schema)) {
            case "string" -> pick(List.of(NODES.numberNode(123456), NODES.numberNode(new java.math.BigDecimal("7.50")),
                    NODES.booleanNode(true), NODES.arrayNode(), NODES.objectNode()));
            case "integer", "number" -> pick(List.of(NODES.stringNode("twelve"), NODES.stringNode("12"),
                    NODES.stringNode("7.50"), NODES.booleanNode(false), NODES.numberNode(1.5e300),
                    NODES.stringNode("")));
            case "boolean" -> pick(List.of(NODES.stringNode("yes"), NODES.stringNode("true"), NODES.stringNode("0"),
                    NODES.numberNode(2), NODES.numberNode(1)));
            case "array" -> pick(List.of(NODES.stringNode("x"), NODES.objectNode()));
            default -> NODES.stringNode("x");
        };
    }

    private JsonNode outOfRange(JsonNode document, String name, JsonNode schema) {
        return switch (type(schema)) {
            case "string" -> {
                if (schema.has("maxLength")) {
                    // One over the field's limit, but never more than a few kilobytes (bodies over the limit are
                    // made apart, by Broken.OVERSIZE_BODY).
                    yield NODES.stringNode("y".repeat(Math.min(schema.path("maxLength").asInt() + 1, 3000)));
                }
                if (schema.has("enum")) {
                    yield NODES.stringNode("not-one-of-them");
                }
                yield NODES.stringNode(pick(List.of("", " ", "not valid at all", "\u0000", "2026-99-99")));
            }
            case "integer", "number" -> NODES.numberNode(pick(List.of(-1L, 0L, 1_000_000L, Long.MAX_VALUE)));
            case "array" -> {
                ArrayNode array = NODES.arrayNode();
                int size = schema.has("maxItems") ? Math.min(schema.path("maxItems").asInt() + 1, 30) : 25;
                for (int i = 0; i < size; i++) {
                    array.add(valid(document, name, resolve(document, schema.path("items")), 1));
                }
                yield array;
            }
            default -> NODES.nullNode();
        };
    }

    /** A value the schema accepts, ids taken from the fixtures by the property's name. */
    private JsonNode valid(JsonNode document, String name, JsonNode schema, int depth) {
        if (schema.has("enum")) {
            return NODES.stringNode(pick(stringsOf(schema.path("enum"))));
        }
        return switch (type(schema)) {
            case "object" -> {
                ObjectNode object = NODES.objectNode();
                Set<String> required = Set.copyOf(stringsOf(schema.path("required")));
                for (String property : schema.path("properties").propertyNames()) {
                    if (required.contains(property) || (depth < 2 && random.nextBoolean())) {
                        if (property.endsWith("_at")) {
                            continue;  // read-only members, ignored or refused when sent
                        }
                        object.set(property, valid(document, property,
                                resolve(document, schema.path("properties").path(property)), depth + 1));
                    }
                }
                if (schema.path("additionalProperties").isObject() && schema.path("properties").isEmpty()) {
                    object.put("source", "fuzz");
                }
                yield object;
            }
            case "array" -> {
                ArrayNode array = NODES.arrayNode();
                int min = schema.path("minItems").asInt(0);
                int max = Math.min(schema.path("maxItems").asInt(3), 3);
                int size = Math.max(min, random.nextInt(Math.max(max, min) + 1));
                JsonNode items = document == null ? schema.path("items") : resolve(document, schema.path("items"));
                for (int i = 0; i < size; i++) {
                    array.add(valid(document, singular(name), items, depth + 1));
                }
                yield array;
            }
            case "integer" -> NODES.numberNode(schema.path("minimum").asLong(1)
                    + random.nextInt((int) Math.max(1, Math.min(schema.path("maximum").asLong(50), 50)
                    - schema.path("minimum").asLong(1) + 1)));
            case "number" -> NODES.numberNode(new java.math.BigDecimal(random.nextInt(10000)).movePointLeft(2));
            case "boolean" -> NODES.booleanNode(random.nextBoolean());
            default -> NODES.stringNode(validString(name, schema));
        };
    }

    private String validString(String name, JsonNode schema) {
        switch (schema.path("format").asString("")) {
            case "uuid" -> {
                List<String> ids = fixtures.byProperty(name);
                return !ids.isEmpty() && random.nextInt(10) != 0 ? pick(ids) : UUID.randomUUID().toString();
            }
            case "date-time" -> {
                return Instant.now().plus(Duration.ofDays(1 + random.nextInt(20))).toString();
            }
            case "email" -> {
                return "fuzz" + random.nextInt(100000) + "@example.com";
            }
            case "uri" -> {
                return "https://example.com/" + random.nextInt(1000);
            }
            default -> {
            }
        }
        if ("scheduled_for".equals(name) || "from".equals(name) || "to".equals(name)) {
            return Instant.now().plus(Duration.ofDays(1 + random.nextInt(20))).toString();
        }
        if ("timezone".equals(name)) {
            return pick(List.of("Europe/Paris", "UTC", "America/New_York", "Mars/Olympus"));
        }
        if ("plan".equals(name)) {
            return pick(List.of("basic", "pro", "enterprise", "platinum"));
        }
        if (schema.has("pattern")) {
            Pattern pattern = Pattern.compile(schema.path("pattern").asString());
            List<String> matching = PATTERN_SAMPLES.stream().filter(s -> pattern.matcher(s).matches()).toList();
            if (!matching.isEmpty()) {
                return pick(matching);
            }
        }
        int min = schema.path("minLength").asInt(0);
        int max = Math.min(schema.path("maxLength").asInt(40), 40);
        int length = Math.max(Math.max(min, 1), random.nextInt(Math.max(max, 1) + 1));
        StringBuilder text = new StringBuilder(pick(List.of("Fuzz ", "Caf\u00e9 ", "Pizza ", "\u5bff\u53f8 ")));
        while (text.length() < length) {
            text.append((char) ('a' + random.nextInt(26)));
        }
        return text.substring(0, Math.min(text.length(), Math.max(max, min)));
    }

    // ---- multipart ----

    record Multipart(String boundary, byte[] bytes, String summary) {
    }

    private Multipart multipart(JsonNode document, JsonNode schema) {
        String boundary = "fuzz" + random.nextInt(1_000_000);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        StringJoiner summary = new StringJoiner(", ", "multipart[", "]");
        for (String field : schema.path("properties").propertyNames()) {
            JsonNode property = resolve(document, schema.path("properties").path(field));
            if ("binary".equals(property.path("format").asString())) {
                int roll = random.nextInt(10);
                if (roll == 0) {
                    summary.add("no file");
                    continue;
                }
                byte[] content = roll < 6 ? fixtures.jpeg() : roll < 8 ? "MZ not an image".getBytes(
                        StandardCharsets.UTF_8) : new byte[0];
                summary.add(field + "=" + content.length + " bytes");
                out.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + field
                        + "\"; filename=\"" + pick(List.of("dish.jpg", "x.exe", "", "caf\u00e9.png")) + "\"\r\n"
                        + "Content-Type: image/jpeg\r\n\r\n").getBytes(StandardCharsets.UTF_8));
                out.writeBytes(content);
                out.writeBytes("\r\n".getBytes(StandardCharsets.UTF_8));
            } else if (random.nextBoolean()) {
                List<String> values = random.nextInt(4) == 0 ? List.of(invalidScalar(property))
                        : queryValues(field, property);
                for (String value : values) {
                    summary.add(field + "=" + value);
                    out.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + field
                            + "\"\r\n\r\n" + value + "\r\n").getBytes(StandardCharsets.UTF_8));
                }
            }
        }
        out.writeBytes(("--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return new Multipart(boundary, out.toByteArray(), summary.toString());
    }

    // ---- what the requests work on ----

    /**
     * Ids to aim at, by path variable name: {@code own} of the tenant under test, {@code foreign} of another tenant.
     */
    record Fixtures(String tenant, String key, String readOnlyKey, String otherKey, Map<String, List<String>> own,
            Map<String, List<String>> foreign, byte[] jpeg, String mediaLink) {

        List<String> byProperty(String property) {
            return switch (property) {
                case "account_id", "account_ids" -> own.getOrDefault("accountId", List.of());
                case "asset_id", "asset_ids" -> own.getOrDefault("assetId", List.of());
                case "folder_id", "parent_id" -> own.getOrDefault("folderId", List.of());
                case "menu_item_id" -> own.getOrDefault("itemId", List.of());
                case "tenant_id" -> own.getOrDefault("tenantId", List.of());
                default -> List.of();
            };
        }
    }

    private Fixtures fixtures() {
        ApiClient api = api();
        String tenant = api.createTenant("Fuzz Bistro", "enterprise");
        String key = api.createKey(tenant, "read", "write", "admin");
        String readOnly = api.createKey(tenant, "read");
        String other = api.createTenant("Other Bistro", "basic");
        String otherKey = api.createKey(other, "read", "write", "admin");
        byte[] jpeg = TestImages.jpeg(64, 48, 1);

        Map<String, List<String>> own = new LinkedHashMap<>();
        own.put("tenantId", List.of(tenant));
        own.put("folderId", List.of(created(api.post(tenants(tenant) + "/folders", key, Map.of("name", "Dishes"))),
                created(api.post(tenants(tenant) + "/folders", key, Map.of("name", "Drinks")))));
        own.put("assetId", List.of(upload(tenant, key, jpeg), upload(tenant, key, TestImages.jpeg(64, 48, 2))));
        own.put("itemId", List.of(created(api.post(tenants(tenant) + "/menu-items", key,
                        Map.of("name", "Margherita", "asset_ids", own.get("assetId").subList(0, 1)))),
                created(api.post(tenants(tenant) + "/menu-items", key, Map.of("name", "Tiramisu")))));
        own.put("captionId", List.of(api.post(tenants(tenant) + "/captions", key,
                Map.of("menu_item_id", own.get("itemId").getFirst(), "platform", "instagram"))
                .body().path("variants").path(0).path("id").asString()));
        own.put("accountId", connect(api, tenant, key));
        JsonNode post = api.post(tenants(tenant) + "/posts", key, Map.of("targets", own.get("accountId").stream()
                        .map(account -> Map.of("account_id", account)).toList(),
                "asset_ids", own.get("assetId").subList(0, 1), "caption", "Fresh from the oven",
                "scheduled_for", Instant.now().plus(Duration.ofDays(2)).toString())).body();
        own.put("postId", List.of(post.path("id").asString()));
        own.put("deliveryId", post.path("deliveries").valueStream().map(d -> d.path("id").asString()).toList());
        own.put("userId", List.of(created(api.post(tenants(tenant) + "/users", key,
                        Map.of("email", "cook@fuzz.example", "role", "editor"))),
                created(api.post(tenants(tenant) + "/users", key, Map.of("email", "waiter@fuzz.example",
                        "role", "viewer")))));
        own.put("keyId", List.of(created(api.post(tenants(tenant) + "/api-keys", key, Map.of("name", "kept"))),
                created(api.post(tenants(tenant) + "/api-keys", key, Map.of("name", "spare")))));

        Map<String, List<String>> foreign = new LinkedHashMap<>();
        foreign.put("tenantId", List.of(other));
        foreign.put("folderId", List.of(created(api.post(tenants(other) + "/folders", otherKey,
                Map.of("name", "Theirs")))));
        foreign.put("itemId", List.of(created(api.post(tenants(other) + "/menu-items", otherKey,
                Map.of("name", "Their dish")))));
        foreign.put("assetId", List.of(upload(other, otherKey, jpeg)));
        foreign.put("keyId", List.of(created(api.post(tenants(other) + "/api-keys", otherKey,
                Map.of("name", "theirs")))));
        own.values().forEach(ids -> assertThat(ids).as("fixture ids").isNotEmpty().doesNotContainNull());
        String mediaLink = api.get(tenants(tenant) + "/assets/" + own.get("assetId").getFirst(), key).body()
                .path("urls").path("thumbnail").asString();
        return new Fixtures(tenant, key, readOnly, otherKey, own, foreign, jpeg, mediaLink);
    }

    private List<String> connect(ApiClient api, String tenant, String key) {
        ApiClient.Response link = api.get("/api/v1/oauth/facebook/authorize?tenant_id=" + tenant, key);
        Browser browser = new Browser();
        URI callback = browser.submitAndStop(browser.open(URI.create(link.text("authorization_url"))), "approve",
                Set.of("200000000000001"));
        ApiClient.Response connected = api.get(callback.getRawPath() + "?" + callback.getRawQuery(), null);
        assertThat(connected.status()).as(connected.raw().body()).isEqualTo(200);
        return connected.body().path("accounts").valueStream().map(account -> account.path("id").asString()).toList();
    }

    /** Through the client generated from the document: it writes multipart bodies as the document says. */
    private String upload(String tenant, String key, byte[] jpeg) {
        io.forkcast.client.ApiClient client = new io.forkcast.client.ApiClient();
        client.updateBaseUri(baseUrl());
        client.setRequestInterceptor(request -> request.header("Authorization", "Bearer " + key));
        try {
            Path file = Files.createTempFile(temporary, "dish", ".jpg");
            Files.write(file, jpeg);
            // An empty list, not null: the generated multipart code cannot leave a list field out.
            return new AssetsApi(client).uploadAsset(UUID.fromString(tenant), file.toFile(), null, null, null, null,
                    List.of()).getId().toString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (ApiException e) {
            throw new IllegalStateException("upload: " + e.getCode() + " " + e.getResponseBody(), e);
        }
    }

    private static String created(ApiClient.Response response) {
        assertThat(response.status()).as(response.raw().body()).isEqualTo(201);
        return response.text("id");
    }

    // ---- the data, before and after ----

    /**
     * A digest of every row of every table the API writes, read through the application's own pool, once the
     * listeners of earlier requests' events have finished (they run after their request answered: a disconnected
     * account's deliveries are held by one).
     */
    private String tablesHash() {
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(20)).until(() -> jdbc.queryForObject(
                "select count(*) from event_publication where completion_date is null", Integer.class) == 0);
        MessageDigest digest = sha256();
        List<String> tables = jdbc.queryForList("select table_name from information_schema.tables "
                + "where table_schema = 'public' and table_type = 'BASE TABLE' order by table_name", String.class);
        for (String table : tables) {
            if (UNHASHED_TABLES.contains(table)) {
                continue;
            }
            List<String> rows = new ArrayList<>();
            jdbc.query("select * from " + table, row -> {
                StringBuilder line = new StringBuilder();
                for (int column = 1; column <= row.getMetaData().getColumnCount(); column++) {
                    if (!UNHASHED_COLUMNS.contains(row.getMetaData().getColumnLabel(column).toLowerCase())) {
                        Object value = row.getObject(column);
                        line.append(value instanceof byte[] bytes ? HexFormat.of().formatHex(bytes) : value)
                                .append('|');
                    }
                }
                rows.add(line.toString());
            });
            rows.sort(null);
            digest.update((table + ":" + String.join("\n", rows)).getBytes(StandardCharsets.UTF_8));
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    // ---- small things ----

    private String baseUrl() {
        return "http://127.0.0.1:" + port;
    }

    private static String tenants(String tenant) {
        return "/api/v1/tenants/" + tenant;
    }

    private static String type(JsonNode schema) {
        JsonNode type = schema.path("type");
        if (type.isArray()) {
            for (JsonNode candidate : type) {
                if (!"null".equals(candidate.asString())) {
                    return candidate.asString();
                }
            }
        }
        if (type.isString()) {
            return type.asString();
        }
        return schema.has("properties") ? "object" : "string";
    }

    private static List<String> stringsOf(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(value -> values.add(value.asString()));
        return values;
    }

    private static String singular(String name) {
        return name.endsWith("_ids") ? name.substring(0, name.length() - 1) : name;
    }

    /** Every generated value goes through here; the unreadable paths and queries are sent apart, as they are. */
    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static String abbreviate(String text) {
        if (text == null) {
            return "-";
        }
        return text.length() <= 300 ? text : text.substring(0, 300) + "...";
    }

    private <T> T pick(List<T> values) {
        return values.get(random.nextInt(values.size()));
    }
}
