package io.forkcast.tenancy;

import io.forkcast.shared.InvalidFieldException;
import org.springframework.stereotype.Component;

import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;

/** The configured plans, by name. */
@Component
class PlanCatalog {

    private final Map<String, Plan> plans;
    private final String defaultPlan;

    PlanCatalog(TenancyProperties properties) {
        this.plans = properties.plans().entrySet().stream().collect(Collectors.toMap(
                Map.Entry::getKey,
                e -> new Plan(e.getKey(), e.getValue().apiCallsPerHour(), e.getValue().postsPerDay()),
                (a, b) -> a, TreeMap::new));
        if (!plans.containsKey(properties.defaultPlan())) {
            throw new IllegalStateException("forkcast.tenancy.default-plan '%s' is not one of the configured plans %s"
                    .formatted(properties.defaultPlan(), plans.keySet()));
        }
        this.defaultPlan = properties.defaultPlan();
    }

    Optional<Plan> find(String name) {
        return Optional.ofNullable(plans.get(name));
    }

    /** The plan of a stored tenant; a plan removed from configuration falls back to the default one. */
    Plan ofStored(String name) {
        return plans.getOrDefault(name, plans.get(defaultPlan));
    }

    /** Validates a plan name from a client ({@code null} means the default plan). */
    Plan requireKnown(String name) {
        if (name == null) {
            return plans.get(defaultPlan);
        }
        return find(name).orElseThrow(() -> new InvalidFieldException("plan",
                "must be one of " + String.join(", ", plans.keySet())));
    }
}
