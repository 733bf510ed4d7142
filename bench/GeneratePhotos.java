import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;
import java.awt.Color;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.util.Random;

/**
 * Writes N phone-size (4032 × 3024) JPEGs, each different, with enough texture to weigh what a photo weighs. A third
 * argument, an EXIF orientation (1 to 8), is written into each as a phone does: 6 is a photo taken with the phone held
 * upright, stored on its side.
 */
public class GeneratePhotos {
    public static void main(String[] args) throws Exception {
        File dir = new File(args[0]);
        int count = Integer.parseInt(args[1]);
        int orientation = args.length > 2 ? Integer.parseInt(args[2]) : 0;
        dir.mkdirs();
        BufferedImage image = new BufferedImage(4032, 3024, BufferedImage.TYPE_INT_RGB);
        ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
        Random random = new Random(2026);
        for (int i = 0; i < count; i++) {
            Graphics2D g = image.createGraphics();
            g.setPaint(new GradientPaint(0, 0, new Color(random.nextInt()), 4032, 3024, new Color(random.nextInt())));
            g.fillRect(0, 0, 4032, 3024);
            for (int s = 0; s < 400; s++) {
                g.setColor(new Color(random.nextInt(), true));
                g.fillOval(random.nextInt(4032), random.nextInt(3024), 20 + random.nextInt(400), 20 + random.nextInt(400));
            }
            g.dispose();
            for (int n = 0; n < 200_000; n++) {
                image.setRGB(random.nextInt(4032), random.nextInt(3024), random.nextInt());
            }
            File file = new File(dir, "photo-%03d.jpg".formatted(i));
            ByteArrayOutputStream jpeg = new ByteArrayOutputStream();
            try (ImageOutputStream out = ImageIO.createImageOutputStream(jpeg)) {
                writer.setOutput(out);
                ImageWriteParam param = writer.getDefaultWriteParam();
                param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
                param.setCompressionQuality(0.9f);
                writer.write(null, new IIOImage(image, null, null), param);
            }
            byte[] bytes = jpeg.toByteArray();
            Files.write(file.toPath(), orientation == 0 ? bytes : withOrientation(bytes, orientation));
        }
        writer.dispose();
    }

    /** The JPEG with an EXIF block (APP1) holding only the orientation, after its JFIF header (APP0). */
    static byte[] withOrientation(byte[] jpeg, int orientation) {
        int afterApp0 = 4 + ((jpeg[4] & 0xFF) << 8 | jpeg[5] & 0xFF);
        ByteBuffer exif = ByteBuffer.allocate(2 + 2 + 6 + 8 + 2 + 12 + 4);
        exif.put((byte) 0xFF).put((byte) 0xE1).putShort((short) (exif.capacity() - 2));
        exif.put("Exif\0\0".getBytes());
        exif.put((byte) 'M').put((byte) 'M').putShort((short) 42).putInt(8);   // big-endian TIFF, first IFD at 8
        exif.putShort((short) 1);                                               // one entry:
        exif.putShort((short) 0x0112).putShort((short) 3).putInt(1)             // Orientation, SHORT, 1 value
                .putShort((short) orientation).putShort((short) 0);
        exif.putInt(0);                                                         // no next IFD
        ByteBuffer result = ByteBuffer.allocate(jpeg.length + exif.capacity());
        result.put(jpeg, 0, afterApp0).put(exif.array()).put(jpeg, afterApp0, jpeg.length - afterApp0);
        return result.array();
    }
}
