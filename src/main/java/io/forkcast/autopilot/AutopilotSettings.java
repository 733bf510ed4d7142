package io.forkcast.autopilot;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import java.time.Instant;
import java.time.LocalTime;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

/** A restaurant's autopilot settings; a restaurant without a row has the defaults of {@link AutopilotProperties}. */
@Entity
@Table(name = "autopilot_settings")
class AutopilotSettings {

    @Id
    private UUID tenantId;
    private LocalTime specialsTime;
    private SpecialsMode specialsMode;
    private String country;
    private String region;
    private int comingUpDays;
    private Instant createdAt;
    private Instant updatedAt;
    @Version
    private long version;

    protected AutopilotSettings() {
    }

    AutopilotSettings(UUID tenantId, AutopilotProperties defaults, Instant now) {
        this.tenantId = tenantId;
        this.specialsTime = defaults.specialsTime();
        this.specialsMode = SpecialsMode.DRAFT;
        this.comingUpDays = defaults.comingUpDays();
        this.createdAt = now.truncatedTo(ChronoUnit.MICROS);
        this.updatedAt = createdAt;
    }

    void change(AutopilotSettingsView settings, Instant now) {
        this.specialsTime = settings.specialsTime().withSecond(0).withNano(0);
        this.specialsMode = settings.specialsMode();
        this.country = settings.country() == null ? null : settings.country().toUpperCase();
        this.region = settings.region() == null || settings.region().isBlank() ? null
                : settings.region().strip().toLowerCase();
        this.comingUpDays = settings.comingUpDays();
        this.updatedAt = now.truncatedTo(ChronoUnit.MICROS);
    }

    AutopilotSettingsView view() {
        return new AutopilotSettingsView(specialsTime, specialsMode, country, region, comingUpDays);
    }

    UUID tenantId() {
        return tenantId;
    }
}
