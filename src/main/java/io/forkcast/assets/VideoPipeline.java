package io.forkcast.assets;

import io.forkcast.shared.DomainException;
import io.forkcast.shared.MediaFacts;
import io.forkcast.shared.Platform;
import net.coobird.thumbnailator.Thumbnails;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avformat.AVFormatContext;
import org.bytedeco.ffmpeg.avformat.AVStream;
import org.bytedeco.ffmpeg.global.avcodec;
import org.bytedeco.ffmpeg.global.avformat;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacpp.Loader;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.FrameGrabber;
import org.bytedeco.javacv.Java2DFrameConverter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

import java.awt.Graphics2D;
import java.awt.geom.AffineTransform;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;

/**
 * Reads an uploaded video with FFmpeg inside the JVM (JavaCV's bundled build: nothing installed on the machine):
 * its facts (duration, picture size, rotation, frame rate, codecs, bitrate) and a poster frame, a JPEG at most
 * {@value #POSTER_MAX_WIDTH} pixels wide and its {@value ImagePipeline#THUMBNAIL_SIZE}-pixel thumbnail for the
 * library's grid. The file is read from disk, never whole into memory: the demuxer reads the index, every packet's
 * header (to find a file that stops before the end it declares) and decodes one frame.
 *
 * <p>Where the natives do not load (an operating system or processor not bundled), or video is switched off, the
 * reason is logged once at start-up and video uploads are refused with it; photos work as before.
 */
@Component
class VideoPipeline {

    private static final Logger log = LoggerFactory.getLogger(VideoPipeline.class);

    static final int POSTER_MAX_WIDTH = 1080;
    /** The poster frame when none is chosen: one second in (the first frame is often black), or the middle. */
    static final long DEFAULT_POSTER_MILLIS = 1000;
    /** How much shorter than declared a file's video may end before it counts as cut off. */
    private static final long TRUNCATION_TOLERANCE_MILLIS = 500;

    /** A video as read at upload: its facts, how it is stored (before rotation), and its poster. */
    record Probed(MediaFacts facts, int storedWidth, int storedHeight, int rotation, String container, Poster poster) {
    }

    /** A frame of the video as JPEGs: full (at most 1080 wide) and the grid's thumbnail. */
    record Poster(long offsetMillis, ImagePipeline.Derivative full, ImagePipeline.Derivative thumbnail) {
    }

    private static final String SWITCHED_OFF = "video is switched off (forkcast.assets.video-enabled=false)";

    private final boolean enabled;
    private final DecodeThreads decodeThreads;

    VideoPipeline(AssetsProperties properties, DecodeThreads decodeThreads) {
        this.decodeThreads = decodeThreads;
        this.enabled = properties.videoEnabled();
        if (!enabled) {
            log.warn("Video uploads are refused: {}. Photos work as usual.", SWITCHED_OFF);
        }
    }

    /**
     * FFmpeg's natives, loaded by the first video rather than at start-up: loading them costs seconds of CPU and
     * tens of MB of memory that an instance serving photos only never needs.
     */
    private static final class FFmpeg {
        static final Optional<String> UNAVAILABLE = load();

        private static Optional<String> load() {
            try {
                Loader.load(avformat.class);
                Loader.load(avcodec.class);
                // FFmpeg's own messages about damaged files go to stderr; the refusal says what matters instead.
                avutil.av_log_set_level(avutil.AV_LOG_QUIET);
                return Optional.empty();
            } catch (LinkageError | RuntimeException e) {
                String reason = "the FFmpeg natives do not load on " + System.getProperty("os.name") + " "
                        + System.getProperty("os.arch") + " (" + e.getClass().getSimpleName() + ")";
                log.warn("Video uploads are refused: {}. Photos work as usual.", reason);
                return Optional.of(reason);
            }
        }
    }

    /** Why video is off on this instance; empty when it is on. Loads FFmpeg's natives at the first call. */
    Optional<String> unavailable() {
        return enabled ? FFmpeg.UNAVAILABLE : Optional.of(SWITCHED_OFF);
    }

    /**
     * Reads a video's facts and its poster frame.
     *
     * @throws DomainException 415 when the file is not a readable MP4 or MOV video, 422 when it is cut off or no
     *                         network takes it anywhere (naming the rule and the file's value)
     */
    Probed probe(Path file, VideoFormat format, long size) {
        refuseIfUnavailable();
        return decodeThreads.run(() -> probeHere(file, format, size));
    }

