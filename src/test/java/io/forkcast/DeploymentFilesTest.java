package io.forkcast;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.forkcast.DeploymentFiles.yaml;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The deployment files under deploy/ hang together: Kubernetes objects have what the API server requires and
 * point at each other correctly, compose and nginx name the same instances, both give the prod profile every
 * setting it demands, and the alert rules load. ({@code kubectl apply --dry-run=client} needs a reachable API
 * server to map kinds, so this checks the manifests itself; nginx and promtool check their own files when installed.)
 */
class DeploymentFilesTest {

    private static final List<String> K8S = List.of("configmap.yaml", "deployment.yaml", "service.yaml", "pdb.yaml",
            "ingress.yaml");

    @Test
    void everyKubernetesObjectHasApiVersionKindAndName() {
        for (String file : K8S) {
            Map<String, Object> object = yaml("k8s/" + file);
            assertThat(object).as(file).containsKeys("apiVersion", "kind", "metadata");
            assertThat(map(object, "metadata")).as(file).containsKey("name");
        }
        assertThat(strings(yaml("k8s/kustomization.yaml"), "resources")).containsExactlyInAnyOrderElementsOf(new ArrayList<Object>(K8S));
    }

    @Test
    void deploymentRunsTwoNonRootReplicasWithProbesOnTheHealthGroups() {
        Map<String, Object> deployment = yaml("k8s/deployment.yaml");
        Map<String, Object> spec = map(deployment, "spec");
        Map<String, Object> pod = map(map(spec, "template"), "spec");
        Map<String, Object> container = container(deployment);

        assertThat(deployment.get("apiVersion")).isEqualTo("apps/v1");
        assertThat(spec.get("replicas")).isEqualTo(2);
        assertThat(map(spec, "selector").get("matchLabels")).isEqualTo(map(map(spec, "template"), "metadata").get("labels"));
        assertThat(path(map(container, "readinessProbe"))).isEqualTo("/actuator/health/readiness");
        assertThat(path(map(container, "livenessProbe"))).isEqualTo("/actuator/health/liveness");
        assertThat(map(pod, "securityContext")).containsEntry("runAsNonRoot", true);
        // The image's user (pom.xml, Jib) is the one Kubernetes is told to expect.
        assertThat(Files.exists(Path.of("pom.xml"))).isTrue();
        assertThat(read(Path.of("pom.xml"))).contains("<user>" + map(pod, "securityContext").get("runAsUser") + ":");
        List<Map<String, Object>> ports = list(container, "ports");
        assertThat(ports).anySatisfy(port -> assertThat(port).containsEntry("name", "http").containsEntry("containerPort", 8080));
    }

    @Test
    void imageWritesItsClassDataSharingArchiveWhereTheDeploymentLetsItWrite() {
        String pom = read(Path.of("pom.xml"));
        Matcher archive = Pattern.compile("<jvmFlag>-XX:SharedArchiveFile=([^<]+)</jvmFlag>").matcher(pom);
        assertThat(archive.find()).as("the image names a class data sharing archive").isTrue();
        String archivePath = archive.group(1);

        assertThat(pom).contains("<jvmFlag>-XX:+AutoCreateSharedArchive</jvmFlag>");
        // The JVM archives classes from jars on the class path only; a non-empty classes directory disables it.
        assertThat(pom).contains("<containerizingMode>packaged</containerizingMode>");
        // The root filesystem is read-only: the archive must sit on a volume the container may write.
        Map<String, Object> container = container(yaml("k8s/deployment.yaml"));
        assertThat(map(container, "securityContext")).containsEntry("readOnlyRootFilesystem", true);
        assertThat(list(container, "volumeMounts"))
                .anySatisfy(mount -> assertThat(archivePath).startsWith(mount.get("mountPath") + "/"));
    }

    @Test
    void secretsComeFromSecretReferencesAndSettingsFromTheConfigMap() {
        Map<String, Object> container = container(yaml("k8s/deployment.yaml"));
        List<Map<String, Object>> env = list(container, "env");

        assertThat(env).filteredOn(variable -> variable.containsKey("valueFrom")
                        && map(variable, "valueFrom").containsKey("secretKeyRef"))
                .extracting(variable -> map(map(variable, "valueFrom"), "secretKeyRef").get("name"))
                .isNotEmpty().containsOnly("forkcast-secrets");
        assertThat(env).filteredOn(variable -> String.valueOf(variable.get("name")).matches(".*(PASSWORD|TOKEN|SECRET).*"))
                .isNotEmpty()
                .allSatisfy(variable -> assertThat(variable).doesNotContainKey("value").containsKey("valueFrom"));
        Map<String, Object> configMapRef = map(list(container, "envFrom").getFirst(), "configMapRef");
        assertThat(configMapRef.get("name")).isEqualTo(map(yaml("k8s/configmap.yaml"), "metadata").get("name"));
    }

