package io.forkcast.meta;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Meta's usage headers ({@code X-App-Usage}, {@code X-Business-Use-Case-Usage}, percentages of the budget),
 * exported as gauges, and the pause the client takes before a call when usage runs high: from nothing at the
 * threshold up to {@code throttleMaxDelay} at 100 %, so the app slows down instead of hitting the wall.
 */
@Component
class GraphUsage {

    private static final Logger log = LoggerFactory.getLogger(GraphUsage.class);
    private static final String[] APP_METRICS = {"call_count", "total_time", "total_cputime"};
    /**
     * How long a reading counts for the pause: Meta repeats a header on every call of its use case, so a reading
     * not repeated for this long (a use case no longer called, Pages after a burst) must not slow every later call.
     */
    static final Duration READING_COUNTS_FOR = Duration.ofMinutes(1);

    private final MetaProperties properties;
    private final JsonMapper json;
    private final MeterRegistry registry;
    private final Map<String, AtomicReference<Double>> values = new ConcurrentHashMap<>();
    private final Map<String, Long> readAt = new ConcurrentHashMap<>();
    private final Counter throttled;

    GraphUsage(MetaProperties properties, JsonMapper json, MeterRegistry registry) {
        this.properties = properties;
        this.json = json;
        this.registry = registry;
        for (String metric : APP_METRICS) {
            gauge("forkcast.meta.app.usage", "metric", metric);
        }
        for (String type : new String[] {"pages", "instagram"}) {
            gauge("forkcast.meta.business.usage", "type", type);
        }
        this.throttled = Counter.builder("forkcast.meta.throttled.calls")
                .description("Graph calls delayed because usage was above the threshold").register(registry);
    }

    private AtomicReference<Double> gauge(String name, String tagKey, String tagValue) {
        return values.computeIfAbsent(name + "|" + tagValue, key -> {
            AtomicReference<Double> value = new AtomicReference<>(0.0);
            Gauge.builder(name, value, AtomicReference::get).tag(tagKey, tagValue).baseUnit("percent")
                    .description("Meta's reported usage of the budget").register(registry);
            return value;
        });
    }

    /** Reads the usage headers of a Graph response. */
    void record(HttpHeaders headers) {
        JsonNode app = parse(headers.getFirst("X-App-Usage"));
        if (app != null) {
            for (String metric : APP_METRICS) {
                set("forkcast.meta.app.usage", "metric", metric, app.path(metric).asDouble(0));
            }
        }
        JsonNode business = parse(headers.getFirst("X-Business-Use-Case-Usage"));
        if (business != null) {
            Map<String, Double> highest = new ConcurrentHashMap<>();
            for (JsonNode entries : business) {
                for (JsonNode entry : entries) {
                    String type = entry.path("type").asString("");
                    if (!type.equals("pages") && !type.equals("instagram")) {
                        continue;
                    }
                    double max = Math.max(entry.path("call_count").asDouble(0),
                            Math.max(entry.path("total_time").asDouble(0), entry.path("total_cputime").asDouble(0)));
                    highest.merge(type, max, Math::max);
                }
            }
            highest.forEach((type, max) -> set("forkcast.meta.business.usage", "type", type, max));
        }
    }

    private void set(String name, String tagKey, String tagValue, double percent) {
        gauge(name, tagKey, tagValue).set(percent);
        readAt.put(name + "|" + tagValue, System.nanoTime());
    }

    /** The highest usage percentage Meta reported within {@link #READING_COUNTS_FOR}, across every budget. */
    double highest() {
        long now = System.nanoTime();
        return values.entrySet().stream()
                .filter(entry -> {
                    Long at = readAt.get(entry.getKey());
                    return at != null && now - at < READING_COUNTS_FOR.toNanos();
                })
                .mapToDouble(entry -> entry.getValue().get()).max().orElse(0);
    }

    /** How long to wait before the next call: zero under the threshold, growing to the maximum at 100 %. */
    Duration delayBeforeNextCall() {
        double usage = highest();
        int threshold = properties.throttleThreshold();
        if (usage <= threshold) {
            return Duration.ZERO;
        }
        double share = Math.min(1.0, (usage - threshold) / (100.0 - threshold));
        return Duration.ofMillis(Math.round(properties.throttleMaxDelay().toMillis() * share));
    }

    /** Pauses before a call when usage is high; the pause is bounded by {@code throttleMaxDelay}. */
    void pauseIfNeeded() {
        Duration delay = delayBeforeNextCall();
        if (delay.isZero()) {
            return;
        }
        throttled.increment();
        log.info("Graph usage at {} %: pausing {} ms before the next call", Math.round(highest()), delay.toMillis());
        try {
            Thread.sleep(delay);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private JsonNode parse(String header) {
        if (header == null || header.isBlank()) {
            return null;
        }
        try {
            return json.readTree(header);
        } catch (JacksonException e) {
            log.debug("Unparsable usage header ignored");
            return null;
        }
    }
}
