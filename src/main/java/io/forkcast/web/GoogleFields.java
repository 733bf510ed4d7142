package io.forkcast.web;

import io.forkcast.shared.GooglePost;
import io.forkcast.shared.InvalidFieldException;

import java.net.URI;
import java.time.LocalDateTime;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * Compose's fields for a Google listing's post ({@code google_type}, {@code google_action}, ...) read into the
 * posts module's {@link GooglePost}, whose rules are then checked by the posts module as for the API. Only the
 * fields of the chosen type count: a title typed before switching back to "What's new" is not sent.
 */
final class GoogleFields {

    /** The form's field of each of the posts module's {@code targets.google.*} names. */
    static final Map<String, String> FORM_FIELDS = Map.of("targets.google", "google_type",
            "targets.google.type", "google_type", "targets.google.action", "google_action",
            "targets.google.action_url", "google_action_url", "targets.google.title", "google_title",
            "targets.google.starts_at", "google_starts_at", "targets.google.ends_at", "google_ends_at",
            "targets.google.coupon_code", "google_coupon_code", "targets.google.redeem_url", "google_redeem_url",
            "targets.google.terms", "google_terms");

    private GoogleFields() {
    }

    /**
     * The post's Google fields as the form sends them; a value that is not a web address or a date and time is
     * refused naming its field ({@code strict}), or left out (the preview, asked while the owner types).
     */
    static GooglePost read(Function<String, String> form, boolean strict) {
        GooglePost.Type type = choice(GooglePost.Type.class, form.apply("google_type"), "google_type", strict);
        GooglePost.Type kind = type == null ? GooglePost.Type.WHATS_NEW : type;
        GooglePost.Action action = choice(GooglePost.Action.class, form.apply("google_action"), "google_action",
                strict);
        boolean dated = kind != GooglePost.Type.WHATS_NEW;
        boolean offer = kind == GooglePost.Type.OFFER;
        return new GooglePost(kind, action,
                action == null || action == GooglePost.Action.CALL ? null
                        : address(form.apply("google_action_url"), "google_action_url", strict),
                dated ? FormInput.blankToNull(form.apply("google_title")) : null,
                dated ? time(form.apply("google_starts_at"), "google_starts_at", strict) : null,
                dated ? time(form.apply("google_ends_at"), "google_ends_at", strict) : null,
                offer ? FormInput.blankToNull(form.apply("google_coupon_code")) : null,
                offer ? address(form.apply("google_redeem_url"), "google_redeem_url", strict) : null,
                offer ? FormInput.blankToNull(form.apply("google_terms")) : null);
    }

    private static <E extends Enum<E>> E choice(Class<E> type, String value, String field, boolean strict) {
        try {
            return FormInput.choice(type, value, field);
        } catch (InvalidFieldException e) {
            if (strict) {
                throw e;
            }
            return null;
        }
    }

    private static URI address(String value, String field, boolean strict) {
        return parsed(value, field, strict, URI::new,
                "Write a web address such as https://trattoria.example/book.");
    }

    private static LocalDateTime time(String value, String field, boolean strict) {
        return parsed(value, field, strict, LocalDateTime::parse, "must be a date and time such as 2026-05-31T19:30");
    }

    /** How a typed value is read; it throws when the value is not one. */
    private interface Reader<T> {
        T read(String typed) throws Exception;
    }

    /** A typed value read, null when blank; one that cannot be read is refused ({@code strict}) or left out. */
    private static <T> T parsed(String value, String field, boolean strict, Reader<T> reader, String refusal) {
        String typed = FormInput.blankToNull(value);
        if (typed == null) {
            return null;
        }
        try {
            return reader.read(typed);
        } catch (Exception e) {
            if (strict) {
                throw new InvalidFieldException(field, refusal);
            }
            return null;
        }
    }

    /** The choices of the form's selects, in the owner's words. */
    static Map<String, String> typeLabels() {
        return ordered(GooglePost.Type.values(), type -> switch (type) {
            case WHATS_NEW -> "What's new";
            case OFFER -> "Offer";
            case EVENT -> "Event";
        });
    }

    static Map<String, String> actionLabels() {
        return ordered(GooglePost.Action.values(), NetworkPreviews::buttonLabel);
    }

    private static <E extends Enum<E>> Map<String, String> ordered(E[] values, Function<E, String> label) {
        Map<String, String> labels = new java.util.LinkedHashMap<>();
        for (E value : values) {
            labels.put(value.name().toLowerCase(Locale.ROOT), label.apply(value));
        }
        return labels;
    }
}
