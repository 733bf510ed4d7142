package io.forkcast.sandbox.meta;

import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Faults a test asks the sandbox to inject into its next Graph calls: an error (transient code 2, rate limits
 * 4/17/32 with usage headers, 190, 200...), a delay, or both, for one operation or every one, a number of times.
 */
@Component
@ConditionalOnBooleanProperty(name = "forkcast.sandbox.enabled", matchIfMissing = true)
class SandboxFaults {

    /** One armed fault. {@code operation} is {@code *} or one of the sandbox's Graph operations. */
    record Fault(String operation, AtomicInteger remaining, Integer code, Integer subcode, boolean isTransient,
            int httpStatus, String message, Duration latency, Integer usagePercent, boolean afterSuccess) {

        boolean matches(String name) {
            return operation.equals("*") || operation.equals(name);
        }
    }

    private final List<Fault> faults = new CopyOnWriteArrayList<>();
    private volatile int baselineUsagePercent;

    void add(Fault fault) {
        faults.add(fault);
    }

    void clear() {
        faults.clear();
        baselineUsagePercent = 0;
    }

    void baselineUsage(int percent) {
        baselineUsagePercent = percent;
    }

    int baselineUsage() {
        return baselineUsagePercent;
    }

    /** Takes the next armed fault for an operation, counting it down. */
    Optional<Fault> next(String operation) {
        for (Iterator<Fault> it = faults.iterator(); it.hasNext(); ) {
            Fault fault = it.next();
            if (fault.matches(operation) && fault.remaining().getAndDecrement() > 0) {
                if (fault.remaining().get() <= 0) {
                    faults.remove(fault);
                }
                return Optional.of(fault);
            }
        }
        return Optional.empty();
    }
}
