package io.forkcast.captions;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** The stored form of a tenant's {@link OpeningHours}: one row per tenant, keyed by the tenant. */
@Entity
@Table(name = "opening_hours")
class StoredOpeningHours {

    @Id
    private UUID tenantId;

    @JdbcTypeCode(SqlTypes.JSON)
    private List<OpeningHours.WeeklyRange> weekly;

    @JdbcTypeCode(SqlTypes.JSON)
    private List<OpeningHours.DatedHours> exceptions;

    private Instant createdAt;

    private Instant updatedAt;

    @Version
    private long version;

    protected StoredOpeningHours() {
    }

    StoredOpeningHours(UUID tenantId, Instant now) {
        this.tenantId = tenantId;
        this.createdAt = now.truncatedTo(ChronoUnit.MICROS);
    }

    void replace(OpeningHours hours, Instant now) {
        this.weekly = new ArrayList<>(hours.weekly());
        this.exceptions = new ArrayList<>(hours.exceptions());
        this.updatedAt = now.truncatedTo(ChronoUnit.MICROS);
    }

    OpeningHours view() {
        return new OpeningHours(weekly, exceptions, updatedAt);
    }
}
