package io.forkcast;

import org.yaml.snakeyaml.Yaml;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/** The files under deploy/, read as the tools that use them would. */
final class DeploymentFiles {

    static final Path DEPLOY = Path.of("deploy");

    /**
     * Metrics the alerts and the dashboard use that a module still being built will export. When it lands, remove
     * them from here: the observability test then checks that they are exported.
     */
    static final Set<String> NOT_YET_EXPORTED = Set.of();

    private DeploymentFiles() {
    }

    static String read(String path) {
        try {
            return Files.readString(DEPLOY.resolve(path));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> yaml(String path) {
        return (Map<String, Object>) new Yaml().load(read(path));
    }

    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> alertGroups() {
        return (List<Map<String, Object>>) yaml("prometheus/alerts.yml").get("groups");
    }

    /** Every PromQL expression of the alert rules and of the dashboard's panels. */
    @SuppressWarnings("unchecked")
    static List<String> expressions() {
        List<String> expressions = new ArrayList<>();
        for (Map<String, Object> group : alertGroups()) {
            for (Map<String, Object> rule : (List<Map<String, Object>>) group.get("rules")) {
                expressions.add((String) rule.get("expr"));
            }
        }
        JsonNode dashboard = JsonMapper.builder().build().readTree(read("grafana/forkcast.json"));
        for (JsonNode panel : dashboard.path("panels")) {
            for (JsonNode target : panel.path("targets")) {
                expressions.add(target.path("expr").asString());
            }
        }
        return expressions;
    }

    static Set<String> metricNames() {
        Set<String> names = new TreeSet<>();
        expressions().forEach(expression -> names.addAll(PromQl.metricNames(expression)));
        return names;
    }
}
