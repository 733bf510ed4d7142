package io.forkcast;

import io.forkcast.assets.TestImages;
import io.forkcast.support.ApiClient;
import io.forkcast.support.Browser;
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
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
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
        "forkcast.tenancy.plans.enterprise.api-calls-per-hour=1000000"})
class ApiFuzzTest extends SandboxedApiTest {

    static final long DEFAULT_SEED = 20261201L;
    static final int DEFAULT_REQUESTS = 2400;

    /**
     * Classes of input this test does not send yet, because their handling belongs to the runtime hardening
     * (container level and Jackson strictness) being built beside this test. Remove each line, and the guard that
     * names it, once that work has landed.
     */
    static final List<String> RUNTIME_HARDENING_EXCLUSIONS = List.of(
            "BAD_ESCAPES: no malformed %-escapes in a path or query (every generated value is URL-encoded)",
            "ENCODED_SLASHES: no %2F, '/' or dot segment ('..') as a path id",
            "OVERSIZE_HEADERS: no header over a few hundred bytes",
            "JSON_BODY_SIZE: no body over a few kilobytes",
            "SCALAR_COERCION: a JSON number is never sent for a string field (accepted today, refused later)",
            "DATABASE_TIMEOUTS: the database stays up");

    /** Tables that change without any request, or are not the API's data. */
    private static final Set<String> UNHASHED_TABLES = Set.of("flyway_schema_history", "scheduled_tasks",
            "spring_session", "spring_session_attributes");
    /** The last use of a key is recorded on authentication, whatever the request then meets. */
    private static final Set<String> UNHASHED_COLUMNS = Set.of("last_used_at");
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    /** ENCODED_SLASHES: none holds a '/' or is a dot segment. */
    private static final List<String> MALFORMED_IDS = List.of("not-a-uuid", "12345", "00000000-0000-0000-0000",
            "zzzzzzzz-zzzz-zzzz-zzzz-zzzzzzzzzzzz", "null", "-1", "%20", "\u00e9t\u00e9", "'; drop table x;--");
    private static final List<String> PATTERN_SAMPLES = List.of("EUR", "en", "pt-BR", "vegan", "gluten-free",
            "#pizza", "pizza", "USD", "#FFAA00");

    @Autowired
    JdbcTemplate jdbc;

