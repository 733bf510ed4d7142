package io.forkcast.posts;

import io.forkcast.shared.Ids;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

/** One try at a delivery, recorded (pending) before the first Graph call; part of the post aggregate. */
@Entity
@Table(name = "post_attempts")
class Attempt {

    @Id
    private UUID id;
    private UUID tenantId;
    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "delivery_id")
    private Delivery delivery;
    @jakarta.persistence.Column(name = "attempt_no")
    private int number;
    private Instant startedAt;
    private Instant finishedAt;
    private AttemptOutcome outcome;
    private String errorCode;
    private String errorMessage;
    private String containerId;

    protected Attempt() {
    }

    Attempt(Delivery delivery, int number, Instant now) {
        this.id = Ids.newId();
        this.tenantId = delivery.tenantId();
        this.delivery = delivery;
        this.number = number;
        this.startedAt = now.truncatedTo(ChronoUnit.MICROS);
        this.outcome = AttemptOutcome.PENDING;
    }

    void finish(AttemptOutcome outcome, PublishOutcome.Failure failure, Instant now) {
        if (this.outcome != AttemptOutcome.PENDING) {
            throw new IllegalStateException("Attempt " + number + " already ended " + this.outcome.wireName());
        }
        this.outcome = outcome;
        this.errorCode = failure == null ? null : failure.code();
        this.errorMessage = failure == null ? null : abbreviate(failure.message());
        this.finishedAt = now.truncatedTo(ChronoUnit.MICROS);
    }

    /** The container or upload this attempt publishes, known when it starts (made ahead of the time). */
    void publishes(String containerId) {
        this.containerId = containerId;
    }

    private static String abbreviate(String text) {
        return text == null || text.length() <= 2000 ? text : text.substring(0, 1997) + "...";
    }

    UUID id() { return id; }
    int number() { return number; }
    Instant startedAt() { return startedAt; }
    Instant finishedAt() { return finishedAt; }
    AttemptOutcome outcome() { return outcome; }
    String errorCode() { return errorCode; }
    String errorMessage() { return errorMessage; }
    String containerId() { return containerId; }
}
