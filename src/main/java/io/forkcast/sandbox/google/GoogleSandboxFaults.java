package io.forkcast.sandbox.google;

import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.stereotype.Component;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Faults the tests inject into the Google sandbox: the next {@code times} calls of an operation ({@code *} for
 * any) answer Google's error for {@code httpStatus}, after a delay; with {@code afterSuccess} the call takes effect
 * first (the post exists) and only then fails, as a timeout after success looks to a client.
 */
@Component
@ConditionalOnBooleanProperty(name = "forkcast.sandbox.enabled", matchIfMissing = true)
class GoogleSandboxFaults {

    record Fault(int httpStatus, int times, long latencyMs, boolean afterSuccess) {
    }

    private final Map<String, Fault> faults = new HashMap<>();

    synchronized void add(String operation, Fault fault) {
        faults.put(operation, fault);
    }

    synchronized void clear() {
        faults.clear();
    }

    void before(String operation) {
        fire(operation, false);
    }

    void afterSuccess(String operation) {
        fire(operation, true);
    }

    private void fire(String operation, boolean afterSuccess) {
        Fault fault = take(operation, afterSuccess);
        if (fault == null) {
            return;
        }
        if (fault.latencyMs() > 0) {
            try {
                Thread.sleep(fault.latencyMs());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        throw switch (fault.httpStatus()) {
            case 401 -> GoogleApiException.unauthenticated("ACCESS_TOKEN_EXPIRED");
            case 403 -> GoogleApiException.permissionDenied("The caller does not have permission",
                    "PERMISSION_DENIED");
            case 429 -> GoogleApiException.api(429, "RESOURCE_EXHAUSTED", "Quota exceeded for quota metric "
                    + "'Requests' and limit 'Requests per minute'.", List.of(GoogleApiException.errorInfo(
                    "RATE_LIMIT_EXCEEDED", Map.of("quota_limit", "DefaultRequestsPerMinutePerProject"))));
            case 400 -> GoogleApiException.invalidArgument(Map.of("summary", "Injected fault."));
            default -> GoogleApiException.api(fault.httpStatus(), fault.httpStatus() == 503 ? "UNAVAILABLE"
                    : "INTERNAL", "The service is currently unavailable.", List.of());
        };
    }

    private synchronized Fault take(String operation, boolean afterSuccess) {
        for (String key : List.of(operation, "*")) {
            Fault fault = faults.get(key);
            if (fault != null && fault.afterSuccess() == afterSuccess) {
                if (fault.times() <= 1) {
                    faults.remove(key);
                } else {
                    faults.put(key, new Fault(fault.httpStatus(), fault.times() - 1, fault.latencyMs(),
                            fault.afterSuccess()));
                }
                return fault;
            }
        }
        return null;
    }
}
