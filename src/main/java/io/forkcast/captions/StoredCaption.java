package io.forkcast.captions;

import io.forkcast.shared.Platform;
import io.forkcast.shared.Ids;
import io.forkcast.tenancy.TenantId;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** A caption variant as returned to a client; immutable once written. */
@Entity
@Table(name = "generated_captions")
class StoredCaption {

    @Id
    private UUID id;

    private UUID tenantId;

    private UUID menuItemId;

    private String itemName;

    @Enumerated(EnumType.STRING)
    @JdbcTypeCode(SqlTypes.VARCHAR)
    private Platform platform;

    @Enumerated(EnumType.STRING)
    @JdbcTypeCode(SqlTypes.VARCHAR)
    private Tone tone;

    private String language;

    @Column(name = "caption_text")
    private String text;

    @JdbcTypeCode(SqlTypes.JSON)
    private List<String> hashtags;

    private String writer;

    private String model;

    private double maxSimilarity;

    private String similarTo;

    private boolean tooSimilar;

    private int attempts;

    private Instant createdAt;

    /** The meaning similarity it was judged by; {@code null} when it was judged on wording alone. */
    private Double meaningSimilarity;

    private String embeddingModel;

    @JdbcTypeCode(SqlTypes.VARBINARY)
    private byte[] embedding;

    @JdbcTypeCode(SqlTypes.JSON)
    private List<String> examplesUsed;

    private String examplesNote;

    @JdbcTypeCode(SqlTypes.JSON)
    private List<String> imagesUsed;

    protected StoredCaption() {
    }

    StoredCaption(TenantId tenantId, UUID menuItemId, String itemName, Platform platform, Tone tone, String language,
            String text, List<String> hashtags, String writer, String model, double maxSimilarity, String similarTo,
            boolean tooSimilar, int attempts, Instant now) {
        this.id = Ids.newId();
        this.tenantId = tenantId.value();
        this.menuItemId = menuItemId;
        this.itemName = itemName;
        this.platform = platform;
        this.tone = tone;
        this.language = language;
        this.text = text;
        this.hashtags = new ArrayList<>(hashtags);
        this.writer = writer;
        this.model = model;
        this.maxSimilarity = maxSimilarity;
        this.similarTo = similarTo;
        this.tooSimilar = tooSimilar;
        this.attempts = attempts;
        this.createdAt = now.truncatedTo(ChronoUnit.MICROS);
    }

    /** Its embedding, of {@code model}, as stored with it (the export carries them too: they are the tenant's data). */
    StoredCaption withMeaning(Double similarity, String model, float[] vector) {
        this.meaningSimilarity = similarity;
        this.embeddingModel = vector == null ? null : model;
        this.embedding = vector == null ? null : Meaning.encode(vector);
        return this;
    }

    /** What fed the prompt: the examples quoted (and why none) and the photos read. */
    StoredCaption withInputs(List<String> examplesUsed, String examplesNote, List<String> imagesUsed) {
        this.examplesUsed = new ArrayList<>(examplesUsed);
        this.examplesNote = examplesNote;
        this.imagesUsed = new ArrayList<>(imagesUsed);
        return this;
    }

    List<String> examplesUsed() {
        return examplesUsed == null ? List.of() : List.copyOf(examplesUsed);
    }

    /** {@code examples}, {@code no_history} or {@code offline_writer}; {@code null} for captions from before. */
    String examplesNote() {
        return examplesNote;
    }

    List<String> imagesUsed() {
        return imagesUsed == null ? List.of() : List.copyOf(imagesUsed);
    }

    Double meaningSimilarity() {
        return meaningSimilarity;
    }

    String embeddingModel() {
        return embeddingModel;
    }

    byte[] embedding() {
        return embedding;
    }

    UUID id() {
        return id;
    }

    UUID tenantId() {
        return tenantId;
    }

    UUID menuItemId() {
        return menuItemId;
    }

    String itemName() {
        return itemName;
    }

    Platform platform() {
        return platform;
    }

    Tone tone() {
        return tone;
    }

    String language() {
        return language;
    }

    String text() {
        return text;
    }

    List<String> hashtags() {
        return List.copyOf(hashtags);
    }

    String writer() {
        return writer;
    }

    String model() {
        return model;
    }

    double maxSimilarity() {
        return maxSimilarity;
    }

    String similarTo() {
        return similarTo;
    }

    boolean tooSimilar() {
        return tooSimilar;
    }

    int attempts() {
        return attempts;
    }

    Instant createdAt() {
        return createdAt;
    }
}
