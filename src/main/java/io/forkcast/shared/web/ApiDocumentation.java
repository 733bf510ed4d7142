package io.forkcast.shared.web;

import io.swagger.v3.core.jackson.ModelResolver;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.headers.Header;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.parameters.Parameter;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import io.swagger.v3.oas.models.servers.Server;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springdoc.core.customizers.OperationCustomizer;
import org.springdoc.core.providers.ObjectMapperProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.util.StringUtils;
import org.springframework.web.method.HandlerMethod;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.PropertyNamingStrategy;
import tools.jackson.databind.json.JsonMapper;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;

import java.lang.annotation.Annotation;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The API document ({@code /v3/api-docs}) says what the code does, in one place:
 * <ul>
 * <li>property names are the ones on the wire: springdoc resolves models with its own Jackson 2 mapper, which is
 * given the naming strategy of the Jackson 3 mapper that reads and writes the API's JSON;</li>
 * <li>every operation declares who may call it (the bearer schemes, from the security rules) and the problems it can
 * answer, all in the one {@value #PROBLEM} schema that {@link ApiExceptionHandler} and the filters write;</li>
 * <li>operation ids read as what the operation does ({@code createFolder}, {@code listPosts}), for generated
 * clients.</li>
 * </ul>
 * Which paths are in it (the API and the media links, not the sandbox, the dashboard or {@code /error}) is set by
 * {@code springdoc.paths-to-match}.
 */
@Configuration(proxyBeanMethods = false)
class ApiDocumentation {

    static final String PROBLEM = "Problem";
    static final String API_KEY = "apiKey";
    static final String OPERATOR_TOKEN = "operatorToken";
    private static final String PROBLEM_JSON = org.springframework.http.MediaType.APPLICATION_PROBLEM_JSON_VALUE;
    private static final Set<String> WRITE_METHODS = Set.of("POST", "PUT", "PATCH", "DELETE");
    private static final String DATABASE_AWAY_RESPONSE = DatabaseOutageFilter.DATABASE_AWAY
            + " `Retry-After` says when.";

    @Bean
    OpenAPI forkcastApi() {
        return new OpenAPI()
                .info(new Info().title("Forkcast API").version("v1").description("""
                        Social media for restaurants: connect Facebook Pages and Instagram accounts, keep a brand \
                        library, write captions, schedule posts. JSON in snake_case; unknown fields are refused. \
                        Every error is an RFC 9457 problem (application/problem+json) with a request_id to quote; a method a path \
                        does not serve answers 405 with `Allow`."""))
                // Relative: the document is served by the instance it describes, whatever its address.
                .servers(List.of(new Server().url("/")))
                .components(new Components()
                        .addSecuritySchemes(API_KEY, new SecurityScheme().type(SecurityScheme.Type.HTTP)
                                .scheme("bearer").description("A tenant's API key (Authorization: Bearer fk_...), "
                                        + "created with POST /api/v1/tenants/{tenant_id}/api-keys; its calls count "
                                        + "against the tenant's plan."))
                        .addSecuritySchemes(OPERATOR_TOKEN, new SecurityScheme().type(SecurityScheme.Type.HTTP)
                                .scheme("bearer").description("The platform operator's admin token "
                                        + "(forkcast.tenancy.admin-token); may call everything, never rate-limited.")));
    }

    /**
     * Springdoc's model resolution with the wire names: the API's own mapper decides them. A naming strategy that
     * is not one of Jackson's standard ones cannot be carried over, and the start fails rather than document
     * Java names.
     */
    @Bean
    ModelResolver wireNamedModelResolver(ObjectMapperProvider springdocMappers, JsonMapper apiMapper) {
        PropertyNamingStrategy naming = apiMapper.serializationConfig().getPropertyNamingStrategy();
        com.fasterxml.jackson.databind.ObjectMapper mapper = springdocMappers.jsonMapper().copy();
        if (naming != null) {
            if (!(naming instanceof PropertyNamingStrategies.NamingBase standard)) {
                throw new IllegalStateException("The API's JSON naming strategy " + naming.getClass().getName()
                        + " cannot be described in the API document");
            }
            mapper.setPropertyNamingStrategy(new com.fasterxml.jackson.databind.PropertyNamingStrategies.NamingBase() {
                @Override
                public String translate(String name) {
                    return standard.nameForField(null, null, name);
                }
            });
        }
        return new BeanValidationModelResolver(mapper).openapi31(springdocMappers.isOpenapi31());
    }

    /**
     * Swagger's reading of Bean Validation, two facts righter: {@code @NotEmpty} and {@code @NotBlank} beside a
     * {@code @Size} without a minimum mean at least one item or character (swagger lets the size's 0 win), and a
     * {@code @Size} without a maximum sets none (not 2147483647).
     */
    static final class BeanValidationModelResolver extends ModelResolver {

        BeanValidationModelResolver(com.fasterxml.jackson.databind.ObjectMapper mapper) {
            super(mapper);
        }

        @Override
        protected boolean applyBeanValidatorAnnotations(Schema property, Annotation[] annotations, Schema parent,
                boolean applyNotNullAnnotations) {
            boolean applied = super.applyBeanValidatorAnnotations(property, annotations, parent,
                    applyNotNullAnnotations);
            if (property != null && annotations != null) {
                boolean notEmpty = Arrays.stream(annotations)
                        .anyMatch(a -> a instanceof NotEmpty || a instanceof NotBlank);
                if (notEmpty && is(property, "array")) {
                    property.setMinItems(Math.max(1, property.getMinItems() == null ? 0 : property.getMinItems()));
                }
                if (notEmpty && is(property, "string")) {
                    property.setMinLength(Math.max(1, property.getMinLength() == null ? 0 : property.getMinLength()));
                }
                if (Integer.valueOf(Integer.MAX_VALUE).equals(property.getMaxItems())) {
                    property.setMaxItems(null);
                }
                if (Integer.valueOf(Integer.MAX_VALUE).equals(property.getMaxLength())) {
                    property.setMaxLength(null);
                }
            }
            return applied;
        }

        private static boolean is(Schema<?> schema, String type) {
            return type.equals(schema.getType()) || (schema.getTypes() != null && schema.getTypes().contains(type));
        }
    }

    /**
     * {@code listPosts}, {@code createFolder}, {@code getTenant}: the handler's verb and the resource its controller
     * serves. A handler whose name already says more ({@code getFolderTree}) keeps it.
     */
    @Bean
    OperationCustomizer readableOperationIds() {
        return (Operation operation, HandlerMethod handler) -> {
            String verb = handler.getMethod().getName();
            if (verb.chars().anyMatch(Character::isUpperCase)) {
                operation.setOperationId(verb);
                return operation;
            }
            String resource = handler.getBeanType().getSimpleName().replaceFirst("Controller$", "");
            operation.setOperationId(verb + resource + ("list".equals(verb) ? "s" : ""));
            return operation;
        };
    }

    @Bean
    OpenApiCustomizer problemsAndAccess(ApiAccess.Rules access) {
        return api -> {
            api.getComponents().getSchemas().remove("ProblemDetail");
            api.getComponents().addSchemas(PROBLEM, problemSchema());
            api.getPaths().forEach((path, item) -> item.readOperationsMap()
                    .forEach((method, operation) -> document(path, method, operation, access)));
            refuseUnknownMembers(api);
        };
    }

    private static void document(String path, PathItem.HttpMethod method, Operation operation, ApiAccess.Rules rules) {
        ApiAccess access = rules.accessTo(method.name(), path);
        operation.setSecurity(switch (access) {
            case PUBLIC -> List.of();
            case OPERATOR -> List.of(new SecurityRequirement().addList(OPERATOR_TOKEN));
            case TENANT_OR_OPERATOR -> List.of(new SecurityRequirement().addList(API_KEY),
                    new SecurityRequirement().addList(OPERATOR_TOKEN));
        });
        if (IdempotencyKeyFilter.covers(method.name(), path) && readsJsonOrNothing(operation)) {
            operation.addParametersItem(new Parameter().in("header").name(IdempotencyKeyFilter.HEADER).required(false)
                    .description("Makes the request safe to repeat: the same key with the same request answers the "
                            + "first response again, byte for byte, for a day, and changes nothing; the key with "
                            + "another request is refused with 422.")
                    .schema(typed("string", null).minLength(1).maxLength(255)));
        }
        List<Parameter> parameters = operation.getParameters() == null ? List.of() : operation.getParameters();
        boolean hasBody = operation.getRequestBody() != null;
        Map<HttpStatus, String> problems = new LinkedHashMap<>();
        // Any request can be unreadable as sent: a broken escape in its address or an encoded slash in it.
        problems.put(HttpStatus.BAD_REQUEST, hasBody || !parameters.isEmpty()
                ? "A parameter or a field of the body is invalid (`errors` names each field), or the address cannot "
                        + "be read as sent (a broken escape, an encoded slash, a dot segment)."
                : "The address cannot be read as sent (a broken escape, an encoded slash, a dot segment).");
        // A token sent is checked wherever it is sent, also where none is needed.
        problems.put(HttpStatus.UNAUTHORIZED, access == ApiAccess.PUBLIC
                ? "An Authorization header was sent (none is needed) and its token is unknown or revoked."
                : "No bearer token, or one that is unknown or revoked.");
        if (access != ApiAccess.PUBLIC) {
            problems.put(HttpStatus.FORBIDDEN, access == ApiAccess.OPERATOR
                    ? "Only the platform operator may do this."
                    : "The API key belongs to another tenant or lacks the scope this needs.");
        }
        if (path.contains("{") || parameters.stream().anyMatch(ApiDocumentation::namesSomething)) {
            problems.put(HttpStatus.NOT_FOUND, "Nothing with this id here (another tenant's ids are not found "
                    + "either).");
        }
        if (WRITE_METHODS.contains(method.name()) && access != ApiAccess.PUBLIC) {
            problems.put(HttpStatus.CONFLICT, "The change conflicts with the resource's state or with existing data.");
        }
        if (hasBody) {
            problems.put(HttpStatus.CONTENT_TOO_LARGE, "The body is larger than this server accepts.");
            problems.put(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "The body is not of a media type this operation reads.");
        }
        if (parameters.stream().anyMatch(p -> "header".equals(p.getIn()) && "Idempotency-Key".equals(p.getName()))) {
            problems.put(HttpStatus.UNPROCESSABLE_CONTENT, "The Idempotency-Key was used for another request.");
        }
        // Every call under /api made with a tenant's key is counted, also one to an operation that needs no key;
        // the operator-only ones refuse a tenant's key before it is counted.
        if (access != ApiAccess.OPERATOR && path.startsWith("/api/")) {
            problems.put(HttpStatus.TOO_MANY_REQUESTS, "Over the plan's allowance; `Retry-After` says when to try "
                    + "again.");
        }
        problems.put(HttpStatus.REQUEST_HEADER_FIELDS_TOO_LARGE, "The request line or headers are larger than this "
                + "server accepts.");
        problems.put(HttpStatus.SERVICE_UNAVAILABLE, DATABASE_AWAY_RESPONSE);
        ApiResponses responses = operation.getResponses();
        problems.forEach((status, description) -> responses.computeIfAbsent(Integer.toString(status.value()),
                code -> new ApiResponse().description(description)));
        // Every error response, also those a handler declares itself, is a problem.
        responses.forEach((code, response) -> {
            if (code.startsWith("4") || code.startsWith("5")) {
                if (!StringUtils.hasText(response.getDescription())) {
                    response.setDescription(HttpStatus.valueOf(Integer.parseInt(code)).getReasonPhrase());
                }
                response.setContent(new Content().addMediaType(PROBLEM_JSON,
                        new MediaType().schema(new Schema<>().$ref("#/components/schemas/" + PROBLEM))));
            }
        });
        // A 503 the handler declares (its own dependency down) can also be the database's.
        ApiResponse unavailable = responses.get(Integer.toString(HttpStatus.SERVICE_UNAVAILABLE.value()));
        if (!unavailable.getDescription().startsWith(DatabaseOutageFilter.DATABASE_AWAY)) {
            unavailable.setDescription(unavailable.getDescription() + " Or: " + DATABASE_AWAY_RESPONSE);
        }
        unavailable.addHeaderObject(HttpHeaders.RETRY_AFTER, new Header()
                .description("Seconds to wait before trying again (`forkcast.database.retry-after` while the "
                        + "database is away).")
                .schema(integer("Seconds.")));
    }

    /** Whether the body is JSON or absent: the only requests the Idempotency-Key filter holds to compare a repeat. */
    private static boolean readsJsonOrNothing(Operation operation) {
        return operation.getRequestBody() == null || operation.getRequestBody().getContent() == null
                || operation.getRequestBody().getContent().keySet().stream().allMatch(RequestGuardFilter::isJson);
    }

    /**
     * The API reads JSON with {@code FAIL_ON_UNKNOWN_PROPERTIES}: every object a request body can carry says
     * {@code additionalProperties: false}.
     */
    private static void refuseUnknownMembers(OpenAPI api) {
        Map<String, Schema> schemas = api.getComponents().getSchemas();
        Deque<String> pending = new ArrayDeque<>();
        api.getPaths().values().forEach(item -> item.readOperations().forEach(operation -> {
            if (operation.getRequestBody() != null && operation.getRequestBody().getContent() != null) {
                MediaType json = operation.getRequestBody().getContent().get("application/json");
                if (json != null && json.getSchema() != null) {
                    collectReferences(json.getSchema(), pending);
                }
            }
        }));
        Set<String> done = new HashSet<>();
        while (!pending.isEmpty()) {
            String name = pending.pop();
            Schema<?> schema = schemas.get(name);
            if (!done.add(name) || schema == null || schema.getProperties() == null) {
                continue;
            }
            schema.setAdditionalProperties(false);
            schema.getProperties().values().forEach(property -> collectReferences(property, pending));
        }
    }

    private static void collectReferences(Schema<?> schema, Deque<String> into) {
        if (schema.get$ref() != null) {
            into.push(schema.get$ref().substring(schema.get$ref().lastIndexOf('/') + 1));
        }
        if (schema.getItems() != null) {
            collectReferences(schema.getItems(), into);
        }
    }

    /** A required id in the query ({@code tenant_id}) names something that may not exist. */
    private static boolean namesSomething(Parameter parameter) {
        return "query".equals(parameter.getIn()) && Boolean.TRUE.equals(parameter.getRequired())
                && parameter.getSchema() != null && "uuid".equals(parameter.getSchema().getFormat());
    }

    /** What {@link ApiExceptionHandler}, the security entry points and the rate-limit filter write. */
    private static Schema<?> problemSchema() {
        Schema<?> fieldError = object("A field the request got wrong.")
                .addProperty("field", string("The field's JSON name (`items[0].asset_id`) or parameter name."))
                .addProperty("message", string("What is wrong with it."))
                .required(List.of("field", "message"));
        return object("An RFC 9457 problem: what went wrong, in a sentence a client can act on.")
                .addProperty("type", string("A URI naming the kind of problem; `about:blank` for plain HTTP "
                        + "statuses.").format("uri"))
                .addProperty("title", string("The status' reason phrase."))
                .addProperty("status", integer("The HTTP status."))
                .addProperty("detail", string("What went wrong and what to do about it."))
                .addProperty("instance", string("The path of the request.").format("uri"))
                .addProperty("status_code", integer("The HTTP status, again (the first API's member)."))
                .addProperty("request_id", string("The request's id, also in the `X-Request-Id` header: quote it "
                        + "to support."))
                .addProperty("errors", array("The fields at fault, for a 400 about the request's fields.",
                        fieldError))
                .addProperty("retry_after_seconds", integer("For a 429: when to try again, as in `Retry-After`.")
                        .format("int64"))
                .required(List.of("title", "status", "detail", "status_code"));
    }

    private static Schema<Object> object(String description) {
        return typed("object", description);
    }

    private static Schema<Object> string(String description) {
        return typed("string", description);
    }

    private static Schema<Object> integer(String description) {
        return typed("integer", description).format("int32");
    }

    private static Schema<Object> array(String description, Schema<?> items) {
        Schema<Object> array = typed("array", description);
        array.setItems(items);
        return array;
    }

    /** {@code type} for OpenAPI 3.0 readers, {@code types} for 3.1 ones: the serializer writes the one it knows. */
    private static Schema<Object> typed(String type, String description) {
        Schema<Object> schema = new Schema<>();
        schema.setType(type);
        schema.setTypes(Set.of(type));
        return schema.description(description);
    }
}