    @Test
    void serviceAndDisruptionBudgetSelectTheDeploymentsPods() {
        Object podLabels = map(map(map(yaml("k8s/deployment.yaml"), "spec"), "template"), "metadata").get("labels");
        Map<String, Object> service = map(yaml("k8s/service.yaml"), "spec");
        Map<String, Object> pdb = map(yaml("k8s/pdb.yaml"), "spec");

        assertThat(service.get("selector")).isEqualTo(podLabels);
        assertThat(list(service, "ports").getFirst()).containsEntry("targetPort", "http");
        assertThat(map(pdb, "selector").get("matchLabels")).isEqualTo(podLabels);
        assertThat((Integer) pdb.get("minAvailable")).isPositive()
                .isLessThan((Integer) map(yaml("k8s/deployment.yaml"), "spec").get("replicas"));
    }

    @Test
    void kubernetesGivesTheProdProfileEverySettingItDemands() {
        Map<String, String> environment = new HashMap<>();
        map(yaml("k8s/configmap.yaml"), "data").forEach((name, value) -> environment.put(name, String.valueOf(value)));
        for (Map<String, Object> variable : list(container(yaml("k8s/deployment.yaml")), "env")) {
            environment.put((String) variable.get("name"), "(from the cluster)");
        }

        assertThat(environment.get("SPRING_PROFILES_ACTIVE")).isEqualTo("postgres,prod");
        assertProdChecksSatisfied(environment);
    }

    @Test
    void composeRunsTheServicesAndTwoProductionInstancesBehindNginx() {
        Map<String, Object> services = map(yaml("compose.yaml"), "services");

        assertThat(services).containsKeys("postgres", "redis", "minio", "forkcast-1", "forkcast-2", "nginx");
        for (String instance : List.of("forkcast-1", "forkcast-2")) {
            Map<String, Object> environment = map(map(services, instance), "environment");
            assertThat(environment).containsEntry("SPRING_PROFILES_ACTIVE", "postgres,prod")
                    .containsEntry("FORKCAST_INSTANCE_ID", instance);
            Map<String, String> values = new HashMap<>();
            environment.forEach((name, value) -> values.put(name, String.valueOf(value)));
            assertProdChecksSatisfied(values);
            // Secrets are never written into the file: compose takes them from the environment or deploy/.env.
            values.forEach((name, value) -> {
                if (name.matches(".*(PASSWORD|TOKEN|SECRET).*")) {
                    assertThat(value).as(name).startsWith("${");
                }
            });
        }
        assertThat(strings(map(services, "nginx"), "volumes")).contains("./nginx.conf:/etc/nginx/nginx.conf:ro");
        String nginx = DeploymentFiles.read("nginx.conf");
        assertThat(nginx).contains("server forkcast-1:8080").contains("server forkcast-2:8080");
        for (Object service : services.values()) {
            Object volumes = ((Map<?, ?>) service).get("volumes");
            if (volumes instanceof List<?> mounts) {
                mounts.stream().map(String::valueOf).filter(mount -> mount.startsWith("./"))
                        .forEach(mount -> assertThat(DeploymentFiles.DEPLOY.resolve(mount.substring(2, mount.indexOf(':'))))
                                .as("file mounted by compose").exists());
            }
        }
    }

    @Test
    void nginxAcceptsItsConfigurationWithTheLocalClusterAddresses(@TempDir Path directory) throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/sbin/nginx")), "nginx is not installed");
        // The rewrite deploy/local-cluster.sh makes: local ports instead of the compose service names.
        String config = DeploymentFiles.read("nginx.conf")
                .replace("server forkcast-1:8080", "server 127.0.0.1:18081")
                .replace("server forkcast-2:8080", "server 127.0.0.1:18082")
                .replace("listen 80;", "listen 127.0.0.1:18080;");
        Path file = directory.resolve("nginx.conf");
        Files.writeString(file, config);

        Process check = new ProcessBuilder("/usr/sbin/nginx", "-t", "-q", "-p", directory.toString(), "-c", file.toString(),
                "-g", "pid " + directory.resolve("nginx.pid") + ";")
                .redirectErrorStream(true).start();
        String output = new String(check.getInputStream().readAllBytes());
        assertThat(check.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(check.exitValue()).as(output).isZero();
    }

    @Test
    void promtoolLoadsTheAlertRulesAndTheirUnitTestsPass() throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/promtool")), "promtool is not installed");

