package io.forkcast.assets;

import io.forkcast.shared.MediaFacts;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The {@code metadata} of a video asset: {@code original} (as stored and as displayed, like a photo's), {@code video}
 * (duration, frame rate, codecs, bitrate, container, rotation, cover), {@code thumbnail} and {@code instagram} (for a
 * video, its poster frame: the cover when the owner chose one); and the {@link MediaFacts} read back from it.
 */
final class VideoMetadata {

    private VideoMetadata() {
    }

    static Map<String, Object> of(VideoPipeline.Probed probed, VideoFormat format, long size) {
        MediaFacts facts = probed.facts();
        Map<String, Object> original = new LinkedHashMap<>();
        original.put("width", probed.storedWidth());
        original.put("height", probed.storedHeight());
        original.put("format", format.name().toLowerCase(Locale.ROOT));
        original.put("size", size);
        original.put("aspect", Math.round(facts.aspect() * 10_000) / 10_000.0);
        original.put("display_width", facts.width());
        original.put("display_height", facts.height());
        Map<String, Object> video = new LinkedHashMap<>();
        video.put("duration_ms", facts.durationMillis());
        video.put("frame_rate", facts.frameRate());
        video.put("video_codec", facts.videoCodec());
        video.put("audio_codec", facts.audioCodec());
        video.put("bitrate", facts.bitrate());
        video.put("rotation", probed.rotation());
        video.put("container", probed.container());
        video.put("poster_offset_ms", probed.poster().offsetMillis());
        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put("original", original);
        metadata.put("video", video);
        metadata.put("thumbnail", describe(probed.poster().thumbnail()));
        metadata.put("instagram", describe(probed.poster().full()));
        return metadata;
    }

    /** The metadata after the owner chose a cover: a new poster frame, or an image of the library. */
    static Map<String, Object> withCover(Map<String, Object> metadata, VideoPipeline.Poster poster,
            Map<String, Object> cover) {
        Map<String, Object> changed = new LinkedHashMap<>(metadata);
        Map<String, Object> video = new LinkedHashMap<>(section(metadata, "video"));
        if (cover == null) {
            video.remove("cover");
        } else {
            video.put("cover", cover);
        }
        if (poster != null) {
            video.put("poster_offset_ms", poster.offsetMillis());
            changed.put("thumbnail", describe(poster.thumbnail()));
            changed.put("instagram", describe(poster.full()));
        }
        changed.put("video", video);
        return changed;
    }

    static Map<String, Object> describe(ImagePipeline.Derivative derivative) {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("width", derivative.width());
        map.put("height", derivative.height());
        map.put("format", derivative.format().name().toLowerCase(Locale.ROOT));
        map.put("size", derivative.bytes().length);
        map.put("aspect", Math.round(derivative.aspect() * 10_000) / 10_000.0);
        return map;
    }

    /** What the networks' rules look at, read from an asset's metadata. */
    static MediaFacts facts(BrandAsset asset) {
        Map<String, Object> metadata = asset.metadata() == null ? Map.of() : asset.metadata();
        Map<String, Object> original = section(metadata, "original");
        if (!VideoFormat.isVideo(asset.fileType())) {
            // What is published is the Instagram copy; its size is what Instagram receives.
            Map<String, Object> instagram = section(metadata, "instagram");
            return MediaFacts.photo(integer(instagram, "width", integer(original, "display_width", 0)),
                    integer(instagram, "height", integer(original, "display_height", 0)), asset.fileSize());
        }
        Map<String, Object> video = section(metadata, "video");
        return new MediaFacts(MediaFacts.Kind.VIDEO, integer(original, "display_width", 0),
                integer(original, "display_height", 0), asset.fileSize(), number(video, "duration_ms").longValue(),
                number(video, "frame_rate").doubleValue(), (String) video.get("video_codec"),
                (String) video.get("audio_codec"), number(video, "bitrate").longValue());
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> section(Map<String, Object> metadata, String name) {
        return metadata.get(name) instanceof Map<?, ?> map ? (Map<String, Object>) map : Map.of();
    }

    private static int integer(Map<String, Object> section, String key, int fallback) {
        return section.get(key) instanceof Number n ? n.intValue() : fallback;
    }

    private static Number number(Map<String, Object> section, String key) {
        return section.get(key) instanceof Number n ? n : 0;
    }
}
