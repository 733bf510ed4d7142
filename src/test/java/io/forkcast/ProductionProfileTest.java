package io.forkcast;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * The prod profile refuses every development setting before anything connects anywhere, each time with a sentence
 * naming the property to set. (That a correct production configuration starts is {@code ProductionProfileIT}.)
 */
class ProductionProfileTest {

    /** A configuration the prod profile accepts; each test spoils one setting. */
    private static Map<String, String> valid() {
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put("spring.datasource.url", "jdbc:postgresql://127.0.0.1:5432/forkcast_prod_check");
        properties.put("forkcast.tenancy.admin-token", "prod-operator-token-0123456789abcdef");
        properties.put("forkcast.public-base-url", "https://forkcast.example.com");
        properties.put("forkcast.quota.redis-url", "redis://127.0.0.1:6379");
        properties.put("forkcast.vault.keys.k1", "A".repeat(43) + "=");
        properties.put("forkcast.meta.app-secret", "the-restaurant-app-secret");
        properties.put("forkcast.google.client-id", "1234567890-trattoria.apps.googleusercontent.com");
        properties.put("forkcast.google.client-secret", "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");
        properties.put("forkcast.assets.storage", "s3");
        properties.put("forkcast.assets.s3.bucket", "forkcast-assets");
        properties.put("forkcast.assets.url-signing-key", "media-url-signing-key-0123456789abcdef");
        return properties;
    }

    @Test
    void h2DatabaseIsRefused() {
        Map<String, String> properties = valid();
        properties.put("spring.datasource.url", "jdbc:h2:mem:prod;MODE=PostgreSQL");

        assertRefusedNaming(start(properties), "spring.datasource.url", "SPRING_DATASOURCE_URL");
    }

    @Test
    void prodWithoutThePostgresProfileFallsBackToH2AndIsRefused() {
        Map<String, String> properties = valid();
        properties.remove("spring.datasource.url");

        Throwable failure = catchThrowable(() -> new SpringApplicationBuilder(ForkcastApplication.class)
                .profiles("prod").run(args(properties)));

        assertRefusedNaming(failure, "spring.datasource.url", "SPRING_DATASOURCE_URL");
    }

    @Test
    void generatingTheAdminTokenIsRefused() {
        Map<String, String> properties = valid();
        properties.put("forkcast.tenancy.generate-admin-token", "true");

        assertRefusedNaming(start(properties), "forkcast.tenancy.generate-admin-token",
                "FORKCAST_TENANCY_GENERATE_ADMIN_TOKEN");
    }

    @Test
    void missingAdminTokenIsRefused() {
        Map<String, String> properties = valid();
        properties.put("forkcast.tenancy.admin-token", "");

        assertRefusedNaming(start(properties), "forkcast.tenancy.admin-token", "FORKCAST_TENANCY_ADMIN_TOKEN");
    }

    @Test
    void generatedVaultDevelopmentKeyIsRefused() {
        Map<String, String> properties = valid();
        properties.put("forkcast.vault.generate-dev-key", "true");

        assertRefusedNaming(start(properties), "forkcast.vault.generate-dev-key", "FORKCAST_VAULT_GENERATE_DEV_KEY");
    }

    @Test
    void missingVaultKeyIsRefused() {
        Map<String, String> properties = valid();
        properties.remove("forkcast.vault.keys.k1");

        assertRefusedNaming(start(properties), "forkcast.vault.keys", "FORKCAST_VAULT_KEYS_<ID>");
    }

    @Test
    void theSandboxsGoogleClientIsRefused() {
        Map<String, String> properties = valid();
        properties.remove("forkcast.google.client-secret");

        assertRefusedNaming(start(properties), "forkcast.google.client-secret", "FORKCAST_GOOGLE_CLIENT_SECRET");
    }

    @Test
    void withGoogleSwitchedOffNoGoogleClientIsDemanded() {
        // The sandbox left on stops the start at the checks: only the refusals are compared.
        Map<String, String> properties = valid();
        properties.remove("forkcast.google.client-id");
        properties.remove("forkcast.google.client-secret");
        properties.put("forkcast.sandbox.enabled", "true");
        assertThat(refusedProperties(start(properties))).contains("forkcast.google.client-secret");

        properties.put("forkcast.google.enabled", "false");
        assertThat(refusedProperties(start(properties))).containsExactly("forkcast.sandbox.enabled");
    }

