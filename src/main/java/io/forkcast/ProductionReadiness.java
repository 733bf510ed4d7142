package io.forkcast;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.Environment;
import org.springframework.core.env.Profiles;

import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;

import java.net.URI;
import java.util.Map;
import java.util.List;
import java.util.Locale;
import java.util.function.Predicate;

/**
 * The {@code prod} profile's start-up checks: before any bean exists, refuse to start with a setting that is
 * only fit for a developer's machine, and say, one sentence per problem, which property to set.
 *
 * <p>The checks read properties by name from the {@link Environment}, not from the modules' property records,
 * so they run before anything connects anywhere and can name settings of modules that are not built yet (the
 * vault's development key, the sandbox). To add a check, add a row to {@link #CHECKS}.
 */
class ProductionReadiness implements EnvironmentPostProcessor, Ordered {

    static final String PROFILE = "prod";

    /**
     * One rule of the {@code prod} profile: when {@code refuses} holds, start-up fails with {@code sentence},
     * which names {@code property}.
     */
    record Check(String property, Predicate<Environment> refuses, String sentence) {
    }

    /** The development default of application.yaml: the sandbox's app, never a real one. */
    private static final String SANDBOX_APP_SECRET = "sandbox-app-secret";

    /** The development defaults of application.yaml: the Google sandbox's OAuth client. */
    private static final String SANDBOX_GOOGLE_CLIENT_ID = "sandbox-client.apps.googleusercontent.com";
    private static final String SANDBOX_GOOGLE_CLIENT_SECRET = "sandbox-google-client-secret";

    /** The Google hosts a base URL may point elsewhere (a proxy, a test double), but never to a sandbox. */
    private static final List<String> GOOGLE_BASE_URLS = List.of("authorization", "oauth", "account-management",
            "business-information", "my-business", "performance");

    /** The key the built-in OpenAI simulator accepts. */
    private static final String SANDBOX_OPENAI_KEY = "sk-sandbox-forkcast";