    @TempDir
    Path temporary;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
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
            statuses.merge(sent.response().statusCode(), 1, Integer::sum);
            byOperation.computeIfAbsent(operation.method() + " " + operation.path(), k -> new java.util.TreeSet<>())
                    .add(sent.response().statusCode());
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
        HttpResponse<byte[]> response = sent.response();
        int status = response.statusCode();
        List<String> failures = new ArrayList<>();
        String what = "#%d %s %s %s (auth %s, body %s) -> %d %s".formatted(index, operation.method(), sent.url(),
                operation.path(), sent.auth(), abbreviate(sent.body()), status,
                abbreviate(new String(response.body(), StandardCharsets.UTF_8)));
        if (status >= 500) {
            failures.add("5xx: " + what);
        }
        if (status >= 400 && status < 500) {
            String contentType = response.headers().firstValue("Content-Type").orElse("");
            if (!contentType.startsWith("application/problem+json")) {
                failures.add("not a problem: " + contentType + " " + what);
            }
            if (response.headers().firstValue("X-Request-Id").isEmpty()) {
                failures.add("no X-Request-Id: " + what);
            }
            if (!before.equals(after)) {
                failures.add("a refused request changed the data: " + what);
            }
            failures.addAll(problemShape(response, what));
        }
        if (!operation.statuses().contains(Integer.toString(status))) {
            failures.add("status not in the document " + operation.statuses() + ": " + what);
        }
        return failures;
    }

    /** The body is the document's Problem: no member it does not name, none it requires missing. */
    private List<String> problemShape(HttpResponse<byte[]> response, String what) {
        JsonNode problem = problemSchema;
        JsonNode body;
        try {
            body = JSON.readTree(response.body());
        } catch (RuntimeException unreadable) {
            return List.of("problem body is not JSON: " + what);
        }
        List<String> failures = new ArrayList<>();
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

    record Sent(String url, String auth, String body, HttpResponse<byte[]> response) {
    }

    private Sent send(JsonNode document, Operation operation) {
        String path = operation.path();
        StringJoiner query = new StringJoiner("&");
        Map<String, String> headers = new LinkedHashMap<>();
        for (JsonNode parameter : operation.spec().path("parameters")) {
            String name = parameter.path("name").asString();
            JsonNode schema = resolve(document, parameter.path("schema"));
            switch (parameter.path("in").asString()) {
                case "path" -> path = path.replace("{" + name + "}", encode(pathValue(operation, name)));
                case "query" -> {
                    if (parameter.path("required").asBoolean(false) || random.nextInt(3) == 0) {
                        for (String value : queryValues(name, schema)) {
                            query.add(encode(name) + "=" + encode(value));
                        }
                    }
                }
                case "header" -> {
                    if (random.nextBoolean()) {
                        // OVERSIZE_HEADERS: short values only.
                        headers.put(name, random.nextInt(5) == 0 ? "" : "key-" + random.nextInt(1000));
                    }
                }
                default -> throw new IllegalStateException("parameter in " + parameter.path("in"));
            }
        }
        String url = baseUrl() + path + (query.length() == 0 ? "" : "?" + query);
        if (operation.path().startsWith("/media/") && random.nextInt(3) == 0) {
            url = fixtures.mediaLink();  // a real signed link: the only way past the signature
        }
        String[] auth = auth(operation);
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30))
                .header("Accept", operation.path().startsWith("/media/") ? "*/*"
                        : "application/json, application/problem+json");
        if (auth[1] != null) {
            request.header("Authorization", auth[1]);
        }
        headers.forEach(request::header);
        JsonNode content = operation.spec().path("requestBody").path("content");
        String bodyText = null;
        if (content.has("application/json")) {
            Body body = jsonBody(document, resolve(document, content.path("application/json").path("schema")));
            bodyText = body.text();
            request.header("Content-Type", body.contentType())
                    .method(operation.method(), HttpRequest.BodyPublishers.ofString(body.text()));
        } else if (content.has("multipart/form-data")) {
            Multipart multipart = multipart(document, resolve(document, content.path("multipart/form-data")
                    .path("schema")));
            bodyText = multipart.summary();
            request.header("Content-Type", "multipart/form-data; boundary=" + multipart.boundary())
                    .method(operation.method(), HttpRequest.BodyPublishers.ofByteArray(multipart.bytes()));
        } else {
            request.method(operation.method(), HttpRequest.BodyPublishers.noBody());
        }
        try {
            return new Sent(url, auth[0], bodyText, http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray()));
        } catch (IOException e) {
            throw new UncheckedIOException("fuzz request " + operation.method() + " " + url, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
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

    record Body(String text, String contentType) {
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
        if (roll >= 45 && body instanceof ObjectNode object) {
            mutate(document, object, schema);
        }
        return new Body(body.toString(), "application/json");
    }

    /** One way of getting a valid body wrong. */
    private void mutate(JsonNode document, ObjectNode body, JsonNode schema) {
        List<String> properties = new ArrayList<>(schema.path("properties").propertyNames());
        if (properties.isEmpty()) {
            body.put("unexpected_field", "x");
            return;
        }
        String name = pick(properties);
        JsonNode property = resolve(document, schema.path("properties").path(name));
        switch (random.nextInt(7)) {
            case 0 -> schema.path("required").forEach(required -> body.remove(required.asString()));
            case 1 -> body.put(pick(List.of("unexpected_field", "tenantId", "accountIds", "id")), "x");
            case 2 -> body.set(name, NODES.nullNode());
            case 3 -> body.set(name, wrongType(property));
            case 4 -> body.set(name, outOfRange(document, name, property));
            case 5 -> body.set(name, NODES.objectNode().put("nested", true));
            default -> body.set(name, NODES.arrayNode().add("x").add(NODES.nullNode()));
        }
    }

    private JsonNode wrongType(JsonNode schema) {
        // SCALAR_COERCION: never a number where a string is expected.
        return switch (type(schema)) {
            case "string" -> pick(List.of(NODES.booleanNode(true), NODES.arrayNode(), NODES.objectNode()));
            case "integer", "number" -> pick(List.of(NODES.stringNode("twelve"), NODES.booleanNode(false),
                    NODES.numberNode(1.5e300), NODES.stringNode("")));
            case "boolean" -> pick(List.of(NODES.stringNode("yes"), NODES.numberNode(2)));
            case "array" -> pick(List.of(NODES.stringNode("x"), NODES.objectNode()));
            default -> NODES.stringNode("x");
        };
    }

    private JsonNode outOfRange(JsonNode document, String name, JsonNode schema) {
        return switch (type(schema)) {
            case "string" -> {
                if (schema.has("maxLength")) {
                    // JSON_BODY_SIZE: one over the limit, but never more than a few kilobytes.
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

    /** BAD_ESCAPES: every generated value goes through here, so every '%' on the wire starts a valid escape. */
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
