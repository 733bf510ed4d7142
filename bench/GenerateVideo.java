import org.bytedeco.ffmpeg.global.avcodec;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacv.FFmpegFrameRecorder;
import org.bytedeco.javacv.Java2DFrameConverter;

import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.io.File;
import java.nio.ShortBuffer;
import java.util.Random;

/**
 * Writes an H.264/AAC MP4 of about the asked size for bench/video.sh: 1080×1920 at 30 fps with noise in every frame,
 * so that the encoder cannot compress it away, at a bitrate that reaches the size in about 40 seconds.
 * Usage: java -cp <the jar's libraries> bench/GenerateVideo.java <file> <megabytes>
 */
public class GenerateVideo {
    public static void main(String[] args) throws Exception {
        File file = new File(args[0]);
        long bytes = Long.parseLong(args[1]) * 1_000_000L;
        int width = 1080, height = 1920, fps = 30, seconds = 40;
        avutil.av_log_set_level(avutil.AV_LOG_ERROR);
        Random random = new Random(17);
        try (FFmpegFrameRecorder recorder = new FFmpegFrameRecorder(file, width, height, 1);
             Java2DFrameConverter converter = new Java2DFrameConverter()) {
            recorder.setFormat("mp4");
            recorder.setVideoCodec(avcodec.AV_CODEC_ID_H264);
            recorder.setAudioCodec(avcodec.AV_CODEC_ID_AAC);
            recorder.setFrameRate(fps);
            recorder.setVideoBitrate((int) Math.min(Integer.MAX_VALUE, bytes * 8 / seconds));
            recorder.setSampleRate(44_100);
            recorder.setOption("movflags", "+faststart");
            recorder.start();
            BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_3BYTE_BGR);
            byte[] pixels = ((DataBufferByte) image.getRaster().getDataBuffer()).getData();
            short[] silence = new short[44_100 / fps];
            for (int i = 0; i < fps * seconds && file.length() < bytes; i++) {
                random.nextBytes(pixels);
                recorder.record(converter.convert(image));
                recorder.recordSamples(44_100, 1, ShortBuffer.wrap(silence));
            }
            recorder.stop();
        }
        System.out.printf("%s: %.1f MB%n", file, file.length() / 1e6);
    }
}
