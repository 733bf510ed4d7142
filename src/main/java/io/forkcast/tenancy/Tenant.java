package io.forkcast.tenancy;

import io.forkcast.shared.Ids;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import java.time.Instant;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/** A restaurant using Forkcast: the root of everything it owns. */
@Entity
@Table(name = "tenants")
public class Tenant {

    @Id
    private UUID id;

    private String name;

    private String email;

    private String plan;

    private String timezone;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(name = "tenant_metadata")
    private Map<String, Object> metadata;

    private Instant createdAt;

    private Instant updatedAt;

    @Version
    private long version;

    protected Tenant() {
    }

    Tenant(String name, String email, Plan plan, ZoneId timezone, Map<String, Object> metadata, Instant now) {
        this.id = Ids.newId();
        this.name = name;
        this.email = email;
        this.plan = plan.name();
        this.timezone = timezone.getId();
        this.metadata = copy(metadata);
        this.createdAt = now.truncatedTo(ChronoUnit.MICROS);
        this.updatedAt = this.createdAt;
    }

    /** A tenant read without JPA ({@link TenantReads}): detached, for reading. */
    static Tenant restored(UUID id, String name, String email, String plan, String timezone,
            Map<String, Object> metadata, Instant createdAt, Instant updatedAt, long version) {
        Tenant tenant = new Tenant();
        tenant.id = id;
        tenant.name = name;
        tenant.email = email;
        tenant.plan = plan;
        tenant.timezone = timezone;
        tenant.metadata = copy(metadata);
        tenant.createdAt = createdAt;
        tenant.updatedAt = updatedAt;
        tenant.version = version;
        return tenant;
    }

    void rename(String name) {
        this.name = name;
    }

    void changeEmail(String email) {
        this.email = email;
    }

    void changePlan(Plan plan) {
        this.plan = plan.name();
    }

    void moveTo(ZoneId timezone) {
        this.timezone = timezone.getId();
    }

    void replaceMetadata(Map<String, Object> metadata) {
        this.metadata = copy(metadata);
    }

    void touch(Instant now) {
        this.updatedAt = now.truncatedTo(ChronoUnit.MICROS);
    }

    private static Map<String, Object> copy(Map<String, Object> metadata) {
        return metadata == null ? new LinkedHashMap<>() : new LinkedHashMap<>(metadata);
    }

    public TenantId id() {
        return new TenantId(id);
    }

    public String name() {
        return name;
    }

    public String email() {
        return email;
    }

    public String planName() {
        return plan;
    }

    public ZoneId timezone() {
        return ZoneId.of(timezone);
    }

    public Map<String, Object> metadata() {
        return Map.copyOf(metadata);
    }

    public Instant createdAt() {
        return createdAt;
    }

    public Instant updatedAt() {
        return updatedAt;
    }
}