    @Test
    void aGoogleBaseUrlPointingAtTheSandboxIsRefusedEvenWithARealSecret() {
        Map<String, String> properties = valid();
        properties.put("forkcast.google.my-business-base-url", "https://forkcast.example.com/sandbox/google/mybusiness");

        assertRefusedNaming(start(properties), "forkcast.google.client-secret", "base-url");
    }

    @Test
    void theSandboxsMetaAppIsRefused() {
        Map<String, String> properties = valid();
        properties.remove("forkcast.meta.app-secret");

        assertRefusedNaming(start(properties), "forkcast.meta.app-secret", "FORKCAST_META_APP_SECRET");
    }

    @Test
    void sandboxIsRefused() {
        Map<String, String> properties = valid();
        properties.put("forkcast.sandbox.enabled", "true");

        assertRefusedNaming(start(properties), "forkcast.sandbox.enabled", "FORKCAST_SANDBOX_ENABLED");
    }

    @Test
    void missingPublicBaseUrlIsRefused() {
        Map<String, String> properties = valid();
        properties.remove("forkcast.public-base-url");

        assertRefusedNaming(start(properties), "forkcast.public-base-url", "FORKCAST_PUBLIC_BASE_URL");
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://forkcast.example.com", "forkcast.example.com", "https://"})
    void plainHttpOrMalformedPublicBaseUrlIsRefused(String url) {
        Map<String, String> properties = valid();
        properties.put("forkcast.public-base-url", url);

        assertRefusedNaming(start(properties), "forkcast.public-base-url", "FORKCAST_PUBLIC_BASE_URL");
    }

    @Test
    void perInstanceRateLimitsAreRefused() {
        Map<String, String> properties = valid();
        properties.put("forkcast.quota.redis-url", "");

        assertRefusedNaming(start(properties), "forkcast.quota.redis-url", "FORKCAST_QUOTA_REDIS_URL");
    }

    @Test
    void openAiWriterWithoutAProviderIsRefused() {
        Map<String, String> properties = valid();
        properties.put("forkcast.captions.writer", "openai");

        assertRefusedNaming(start(properties), "forkcast.captions.writer", "FORKCAST_CAPTIONS_OPENAI_BASE_URL");
    }

    @Test
    void openAiWriterWithTheSimulatorsKeyIsRefused() {
        Map<String, String> properties = valid();
        properties.put("forkcast.captions.writer", "openai");
        properties.put("forkcast.captions.openai.base-url", "https://api.openai.com/v1");
        properties.put("forkcast.captions.openai.api-key", "sk-sandbox-forkcast");

        assertRefusedNaming(start(properties), "forkcast.captions.writer", "FORKCAST_CAPTIONS_OPENAI_API_KEY");
    }

    @Test
    void offlineWriterAndAConfiguredOpenAiWriterAreAccepted() {
        // The sandbox left on stops each start at the checks: only the refusals are compared.
        Map<String, String> properties = valid();
        properties.put("forkcast.sandbox.enabled", "true");
        properties.put("forkcast.captions.writer", "offline");
        assertThat(refusedProperties(start(properties))).containsExactly("forkcast.sandbox.enabled");

        properties.put("forkcast.captions.writer", "openai");
        properties.put("forkcast.captions.openai.base-url", "https://api.openai.com/v1");
        properties.put("forkcast.captions.openai.api-key", "sk-the-restaurant-groups-key");
        assertThat(refusedProperties(start(properties))).containsExactly("forkcast.sandbox.enabled");
    }

    @Test
    void localAssetStorageIsRefusedUnlessAllowed() {
        Map<String, String> properties = valid();
        properties.put("forkcast.assets.storage", "local");

        assertRefusedNaming(start(properties), "forkcast.assets.storage", "FORKCAST_ASSETS_STORAGE");

        properties.put("forkcast.assets.allow-local-storage-in-prod", "true");
        properties.put("forkcast.sandbox.enabled", "true");
        assertThat(refusedProperties(start(properties))).containsExactly("forkcast.sandbox.enabled");
    }

    @Test
    void s3StorageWithoutABucketIsRefused() {
        Map<String, String> properties = valid();
        properties.remove("forkcast.assets.s3.bucket");

        assertRefusedNaming(start(properties), "forkcast.assets.storage", "FORKCAST_ASSETS_S3_BUCKET");
    }

    @Test
    void generatedOrShortMediaUrlSigningKeyIsRefused() {
        Map<String, String> properties = valid();
        properties.put("forkcast.assets.generate-url-signing-key", "true");
        assertRefusedNaming(start(properties), "forkcast.assets.generate-url-signing-key",
                "FORKCAST_ASSETS_GENERATE_URL_SIGNING_KEY");

        properties = valid();
        properties.put("forkcast.assets.url-signing-key", "too-short");
        assertRefusedNaming(start(properties), "forkcast.assets.url-signing-key", "FORKCAST_ASSETS_URL_SIGNING_KEY");
    }

    private static List<String> refusedProperties(Throwable failure) {
        assertThat(failure).isInstanceOf(ProductionMisconfigured.class);
        return ((ProductionMisconfigured) failure).properties();
    }

    @Test
    void environmentVariablesAreReadByTheirRelaxedNames() {
        Map<String, String> properties = valid();
        properties.remove("forkcast.public-base-url");
        properties.put("forkcast.sandbox.enabled", "true");

        Throwable plain = startWithEnvironment(properties, Map.of("FORKCAST_PUBLIC_BASE_URL", "http://plain.example.com"));
        Throwable https = startWithEnvironment(properties, Map.of("FORKCAST_PUBLIC_BASE_URL", "https://forkcast.example.com"));

        assertThat(((ProductionMisconfigured) plain).properties())
                .containsExactly("forkcast.sandbox.enabled", "forkcast.public-base-url");
        assertThat(((ProductionMisconfigured) https).properties()).containsExactly("forkcast.sandbox.enabled");
    }

    private static Throwable startWithEnvironment(Map<String, String> properties, Map<String, Object> variables) {
        StandardEnvironment environment = new StandardEnvironment();
        environment.getPropertySources().replace(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
                new SystemEnvironmentPropertySource(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
                        variables));
        return catchThrowable(() -> new SpringApplicationBuilder(ForkcastApplication.class)
                .environment(environment)
                .profiles("postgres", "prod")
                .run(args(properties)));
    }

    @Test
    void everyProblemIsReportedAtOnce() {
        Map<String, String> properties = valid();
        properties.put("forkcast.sandbox.enabled", "true");
        properties.put("forkcast.public-base-url", "http://forkcast.example.com");

        Throwable failure = start(properties);

        assertThat(failure).isInstanceOf(ProductionMisconfigured.class);
        assertThat(((ProductionMisconfigured) failure).properties())
                .containsExactly("forkcast.sandbox.enabled", "forkcast.public-base-url");
    }

    @Test
    void failureReportNamesThePropertiesToFix() {
        Map<String, String> properties = valid();
        properties.put("forkcast.sandbox.enabled", "true");

        FailureAnalysis analysis = new ProductionMisconfiguredFailureAnalyzer().analyze(start(properties));

        assertThat(analysis.getDescription()).contains("forkcast.sandbox.enabled");
        assertThat(analysis.getAction()).contains("forkcast.sandbox.enabled");
    }

    @Test
    void refusalNeverRepeatsASecret() {
        Map<String, String> properties = valid();
        properties.put("forkcast.sandbox.enabled", "true");

        assertThat(start(properties)).message().doesNotContain(valid().get("forkcast.tenancy.admin-token"));
    }

    @Test
    void everyCheckNamesItsPropertyAndItsEnvironmentVariable() {
        assertThat(ProductionReadiness.CHECKS).allSatisfy(check -> assertThat(check.sentence())
                .contains(check.property())
                .contains(check.property().toUpperCase().replace('.', '_').replace('-', '_')));
    }

    private static Throwable start(Map<String, String> properties) {
        return catchThrowable(() -> new SpringApplicationBuilder(ForkcastApplication.class)
                .profiles("postgres", "prod")
                .run(args(properties)));
    }

    private static String[] args(Map<String, String> properties) {
        return properties.entrySet().stream().map(e -> "--" + e.getKey() + "=" + e.getValue()).toArray(String[]::new);
    }

    private static void assertRefusedNaming(Throwable failure, String property, String environmentVariable) {
        assertThat(failure).isInstanceOf(ProductionMisconfigured.class);
        assertThat(failure).message().contains(property).contains(environmentVariable);
        // Only the spoiled setting is refused: the others of the valid configuration pass.
        assertThat(((ProductionMisconfigured) failure).properties()).containsExactly(property);
    }
}
