package dev.parley.media.domain;

import dev.parley.media.testing.Metadata;
import dev.parley.media.testing.TestImages;
import dev.parley.model.MediaTypes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ImageVersionsTest {
    private final ImageVersions images = new ImageVersions();

    @TempDir
    Path dir;

    @Test
    void givenA12MegapixelPhotoWithGps_thenDisplayIs1600x1200_thumbIs320x240_andNeitherCarriesAnyMetadata() throws Exception {
        byte[] photo = TestImages.photoWithGps(4000, 3000, 1);
        assertThat(Metadata.hasGps(photo)).as("the test photo itself has GPS").isTrue();

        ImageVersions.Versions versions = images.of(file(photo));

        assertThat(dimensions(versions.display())).containsExactly(1600, 1200);
        assertThat(dimensions(versions.thumb())).containsExactly(320, 240);
        assertThat(versions.width()).isEqualTo(1600);
        assertThat(versions.height()).isEqualTo(1200);
        for (byte[] output : new byte[][] {versions.display(), versions.thumb()}) {
            assertThat(Metadata.hasGps(output)).isFalse();
            assertThat(Metadata.hasExif(output)).isFalse();
            assertThat(Metadata.jpegSegmentMarkers(output)).as("no APPn or comment segment")
                    .noneMatch(marker -> marker >= 0xE0 && marker <= 0xEF || marker == 0xFE);
        }
    }

    @Test
    void givenAPhotoTakenUpright_thenTheOrientationIsAppliedToThePixels() throws Exception {
        ImageVersions.Versions versions = images.of(file(TestImages.photoWithGps(4000, 3000, 6)));

        assertThat(dimensions(versions.display())).containsExactly(1200, 1600);
        assertThat(dimensions(versions.thumb())).containsExactly(240, 320);
        // The red quarter sits at the stored top-left; turned 90° clockwise it is at the top-right.
        BufferedImage display = ImageIO.read(new ByteArrayInputStream(versions.display()));
        assertThat(isRed(display.getRGB(1200 - 50, 50))).isTrue();
        assertThat(isRed(display.getRGB(50, 50))).isFalse();
    }

    @Test
    void givenASmallImage_thenItIsNeverUpscaled() throws Exception {
        ImageVersions.Versions versions = images.of(file(TestImages.jpeg(200, 100)));

        assertThat(dimensions(versions.display())).containsExactly(200, 100);
        assertThat(dimensions(versions.thumb())).containsExactly(200, 100);
    }

    @Test
    void givenATransparentPng_thenTheTransparentPartBecomesWhite() throws Exception {
        ImageVersions.Versions versions = images.of(file(TestImages.transparentPng(400, 200)));

        BufferedImage display = ImageIO.read(new ByteArrayInputStream(versions.display()));
        assertThat(display.getColorModel().hasAlpha()).isFalse();
        int rgb = display.getRGB(100, 150);
        assertThat(java.util.List.of(rgb >> 16 & 0xFF, rgb >> 8 & 0xFF, rgb & 0xFF)).allMatch(channel -> channel > 245);
    }

    @Test
    void givenMorePixelsThanAllowed_thenItIsRefusedFromTheHeader() throws Exception {
        Path big = file(TestImages.jpeg(400, 300));

        assertThatThrownBy(() -> new ImageVersions(100_000).of(big))
                .isInstanceOfSatisfying(UploadRejected.class,
                        rejected -> assertThat(rejected.code()).isEqualTo(MediaTypes.FAILURE_TOO_LARGE));
    }

    @Test
    void givenATruncatedJpeg_thenItIsUnreadable() throws Exception {
        byte[] photo = TestImages.jpeg(64, 64);
        byte[] header = java.util.Arrays.copyOf(photo, 20);

        assertThatThrownBy(() -> images.of(file(header)))
                .isInstanceOfSatisfying(UploadRejected.class,
                        rejected -> assertThat(rejected.code()).isEqualTo(MediaTypes.FAILURE_UNREADABLE));
    }

    private Path file(byte[] bytes) throws IOException {
        return Files.write(Files.createTempFile(dir, "image", ".bin"), bytes);
    }

    static int[] dimensions(byte[] jpeg) throws IOException {
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(jpeg));
        return new int[] {image.getWidth(), image.getHeight()};
    }

    private static boolean isRed(int rgb) {
        return (rgb >> 16 & 0xFF) > 200 && (rgb >> 8 & 0xFF) < 60 && (rgb & 0xFF) < 60;
    }
}
