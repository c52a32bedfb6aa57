package dev.parley.media.domain;

import com.drew.imaging.ImageMetadataReader;
import com.drew.imaging.ImageProcessingException;
import com.drew.metadata.Metadata;
import com.drew.metadata.MetadataException;
import com.drew.metadata.exif.ExifIFD0Directory;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.AffineTransform;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;

/**
 * The EXIF orientation (tag 0x0112) of a photo: how the stored pixels must be turned to be seen
 * upright. Cameras and phones store the sensor's pixels and only set this tag; since the outputs
 * carry no metadata, the turn must be applied to their pixels.
 */
enum Orientation {
    NORMAL(false), MIRROR_HORIZONTAL(false), ROTATE_180(false), MIRROR_VERTICAL(false),
    TRANSPOSE(true), ROTATE_90_CW(true), TRANSVERSE(true), ROTATE_270_CW(true);

    private final boolean swapsSides;

    Orientation(boolean swapsSides) {
        this.swapsSides = swapsSides;
    }

    /** The orientation EXIF gives the file; NORMAL when it has none or it cannot be read (the pixels are then shown as stored). */
    static Orientation of(Path file) {
        try {
            Metadata metadata = ImageMetadataReader.readMetadata(file.toFile());
            ExifIFD0Directory exif = metadata.getFirstDirectoryOfType(ExifIFD0Directory.class);
            if (exif == null || !exif.containsTag(ExifIFD0Directory.TAG_ORIENTATION)) {
                return NORMAL;
            }
            int value = exif.getInt(ExifIFD0Directory.TAG_ORIENTATION);
            return value >= 1 && value <= 8 ? values()[value - 1] : NORMAL;
        } catch (ImageProcessingException | MetadataException | IOException | RuntimeException unreadable) {
            return NORMAL;
        }
    }

    boolean swapsSides() {
        return swapsSides;
    }

    /**
     * The image turned upright, as opaque RGB: transparent pixels are laid on white, since JPEG has
     * no alpha and a transparent logo on black would be unreadable. One pass does both, on the
     * already-scaled image, so a full-size copy is never made.
     */
    BufferedImage uprightRgb(BufferedImage image) {
        int w = image.getWidth();
        int h = image.getHeight();
        BufferedImage out = swapsSides ? new BufferedImage(h, w, BufferedImage.TYPE_INT_RGB)
                : new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        try {
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, out.getWidth(), out.getHeight());
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_NEAREST_NEIGHBOR);
            g.drawImage(image, transform(w, h), null);
        } finally {
            g.dispose();
        }
        return out;
    }

    /** Maps stored (x, y) to upright coordinates; for a w×h image whose upright form is w×h or h×w. */
    private AffineTransform transform(int w, int h) {
        return switch (this) {
            case NORMAL -> new AffineTransform();
            case MIRROR_HORIZONTAL -> new AffineTransform(-1, 0, 0, 1, w, 0);
            case ROTATE_180 -> new AffineTransform(-1, 0, 0, -1, w, h);
            case MIRROR_VERTICAL -> new AffineTransform(1, 0, 0, -1, 0, h);
            case TRANSPOSE -> new AffineTransform(0, 1, 1, 0, 0, 0);
            case ROTATE_90_CW -> new AffineTransform(0, 1, -1, 0, h, 0);
            case TRANSVERSE -> new AffineTransform(0, -1, -1, 0, h, w);
            case ROTATE_270_CW -> new AffineTransform(0, -1, 1, 0, 0, w);
        };
    }
}
