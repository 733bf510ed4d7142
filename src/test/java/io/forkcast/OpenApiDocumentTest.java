package io.forkcast;

import io.forkcast.support.EmbeddedApiTest;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code docs/openapi.json} is the API's contract as committed: the build generates the test client from it
 * ({@code ApiClientFlowTest}). This test fails when the live document ({@code /v3/api-docs}) differs from it;
 * {@code mvn test -Dtest=OpenApiDocumentTest -Dforkcast.openapi.write=true} rewrites it. It also holds the document
 * to what the wire really carries.
 */
class OpenApiDocumentTest extends EmbeddedApiTest {

    @org.springframework.beans.factory.annotation.Autowired
    @org.springframework.beans.factory.annotation.Qualifier("requestMappingHandlerMapping")
    org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping handlers;

    static final Path COMMITTED = Path.of("docs/openapi.json");
    static final String WRITE = "forkcast.openapi.write";
    private static final JsonMapper JSON = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();
    private static final Pattern WIRE_NAME = Pattern.compile("[a-z][a-z0-9]*(_[a-z0-9]+)*");

    @Test
    void committedDocumentIsTheLiveOne() throws IOException {
        String live = JSON.writeValueAsString(JSON.readTree(api().getText("/v3/api-docs"))) + "\n";
        if (Boolean.getBoolean(WRITE)) {
            Files.writeString(COMMITTED, live, StandardCharsets.UTF_8);
        }
        // Compared as JSON, not as text: a copy saved from a running instance's /v3/api-docs is as good.
        assertThat(JSON.readTree(Files.readString(COMMITTED, StandardCharsets.UTF_8)))
                .as("%s is out of date: run mvn test -Dtest=OpenApiDocumentTest -D%s=true and commit it",
                        COMMITTED, WRITE)
                .isEqualTo(JSON.readTree(live));
    }

    /**
     * The document names a schema by the simple name of its class: two controllers' {@code CreateRequest} records
     * would become one schema, and one of the two requests would be described wrongly.
     */
    @Test
    void noTwoBodiesOfTheApiShareASchemaName() {
        java.util.Map<String, java.util.Set<String>> classesByName = new java.util.TreeMap<>();
        handlers.getHandlerMethods().forEach((mapping, method) -> {
            if (!method.getBeanType().getPackageName().startsWith("io.forkcast")
                    || method.getBeanType().getPackageName().contains(".sandbox")) {
                return;
            }
            java.util.List<Class<?>> types = new ArrayList<>();
            types.add(method.getMethod().getReturnType());
            for (org.springframework.core.MethodParameter parameter : method.getMethodParameters()) {
                types.add(parameter.getParameterType());
            }
            for (Class<?> type : types) {
                if (type.getName().startsWith("io.forkcast") && (type.isRecord() || type.getEnclosingClass() != null)) {
                    classesByName.computeIfAbsent(type.getSimpleName(), n -> new java.util.TreeSet<>())
                            .add(type.getName());
                }
            }
        });
        assertThat(classesByName).allSatisfy((name, classes) -> assertThat(classes).as(name).hasSize(1));
    }

    @Test
    void everyPropertyIsNamedAsOnTheWire() {
        JsonNode schemas = document().path("components").path("schemas");
        List<String> javaNames = new ArrayList<>();
        for (String schema : schemas.propertyNames()) {
            for (String property : schemas.path(schema).path("properties").propertyNames()) {
                if (!WIRE_NAME.matcher(property).matches()) {
                    javaNames.add(schema + "." + property);
                }
            }
        }
        assertThat(javaNames).isEmpty();
    }

    @Test
    void operationIdsReadAsWhatTheyDo() {
        JsonNode paths = document().path("paths");
        List<String> ids = new ArrayList<>();
        paths.propertyNames().forEach(path -> paths.path(path).propertyNames()
                .forEach(method -> ids.add(paths.path(path).path(method).path("operationId").asString())));
        // springdoc makes clashing ids unique with a "_1" suffix: a generated client would get list_1, get_2 ...
        assertThat(ids).doesNotHaveDuplicates().allMatch(id -> id.matches("[a-z]+[A-Z][A-Za-z]*"));
    }

    @Test
    void internalsAreNotInTheDocument() {
        assertThat(document().path("paths").propertyNames())
                .isNotEmpty()
                .allMatch(path -> path.startsWith("/api/v1/") || path.startsWith("/media/"));
    }

    @Test
    void everyErrorResponseIsTheOneProblemSchema() {
        JsonNode paths = document().path("paths");
        List<String> operations = new ArrayList<>();
        for (String path : paths.propertyNames()) {
            for (String method : paths.path(path).propertyNames()) {
                JsonNode responses = paths.path(path).path(method).path("responses");
                operations.add(method + " " + path);
                assertThat(responses.propertyNames()).as("%s %s", method, path).anyMatch(code -> code.startsWith("2"));
                for (String code : responses.propertyNames()) {
                    if (code.startsWith("4") || code.startsWith("5")) {
                        assertThat(responses.path(code).path("content").propertyNames()).as("%s %s %s", method, path, code)
                                .containsExactly("application/problem+json");
                        assertThat(responses.path(code).path("content").path("application/problem+json")
                                .path("schema").path("$ref").asString()).isEqualTo("#/components/schemas/Problem");
                    }
                }
            }
        }
        assertThat(operations).hasSizeGreaterThan(40);
    }

    /**
     * What any request can meet whatever its operation: an address the container cannot read (400), headers over
     * its limit (431), the database away (503 with Retry-After, as DatabaseOutageIT answers it).
     */
    @Test
    void everyOperationDocumentsTheRefusalsAnyRequestCanMeet() {
        JsonNode paths = document().path("paths");
        for (String path : paths.propertyNames()) {
            for (String method : paths.path(path).propertyNames()) {
                JsonNode responses = paths.path(path).path(method).path("responses");
                assertThat(responses.propertyNames()).as("%s %s", method, path).contains("400", "431", "503");
                assertThat(responses.path("503").path("headers").path("Retry-After").path("schema").path("type")
                        .asString()).as("%s %s", method, path).isEqualTo("integer");
            }
        }
    }

    private JsonNode document() {
        return JSON.readTree(api().getText("/v3/api-docs"));
    }
}
