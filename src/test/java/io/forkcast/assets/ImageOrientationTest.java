package io.forkcast.assets;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;

import static org.assertj.core.api.Assertions.assertThat;

/** Every EXIF orientation puts the stored image's first pixel where a viewer shows it, in the JPEG's pixel layout. */
class ImageOrientationTest {

    @ParameterizedTest(name = "orientation {0}: the stored top-left corner ends {1}")
    @CsvSource({
            "1, top-left", "2, top-right", "3, bottom-right", "4, bottom-left",
            "5, top-left", "6, top-right", "7, bottom-right", "8, bottom-left"})
    void storedTopLeftCornerIsWhereTheOrientationShowsIt(int orientation, String corner) {
        BufferedImage stored = new BufferedImage(40, 20, BufferedImage.TYPE_3BYTE_BGR);
        Graphics2D g = stored.createGraphics();
        g.setColor(Color.GRAY);
        g.fillRect(0, 0, 40, 20);
        g.setColor(Color.RED);
        g.fillRect(0, 0, 4, 4);
        g.dispose();

        BufferedImage upright = ImagePipeline.orient(stored, orientation);

        boolean quarterTurn = orientation >= 5;
        assertThat(upright.getWidth()).isEqualTo(quarterTurn ? 20 : 40);
        assertThat(upright.getHeight()).isEqualTo(quarterTurn ? 40 : 20);
        // Interleaved bytes in and out: the pixels are never turned into ints and back on the way to the encoder.
        assertThat(upright.getType()).isEqualTo(ImagePipeline.JPEG_PIXELS);
        int right = upright.getWidth() - 2;
        int bottom = upright.getHeight() - 2;
        int x = corner.endsWith("right") ? right : 1;
        int y = corner.startsWith("bottom") ? bottom : 1;
        assertThat(upright.getRGB(x, y)).as("pixel at the %s corner", corner).isEqualTo(Color.RED.getRGB());
        assertThat(upright.getRGB(x == 1 ? right : 1, y)).isEqualTo(Color.GRAY.getRGB());
    }

    @ParameterizedTest(name = "orientation {0}")
    @CsvSource({"1", "6"})
    void transparentImageKeepsItsAlpha(int orientation) {
        BufferedImage logo = new BufferedImage(10, 10, BufferedImage.TYPE_INT_ARGB);

        BufferedImage upright = ImagePipeline.orient(logo, orientation);

        assertThat(upright.getColorModel().hasAlpha()).isTrue();
        assertThat(upright.getRGB(5, 5) >>> 24).isZero();
    }
}
