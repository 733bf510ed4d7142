import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;
import java.awt.Color;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.File;
import java.util.Random;

/** Writes N phone-size (4032 × 3024) JPEGs, each different, with enough texture to weigh what a photo weighs. */
public class GeneratePhotos {
    public static void main(String[] args) throws Exception {
        File dir = new File(args[0]);
        int count = Integer.parseInt(args[1]);
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
            try (ImageOutputStream out = ImageIO.createImageOutputStream(file)) {
                writer.setOutput(out);
                ImageWriteParam param = writer.getDefaultWriteParam();
                param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
                param.setCompressionQuality(0.9f);
                writer.write(null, new IIOImage(image, null, null), param);
            }
        }
        writer.dispose();
    }
}