    private Probed probeHere(Path file, VideoFormat format, long size) {
        try (FFmpegFrameGrabber grabber = new FFmpegFrameGrabber(file.toFile())) {
            try {
                grabber.start();
            } catch (FrameGrabber.Exception e) {
                throw new DomainException(HttpStatus.UNPROCESSABLE_CONTENT, "The file starts like " + describe(format)
                        + " video but cannot be read as one: it is cut off or damaged (its index is missing or "
                        + "unreadable). Upload the whole file again.");
            }
            String container = grabber.getFormat();
            if (container == null || !container.contains("mov") && !container.contains("mp4")) {
                throw new DomainException(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "The file starts like " + describe(format)
                        + " video but its content is " + container + "; upload an MP4 or MOV video.");
            }
            AVFormatContext context = grabber.getFormatContext();
            int videoStream = avformat.av_find_best_stream(context, avutil.AVMEDIA_TYPE_VIDEO, -1, -1,
                    (org.bytedeco.ffmpeg.avcodec.AVCodec) null, 0);
            if (videoStream < 0 || grabber.getImageWidth() <= 0 || grabber.getImageHeight() <= 0) {
                throw new DomainException(HttpStatus.UNPROCESSABLE_CONTENT, "The file is " + describe(format)
                        + " without a picture (sound only, perhaps); upload a video.");
            }
            long durationMillis = grabber.getLengthInTime() / 1000;
            if (durationMillis <= 0) {
                throw new DomainException(HttpStatus.UNPROCESSABLE_CONTENT,
                        "The video declares no duration; it is damaged. Upload the whole file again.");
            }
            int rotation = rotation(grabber.getDisplayRotation());
            int width = grabber.getImageWidth();
            int height = grabber.getImageHeight();
            boolean sideways = rotation == 90 || rotation == 270;
            String audioCodec = grabber.hasAudio() ? grabber.getAudioCodecName() : null;
            MediaFacts facts = new MediaFacts(MediaFacts.Kind.VIDEO, sideways ? height : width,
                    sideways ? width : height, size, durationMillis, round(grabber.getVideoFrameRate()),
                    codecName(grabber.getVideoCodecName()), codecName(audioCodec), Math.max(0, context.bit_rate()));
            Platform.videoPublishableNowhere(facts).ifPresent(problem -> {
                throw new DomainException(HttpStatus.UNPROCESSABLE_CONTENT, problem);
            });
            long endMillis = videoEnd(grabber, context, videoStream);
            if (endMillis < durationMillis - TRUNCATION_TOLERANCE_MILLIS) {
                throw new DomainException(HttpStatus.UNPROCESSABLE_CONTENT, String.format(Locale.ROOT,
                        "The video is cut off: its picture stops at %.1f s of the %.1f s it declares. Upload the "
                                + "whole file again.", endMillis / 1000.0, durationMillis / 1000.0));
            }
            Poster poster = poster(grabber, defaultPosterMillis(durationMillis), rotation);
            return new Probed(facts, width, height, rotation, container, poster);
        } catch (FrameGrabber.Exception e) {
            throw new DomainException(HttpStatus.UNPROCESSABLE_CONTENT,
                    "The video cannot be decoded: it is damaged. Upload the whole file again.");
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** The frame at {@code offsetMillis} of a stored video as a poster (the owner's chosen cover). */
    Poster posterAt(Path file, long offsetMillis, int rotation) {
        refuseIfUnavailable();
        return decodeThreads.run(() -> posterHere(file, offsetMillis, rotation));
    }

    private Poster posterHere(Path file, long offsetMillis, int rotation) {
        try (FFmpegFrameGrabber grabber = new FFmpegFrameGrabber(file.toFile())) {
            grabber.start();
            return poster(grabber, offsetMillis, rotation);
        } catch (FrameGrabber.Exception e) {
            throw new DomainException(HttpStatus.UNPROCESSABLE_CONTENT, "No frame can be read at "
                    + offsetMillis + " ms of this video.");
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    static long defaultPosterMillis(long durationMillis) {
        return durationMillis > 2 * DEFAULT_POSTER_MILLIS ? DEFAULT_POSTER_MILLIS : durationMillis / 2;
    }

    private void refuseIfUnavailable() {
        unavailable().ifPresent(reason -> {
            throw new DomainException(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "Videos cannot be uploaded here: " + reason
                    + ". Photos can.");
        });
    }

    /**
     * Where the video's last whole packet ends, in milliseconds: the demuxer reads every packet's header, skipping
     * the payloads; a file cut off in its media data ends early or with a packet marked corrupt.
     */
    private static long videoEnd(FFmpegFrameGrabber grabber, AVFormatContext context, int videoStream)
            throws FrameGrabber.Exception {
        AVStream stream = context.streams(videoStream);
        double timeBase = stream.time_base().num() / (double) stream.time_base().den();
        long startPts = stream.start_time() == avutil.AV_NOPTS_VALUE ? 0 : stream.start_time();
        long end = 0;
        for (AVPacket packet = grabber.grabPacket(); packet != null; packet = grabber.grabPacket()) {
            try {
                if (packet.stream_index() != videoStream) {
                    continue;
                }
                if ((packet.flags() & avcodec.AV_PKT_FLAG_CORRUPT) != 0) {
                    break;
                }
                long pts = packet.pts() == avutil.AV_NOPTS_VALUE ? packet.dts() : packet.pts();
                if (pts != avutil.AV_NOPTS_VALUE) {
                    end = Math.max(end, (long) ((pts - startPts + Math.max(packet.duration(), 0)) * timeBase * 1000));
                }
            } finally {
                avcodec.av_packet_unref(packet);
            }
        }
        grabber.setTimestamp(0);
        return end;
    }

    private Poster poster(FFmpegFrameGrabber grabber, long offsetMillis, int rotation)
            throws FrameGrabber.Exception, IOException {
        long target = offsetMillis * 1000;
        grabber.setTimestamp(target);
        BufferedImage frame;
        try (Java2DFrameConverter converter = new Java2DFrameConverter()) {
            org.bytedeco.javacv.Frame grabbed = grabber.grabImage();
            // With B-frames (HEVC from phones, x264 at most presets) the seek can stop a frame short of the offset:
            // step on to the frame shown at the offset, as a player would show it.
            double frameRate = grabber.getFrameRate();
            long halfFrame = frameRate > 0 ? (long) (500_000 / frameRate) : 0;
            for (int stepped = 0; grabbed != null && grabbed.timestamp + halfFrame < target && stepped < 120;
                    stepped++) {
                org.bytedeco.javacv.Frame next = grabber.grabImage();
                if (next == null) {
                    break;
                }
                grabbed = next;
            }
            if (grabbed == null) {
                grabber.setTimestamp(0);
                grabbed = grabber.grabImage();
            }
            if (grabbed == null) {
                throw new DomainException(HttpStatus.UNPROCESSABLE_CONTENT,
                        "No frame of the video can be decoded: it is damaged.");
            }
            // Copied: the converter's image shares the grabber's buffer, which the next grab overwrites.
            frame = rotated(converter.getBufferedImage(grabbed), rotation);
        }
        int width = Math.min(POSTER_MAX_WIDTH, frame.getWidth());
        int height = Math.max(1, (int) Math.round((double) frame.getHeight() * width / frame.getWidth()));
        BufferedImage full = width == frame.getWidth() ? frame : Thumbnails.of(frame).forceSize(width, height)
                .imageType(ImagePipeline.JPEG_PIXELS).asBufferedImage();
        ImagePipeline.Size small = ImagePipeline.thumbnailSize(full.getWidth(), full.getHeight());
        BufferedImage thumbnail = Thumbnails.of(full).forceSize(small.width(), small.height())
                .imageType(ImagePipeline.JPEG_PIXELS).asBufferedImage();
        return new Poster(offsetMillis,
                new ImagePipeline.Derivative(ImagePipeline.jpeg(full, ImagePipeline.INSTAGRAM_QUALITY / 100f),
                        ImageFormat.JPEG, full.getWidth(), full.getHeight()),
                new ImagePipeline.Derivative(ImagePipeline.jpeg(thumbnail, ImagePipeline.THUMBNAIL_QUALITY / 100f),
                        ImageFormat.JPEG, thumbnail.getWidth(), thumbnail.getHeight()));
    }

    /** The frame turned as the player shows it, in a fresh image of the JPEG encoder's pixel layout. */
    private static BufferedImage rotated(BufferedImage image, int rotation) {
        boolean sideways = rotation == 90 || rotation == 270;
        int width = sideways ? image.getHeight() : image.getWidth();
        int height = sideways ? image.getWidth() : image.getHeight();
        BufferedImage out = new BufferedImage(width, height, ImagePipeline.JPEG_PIXELS);
        Graphics2D g = out.createGraphics();
        try {
            AffineTransform transform = new AffineTransform();
            transform.translate(width / 2.0, height / 2.0);
            transform.rotate(Math.toRadians(rotation));
            transform.translate(-image.getWidth() / 2.0, -image.getHeight() / 2.0);
            g.drawImage(image, transform, null);
        } finally {
            g.dispose();
        }
        return out;
    }

    /** FFmpeg's display matrix angle is counter-clockwise; players turn the picture clockwise by its negation. */
    static int rotation(double displayRotation) {
        long degrees = Math.round(-displayRotation);
        return (int) (((degrees % 360) + 360) % 360);
    }

    private static String codecName(String name) {
        return name == null ? null : name.toLowerCase(Locale.ROOT);
    }

    private static double round(double value) {
        return Math.round(value * 1000) / 1000.0;
    }

    private static String describe(VideoFormat format) {
        return format == VideoFormat.MOV ? "a QuickTime (MOV)" : "an MP4";
    }
}
