package io.forkcast.webhooks;

import com.github.kagkarlsson.scheduler.SchedulerClient;
import com.github.kagkarlsson.scheduler.exceptions.TaskInstanceCurrentlyExecutingException;
import io.forkcast.shared.DomainException;
import io.forkcast.shared.Ids;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Queues messages: a row per event and endpoint and a job to send it, written in the caller's transaction, so an
 * event is queued with what caused it or not at all.
 */
@Component
class WebhookOutbox {

    private final WebhookStore store;
    private final ObjectProvider<SchedulerClient> jobs;
    private final JsonMapper json;

    WebhookOutbox(WebhookStore store, ObjectProvider<SchedulerClient> jobs, JsonMapper json) {
        this.store = store;
        this.jobs = jobs;
        this.json = json;
    }

    /**
     * Queues the event for the endpoint unless it was queued for it before ({@code eventKey} names the event: a
     * listener run again after a restart queues nothing twice); answers the new message's id.
     */
    Optional<UUID> enqueue(WebhookStore.EndpointRow endpoint, WebhookEvent type, String eventKey,
            Map<String, Object> data, Instant now) {
        UUID id = Ids.newId();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", type.wireName());
        body.put("timestamp", now.toString());
        body.put("data", data);
        WebhookStore.MessageRow row = new WebhookStore.MessageRow(id, endpoint.tenantId(), endpoint.id(), type,
                json.writeValueAsString(body), WebhookMessage.Status.PENDING, 0, now, null, now);
        if (!store.insertIfAbsent(row, eventKey)) {
            return Optional.empty();
        }
        jobs.getObject().scheduleIfNotExists(WebhookJobs.instance(id, endpoint.tenantId()), now);
        return Optional.of(id);
    }

    /** Puts the message back in the queue, due now, with its whole retry schedule ahead. */
    void sendAgain(WebhookStore.MessageRow row, Instant now) {
        store.update(new WebhookStore.MessageRow(row.id(), row.tenantId(), row.endpointId(), row.type(),
                row.payload(), WebhookMessage.Status.PENDING, 0, now, null, row.createdAt()));
        SchedulerClient client = jobs.getObject();
        var job = WebhookJobs.instance(row.id(), row.tenantId());
        try {
            if (client.getScheduledExecution(job).isPresent()) {
                client.reschedule(job, now);
            } else {
                client.scheduleIfNotExists(job, now);
            }
        } catch (TaskInstanceCurrentlyExecutingException e) {
            throw DomainException.conflict("The message is being sent right now; look again in a moment.");
        }
    }
}
