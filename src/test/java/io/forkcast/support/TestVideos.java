package io.forkcast.support;

import org.bytedeco.ffmpeg.global.avcodec;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacv.FFmpegFrameRecorder;
import org.bytedeco.javacv.Frame;
import org.bytedeco.javacv.Java2DFrameConverter;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ShortBuffer;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Videos made in the test with the same FFmpeg build the application reads them with (JavaCV): H.264 through
 * OpenH264, AAC sound. Each second has its own colour ({@link #colourAt}), so a poster or cover frame can be told
 * from another; the picture's left half is that colour and its right half black, so a rotation shows.
 */
public final class TestVideos {

    private static final Color[] COLOURS = {Color.RED, Color.GREEN, Color.BLUE, Color.YELLOW, Color.MAGENTA,
            Color.CYAN, Color.ORANGE, Color.WHITE};

    private TestVideos() {
    }

    /** What to make; {@link #of} gives a portrait 4 s H.264/AAC MP4 at 30 fps with its index at the front. */
    public record Spec(int width, int height, double seconds, int fps, double displayRotation, boolean faststart,
            boolean audio, int videoCodec, String container) {

        public Spec size(int width, int height) {
            return new Spec(width, height, seconds, fps, displayRotation, faststart, audio, videoCodec, container);
        }

        public Spec seconds(double seconds) {
            return new Spec(width, height, seconds, fps, displayRotation, faststart, audio, videoCodec, container);
        }

        public Spec fps(int fps) {
            return new Spec(width, height, seconds, fps, displayRotation, faststart, audio, videoCodec, container);
        }

        /** FFmpeg's display matrix angle (counter-clockwise): -90 makes a player turn the picture a quarter clockwise. */
        public Spec displayRotation(double degrees) {
            return new Spec(width, height, seconds, fps, degrees, faststart, audio, videoCodec, container);
        }

        /** The index (moov) after the media data, as a camera writes it. */
        public Spec indexAtEnd() {
            return new Spec(width, height, seconds, fps, displayRotation, false, audio, videoCodec, container);
        }

        public Spec codec(int codec) {
            return new Spec(width, height, seconds, fps, displayRotation, faststart, audio, codec, container);
        }

        public Spec mov() {
            return new Spec(width, height, seconds, fps, displayRotation, faststart, audio, videoCodec, "mov");
        }

        public byte[] bytes() {
            Path file = file();
            try {
                return Files.readAllBytes(file);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } finally {
                file.toFile().delete();
            }
        }

        /** Written to a temporary file, which the caller deletes. */
        public Path file() {
            try {
                Path file = Files.createTempFile("forkcast-test-video-", "." + container);
                write(this, file);
                return file;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    public static Spec of() {
        return new Spec(360, 640, 4, 30, 0, true, true, avcodec.AV_CODEC_ID_H264, "mp4");
    }

    /** The colour of the frames during second {@code second} (from 0). */
    public static Color colourAt(int second) {
        return COLOURS[second % COLOURS.length];
    }

    private static void write(Spec spec, Path file) throws IOException {
        avutil.av_log_set_level(avutil.AV_LOG_ERROR);
        int sampleRate = 44_100;
        try (FFmpegFrameRecorder recorder = new FFmpegFrameRecorder(file.toFile(), spec.width(), spec.height(),
                spec.audio() ? 1 : 0); Java2DFrameConverter converter = new Java2DFrameConverter()) {
            recorder.setFormat(spec.container());
            recorder.setVideoCodec(spec.videoCodec());
            recorder.setFrameRate(spec.fps());
            recorder.setGopSize(spec.fps());
            recorder.setVideoBitrate(Math.max(200_000, spec.width() * spec.height()));
            if (spec.displayRotation() != 0) {
                recorder.setDisplayRotation(spec.displayRotation());
            }
            if (spec.faststart()) {
                recorder.setOption("movflags", "+faststart");
            }
            if (spec.audio()) {
                recorder.setAudioCodec(avcodec.AV_CODEC_ID_AAC);
                recorder.setSampleRate(sampleRate);
                recorder.setAudioChannels(1);
            }
            recorder.start();
            int frames = (int) Math.round(spec.seconds() * spec.fps());
            BufferedImage image = new BufferedImage(spec.width(), spec.height(), BufferedImage.TYPE_3BYTE_BGR);
            short[] silence = new short[sampleRate / spec.fps()];
            for (int i = 0; i < frames; i++) {
                Graphics2D g = image.createGraphics();
                g.setColor(Color.BLACK);
                g.fillRect(0, 0, spec.width(), spec.height());
                g.setColor(colourAt(i / spec.fps()));
                g.fillRect(0, 0, spec.width() / 2, spec.height());
                g.dispose();
                Frame frame = converter.convert(image);
                recorder.record(frame);
                if (spec.audio()) {
                    recorder.recordSamples(sampleRate, 1, ShortBuffer.wrap(silence));
                }
            }
            recorder.stop();
        }
    }
}