    static final List<Check> CHECKS = List.of(
            new Check("spring.datasource.url",
                    env -> env.getProperty("spring.datasource.url", "").strip().toLowerCase(Locale.ROOT)
                            .startsWith("jdbc:h2:")
                            || env.getProperty("spring.datasource.url", "").isBlank(),
                    "The database is H2, fit for a laptop only: set spring.datasource.url (SPRING_DATASOURCE_URL) "
                            + "to the PostgreSQL database (jdbc:postgresql://...) and run the postgres profile "
                            + "with prod."),
            new Check("forkcast.tenancy.generate-admin-token",
                    env -> !isFalse(env, "forkcast.tenancy.generate-admin-token"),
                    "A development admin token would be generated: set forkcast.tenancy.generate-admin-token "
                            + "(FORKCAST_TENANCY_GENERATE_ADMIN_TOKEN) to false."),
            new Check("forkcast.tenancy.admin-token",
                    env -> isBlank(env, "forkcast.tenancy.admin-token"),
                    "The platform operator has no token: set forkcast.tenancy.admin-token "
                            + "(FORKCAST_TENANCY_ADMIN_TOKEN) to a random secret of at least 24 characters."),
            new Check("forkcast.vault.generate-dev-key",
                    env -> !isFalse(env, "forkcast.vault.generate-dev-key"),
                    "A development encryption key would be generated: set forkcast.vault.generate-dev-key "
                            + "(FORKCAST_VAULT_GENERATE_DEV_KEY) to false and give the vault its key ring "
                            + "(forkcast.vault.*)."),
            new Check("forkcast.vault.keys",
                    env -> Binder.get(env).bind("forkcast.vault.keys", Bindable.mapOf(String.class, String.class))
                            .map(Map::isEmpty).orElse(true),
                    "The vault has no key: set forkcast.vault.keys.<id> (FORKCAST_VAULT_KEYS_<ID>) to a base64 "
                            + "32-byte key and forkcast.vault.active-key-id (FORKCAST_VAULT_ACTIVE_KEY_ID) to its id."),
            new Check("forkcast.meta.app-secret",
                    env -> isBlank(env, "forkcast.meta.app-secret")
                            || SANDBOX_APP_SECRET.equals(env.getProperty("forkcast.meta.app-secret")),
                    "Forkcast would connect as the sandbox's Meta app: set forkcast.meta.app-id "
                            + "(FORKCAST_META_APP_ID) and forkcast.meta.app-secret (FORKCAST_META_APP_SECRET) to "
                            + "your Meta app's."),
            new Check("forkcast.google.client-secret",
                    env -> !isFalse(env, "forkcast.google.enabled") && (isBlank(env, "forkcast.google.client-secret")
                            || SANDBOX_GOOGLE_CLIENT_SECRET.equals(env.getProperty("forkcast.google.client-secret"))
                            || SANDBOX_GOOGLE_CLIENT_ID.equals(env.getProperty("forkcast.google.client-id"))
                            || GOOGLE_BASE_URLS.stream().anyMatch(host -> env.getProperty(
                                    "forkcast.google." + host + "-base-url", "").contains("/sandbox/"))),
                    "Forkcast would connect to Google as the sandbox's client: set forkcast.google.client-id "
                            + "(FORKCAST_GOOGLE_CLIENT_ID) and forkcast.google.client-secret "
                            + "(FORKCAST_GOOGLE_CLIENT_SECRET) to your Google Cloud OAuth client's, and leave "
                            + "forkcast.google.*-base-url empty (Google's own hosts) or pointing anywhere but a "
                            + "sandbox; or, without Google, set forkcast.google.enabled (FORKCAST_GOOGLE_ENABLED) "
                            + "to false."),
            new Check("forkcast.sandbox.enabled",
                    env -> !isFalse(env, "forkcast.sandbox.enabled"),
                    "The sandbox (a simulated Meta Graph API and LLM) would serve requests: set "
                            + "forkcast.sandbox.enabled (FORKCAST_SANDBOX_ENABLED) to false."),
            new Check("forkcast.public-base-url",
                    env -> !isHttps(env.getProperty("forkcast.public-base-url", "")),
                    "The public address is missing or plain HTTP: set forkcast.public-base-url "
                            + "(FORKCAST_PUBLIC_BASE_URL) to the https:// address at which browsers and Meta "
                            + "reach Forkcast."),
            new Check("forkcast.quota.redis-url",
                    env -> isBlank(env, "forkcast.quota.redis-url"),
                    "Rate limits would be counted per instance: set forkcast.quota.redis-url "
                            + "(FORKCAST_QUOTA_REDIS_URL) so that every instance draws on one budget per tenant."),
            // The offline writer needs no provider and is a fair production choice; openai needs a real one.
            new Check("forkcast.captions.writer",
                    env -> "openai".equalsIgnoreCase(env.getProperty("forkcast.captions.writer", "").strip())
                            && (isBlank(env, "forkcast.captions.openai.base-url")
                                || isBlank(env, "forkcast.captions.openai.api-key")
                                || SANDBOX_OPENAI_KEY.equals(env.getProperty("forkcast.captions.openai.api-key"))),
                    "The openai caption writer would call the sandbox's simulator: set "
                            + "forkcast.captions.openai.base-url (FORKCAST_CAPTIONS_OPENAI_BASE_URL) and "
                            + "forkcast.captions.openai.api-key (FORKCAST_CAPTIONS_OPENAI_API_KEY) to your provider's, "
                            + "or forkcast.captions.writer (FORKCAST_CAPTIONS_WRITER) to offline."),
            new Check("forkcast.assets.storage",
                    env -> "s3".equalsIgnoreCase(env.getProperty("forkcast.assets.storage", "").strip())
                            ? isBlank(env, "forkcast.assets.s3.bucket")
                            : !isTrue(env, "forkcast.assets.allow-local-storage-in-prod"),
                    "Uploaded images would be kept on this instance's disk, out of the other instances' reach: set "
                            + "forkcast.assets.storage (FORKCAST_ASSETS_STORAGE) to s3 with forkcast.assets.s3.bucket "
                            + "(FORKCAST_ASSETS_S3_BUCKET), or forkcast.assets.allow-local-storage-in-prod to true "
                            + "if every instance shares forkcast.assets.local-root."),
            new Check("forkcast.assets.generate-url-signing-key",
                    env -> !isFalse(env, "forkcast.assets.generate-url-signing-key"),
                    "A media URL signing key would be generated on each instance: set "
                            + "forkcast.assets.generate-url-signing-key (FORKCAST_ASSETS_GENERATE_URL_SIGNING_KEY) to "
                            + "false."),
            new Check("forkcast.assets.url-signing-key",
                    env -> env.getProperty("forkcast.assets.url-signing-key", "").strip().length() < 32,
                    "Media URLs have no signing key shared by the instances: set forkcast.assets.url-signing-key "
                            + "(FORKCAST_ASSETS_URL_SIGNING_KEY) to a random secret of at least 32 characters."));

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        if (!environment.acceptsProfiles(Profiles.of(PROFILE))) {
            return;
        }
        List<Check> failed = CHECKS.stream().filter(check -> check.refuses().test(environment)).toList();
        if (!failed.isEmpty()) {
            throw new ProductionMisconfigured(failed);
        }
    }

    /** After every other post-processor, so the checks see the environment as the application will. */
    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE;
    }

    private static boolean isFalse(Environment env, String property) {
        return "false".equalsIgnoreCase(env.getProperty(property, "").strip());
    }

    private static boolean isTrue(Environment env, String property) {
        return "true".equalsIgnoreCase(env.getProperty(property, "").strip());
    }

    private static boolean isBlank(Environment env, String property) {
        return env.getProperty(property, "").isBlank();
    }

    private static boolean isHttps(String url) {
        try {
            URI uri = URI.create(url.strip());
            return "https".equalsIgnoreCase(uri.getScheme()) && uri.getHost() != null;
        } catch (IllegalArgumentException malformed) {
            return false;
        }
    }
}