        assertThat(run("/usr/bin/promtool", "check", "rules", "deploy/prometheus/alerts.yml")).contains("SUCCESS");
        assertThat(run("/usr/bin/promtool", "test", "rules", "deploy/prometheus/alerts.test.yml")).contains("SUCCESS");
    }

    @Test
    void alertsCoverTheSeedsListWithSeverities() {
        Map<String, String> severities = new HashMap<>();
        for (Map<String, Object> group : DeploymentFiles.alertGroups()) {
            for (Map<String, Object> rule : list(group, "rules")) {
                severities.put((String) rule.get("alert"), (String) map(rule, "labels").get("severity"));
            }
        }

        assertThat(severities).containsEntry("ForkcastDatabaseDown", "critical")
                .containsEntry("ForkcastRedisDown", "critical")
                .containsEntry("ForkcastTokenRefreshFailing", "critical")
                .containsEntry("ForkcastSlowResponses", "warning")
                .containsEntry("ForkcastHighErrorRate", "warning")
                .containsEntry("ForkcastTokensExpiringSoon", "warning")
                .containsEntry("ForkcastTrafficSpike", "info")
                .containsEntry("ForkcastJobCompleted", "info");
    }

    @Test
    void metricNamesAreReadOutOfPromQl() {
        assertThat(PromQl.metricNames("histogram_quantile(0.95, sum by (le, uri) "
                + "(rate(http_server_requests_seconds_bucket{job=\"forkcast\", uri!~\"/actuator.*\"}[5m]))) > 0.5"))
                .containsExactly("http_server_requests_seconds_bucket");
        assertThat(PromQl.metricNames("(sum by (instance) (hikaricp_connections{job=\"forkcast\"}) == 0) or "
                + "(sum(increase(hikaricp_connections_timeout_total[5m])) > 0)"))
                .containsExactly("hikaricp_connections", "hikaricp_connections_timeout_total");
    }

    @Test
    void dashboardAndAlertsUseTheSameBusinessMetrics() {
        Set<String> names = DeploymentFiles.metricNames();

        assertThat(names).contains("http_server_requests_seconds_bucket", "http_server_requests_seconds_count",
                "hikaricp_connections_active", "forkcast_ratelimit_redis_available", "forkcast_ratelimit_refusals_total",
                "forkcast_tenant_creations_total");
        assertThat(names).containsAll(DeploymentFiles.NOT_YET_EXPORTED);
    }

    private static void assertProdChecksSatisfied(Map<String, String> environment) {
        Map<String, Object> prodFile = new HashMap<>();
        flatten("", new org.yaml.snakeyaml.Yaml().load(read(Path.of("src/main/resources/application-prod.yaml"))), prodFile);
        for (ProductionReadiness.Check check : ProductionReadiness.CHECKS) {
            String variable = check.property().toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
            // A map property (forkcast.vault.keys) is set through its entries (FORKCAST_VAULT_KEYS_K1).
            boolean set = environment.containsKey(variable)
                    || environment.keySet().stream().anyMatch(name -> name.startsWith(variable + "_"))
                    || prodFile.containsKey(check.property());
            assertThat(set).as("%s (%s) is set", check.property(), variable).isTrue();
        }
        assertThat(environment.getOrDefault("FORKCAST_PUBLIC_BASE_URL", "")).satisfiesAnyOf(
                url -> assertThat(url).startsWith("${"), url -> assertThat(url).startsWith("https://"));
    }

    @SuppressWarnings("unchecked")
    private static void flatten(String prefix, Object node, Map<String, Object> into) {
        if (node instanceof Map<?, ?> map) {
            ((Map<Object, Object>) map).forEach((k, v) -> flatten(prefix.isEmpty() ? k.toString() : prefix + "." + k, v, into));
        } else {
            into.put(prefix, node);
        }
    }

    private static String run(String... command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(output).isZero();
        return output;
    }

    private static Map<String, Object> container(Map<String, Object> deployment) {
        Map<String, Object> pod = map(map(map(deployment, "spec"), "template"), "spec");
        List<Map<String, Object>> containers = list(pod, "containers");
        assertThat(containers).hasSize(1);
        return containers.getFirst();
    }

    private static String path(Map<String, Object> probe) {
        return (String) map(probe, "httpGet").get("path");
    }

    private static String read(Path path) {
        try {
            return Files.readString(path);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Map<String, Object> parent, String key) {
        Object value = parent.get(key);
        assertThat(value).as(key).isInstanceOf(Map.class);
        return (Map<String, Object>) value;
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> list(Map<String, Object> parent, String key) {
        return (List<Map<String, Object>>) (List<?>) strings(parent, key);
    }

    @SuppressWarnings("unchecked")
    private static List<Object> strings(Map<String, Object> parent, String key) {
        Object value = parent.get(key);
        assertThat(value).as(key).isInstanceOf(List.class);
        return new ArrayList<>((List<Object>) value);
    }
}
