package io.forkcast.assets;

import io.forkcast.shared.InvalidFieldException;

import java.awt.Color;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;

/** The rules for what users name things: file names, folder names, tags, alt text, colours; and storage keys. */
final class AssetRules {

    static final int MAX_TAGS = 30;
    static final int MAX_TAG_LENGTH = 50;
    static final int MAX_ALT_TEXT = 1000;
    static final int MAX_NAME = 255;
    static final int MAX_PATH = 4096;

    private AssetRules() {
    }

    /**
     * A file name safe to keep and show: only its last path segment (so {@code ../../etc/passwd} is
     * {@code passwd}), no control characters nor bidirectional overrides (which disguise extensions), Unicode
     * normalised; letters of every script and emoji are kept. It is never used to store anything.
     */
    static String sanitiseFilename(String name, String extension, String fallbackName) {
        String fallback = fallbackName + "." + extension;
        if (name == null) {
            return fallback;
        }
        String cleaned = stripControls(Normalizer.normalize(name, Normalizer.Form.NFC));
        int slash = Math.max(cleaned.lastIndexOf('/'), cleaned.lastIndexOf('\\'));
        cleaned = cleaned.substring(slash + 1).strip();
        // Leading dots would make a hidden file or a relative path out of the name.
        while (cleaned.startsWith(".")) {
            cleaned = cleaned.substring(1).strip();
        }
        if (cleaned.isEmpty()) {
            return fallback;
        }
        return truncate(cleaned, MAX_NAME);
    }

    /** A file name's extension with its dot, for sentences; empty when it has none. */
    static String extensionOf(String filename) {
        int dot = filename == null ? -1 : filename.lastIndexOf('.');
        return dot < 0 ? "" : truncate(stripControls(filename.substring(dot)), 10);
    }

    /** A new file name given through the API: the same cleaning, but an empty result is an error. */
    static String newFilename(String name) {
        String cleaned = stripControls(Normalizer.normalize(name, Normalizer.Form.NFC)).strip();
        if (cleaned.contains("/") || cleaned.contains("\\")) {
            throw new InvalidFieldException("filename", "must not contain / or \\");
        }
        while (cleaned.startsWith(".")) {
            cleaned = cleaned.substring(1).strip();
        }
        if (cleaned.isEmpty()) {
            throw new InvalidFieldException("filename", "must contain visible characters");
        }
        return truncate(cleaned, MAX_NAME);
    }

    static String folderName(String name) {
        String cleaned = name == null ? "" : stripControls(Normalizer.normalize(name, Normalizer.Form.NFC)).strip();
        if (cleaned.isEmpty()) {
            throw new InvalidFieldException("name", "must not be blank");
        }
        if (cleaned.contains("/") || cleaned.contains("\\")) {
            throw new InvalidFieldException("name", "must not contain / or \\");
        }
        if (cleaned.equals(".") || cleaned.equals("..")) {
            throw new InvalidFieldException("name", "must not be . or ..");
        }
        if (cleaned.length() > MAX_NAME) {
            throw new InvalidFieldException("name", "must be at most " + MAX_NAME + " characters");
        }
        return cleaned;
    }

    /** Tags: trimmed, lower case, inner spaces collapsed, duplicates dropped; commas separate several. */
    static List<String> tags(List<String> raw, String field) {
        if (raw == null) {
            return List.of();
        }
        Set<String> tags = new LinkedHashSet<>();
        for (String value : raw) {
            if (value == null) {
                throw new InvalidFieldException(field, "must not contain null");
            }
            for (String part : value.split(",")) {
                String tag = stripControls(Normalizer.normalize(part, Normalizer.Form.NFC))
                        .strip().replaceAll("\\s+", " ").toLowerCase(Locale.ROOT);
                if (tag.isEmpty()) {
                    continue;
                }
                if (tag.length() > MAX_TAG_LENGTH) {
                    throw new InvalidFieldException(field, "each tag must be at most " + MAX_TAG_LENGTH + " characters");
                }
                tags.add(tag);
            }
        }
        if (tags.size() > MAX_TAGS) {
            throw new InvalidFieldException(field, "at most " + MAX_TAGS + " tags");
        }
        return new ArrayList<>(tags);
    }

    static String altText(String altText) {
        if (altText == null) {
            return null;
        }
        String cleaned = stripControls(altText).strip();
        if (cleaned.length() > MAX_ALT_TEXT) {
            throw new InvalidFieldException("alt_text", "must be at most " + MAX_ALT_TEXT + " characters");
        }
        return cleaned.isEmpty() ? null : cleaned;
    }

    static ImagePipeline.Fit fit(String fit) {
        if (fit == null || fit.isBlank()) {
            return ImagePipeline.Fit.CROP;
        }
        return switch (fit.strip().toLowerCase(Locale.ROOT)) {
            case "crop" -> ImagePipeline.Fit.CROP;
            case "pad" -> ImagePipeline.Fit.PAD;
            default -> throw new InvalidFieldException("fit", "must be crop or pad");
        };
    }

    static Color padColor(String color) {
        if (color == null || color.isBlank()) {
            return Color.WHITE;
        }
        if (!color.strip().matches("#[0-9A-Fa-f]{6}")) {
            throw new InvalidFieldException("pad_color", "must be a colour like #FFFFFF");
        }
        return new Color(Integer.parseInt(color.strip().substring(1), 16));
    }

    static String hex(Color color) {
        return "#%02X%02X%02X".formatted(color.getRed(), color.getGreen(), color.getBlue());
    }

    /**
     * The storage folder of a tenant: a digest of its id, so that no stored key (which a presigned S3 URL shows)
     * reveals the tenant, while every file of a tenant still shares one prefix to delete.
     */
    static String tenantPrefix(UUID tenantId) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest(("forkcast-media-tenant:" + tenantId).getBytes(StandardCharsets.UTF_8));
            return "t" + HexFormat.of().formatHex(digest, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static String assetPrefix(UUID tenantId, UUID assetId) {
        return tenantPrefix(tenantId) + "/" + assetId;
    }

    private static String stripControls(String value) {
        StringBuilder out = new StringBuilder(value.length());
        value.codePoints().forEach(cp -> {
            boolean control = Character.getType(cp) == Character.CONTROL;
            boolean bidiOverride = (cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2066 && cp <= 0x2069);
            boolean lone = Character.getType(cp) == Character.SURROGATE;
            if (!control && !bidiOverride && !lone && cp != 0xFEFF) {
                out.appendCodePoint(cp);
            }
        });
        return out.toString();
    }

    private static String truncate(String value, int maxChars) {
        if (value.length() <= maxChars) {
            return value;
        }
        int dot = value.lastIndexOf('.');
        String extension = dot > 0 && value.length() - dot <= 10 ? value.substring(dot) : "";
        int keep = maxChars - extension.length();
        // Never cut a surrogate pair in half.
        if (Character.isHighSurrogate(value.charAt(keep - 1))) {
            keep--;
        }
        return value.substring(0, keep) + extension;
    }
}
