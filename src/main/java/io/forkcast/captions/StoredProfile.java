package io.forkcast.captions;

import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
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

/** The stored form of a tenant's {@link RestaurantProfile}: one row per tenant, keyed by the tenant. */
@Entity
@Table(name = "restaurant_profiles")
class StoredProfile {

    @Id
    private UUID tenantId;

    private String name;

    private String cuisine;

    private String description;

    private String city;

    @Enumerated(EnumType.STRING)
    @JdbcTypeCode(SqlTypes.VARCHAR)
    private Tone voice;

    @JdbcTypeCode(SqlTypes.JSON)
    private List<String> signatureHashtags;

    @JdbcTypeCode(SqlTypes.JSON)
    private List<String> bannedWords;

    private String defaultLanguage;

    @Enumerated(EnumType.STRING)
    @JdbcTypeCode(SqlTypes.VARCHAR)
    private EmojiLevel emojiLevel;

    private String placePageId;

    private String placeName;

    private String placeAddress;

    private Instant createdAt;

    private Instant updatedAt;

    @Version
    private long version;

    protected StoredProfile() {
    }

    StoredProfile(UUID tenantId, Instant now) {
        this.tenantId = tenantId;
        this.createdAt = now.truncatedTo(ChronoUnit.MICROS);
    }

    void replace(RestaurantProfile profile, Instant now) {
        this.name = blankToNull(profile.name());
        this.cuisine = blankToNull(profile.cuisine());
        this.description = blankToNull(profile.description());
        this.city = blankToNull(profile.city());
        this.voice = profile.voice();
        this.signatureHashtags = new ArrayList<>(profile.signatureHashtags());
        this.bannedWords = new ArrayList<>(profile.bannedWords());
        this.defaultLanguage = profile.defaultLanguage();
        this.emojiLevel = profile.emojiLevel();
        this.updatedAt = now.truncatedTo(ChronoUnit.MICROS);
    }

    /** Sets (or, with null, removes) the restaurant's place; the rest of the profile stays. */
    void place(RestaurantPlace place, Instant now) {
        this.placePageId = place == null ? null : place.pageId();
        this.placeName = place == null ? null : place.name();
        this.placeAddress = place == null ? null : place.address();
        this.updatedAt = now.truncatedTo(ChronoUnit.MICROS);
    }

    java.util.Optional<RestaurantPlace> place() {
        return placePageId == null ? java.util.Optional.empty()
                : java.util.Optional.of(new RestaurantPlace(placePageId, placeName, placeAddress));
    }

    RestaurantProfile view() {
        return new RestaurantProfile(name, cuisine, description, city, voice, signatureHashtags, bannedWords,
                defaultLanguage, emojiLevel, updatedAt);
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
