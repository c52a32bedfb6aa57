package dev.parley.media.domain;

import dev.parley.model.MediaTypes;
import net.coobird.thumbnailator.Thumbnails;

import javax.imageio.ImageIO;
import javax.imageio.ImageReadParam;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Iterator;

/**
 * Makes the servable versions of an image: {@code display} (long side at most
 * {@link MediaTypes#DISPLAY_MAX_PIXELS}) and {@code thumb} (at most {@link MediaTypes#THUMB_MAX_PIXELS}),
 * upright, opaque, re-encoded as JPEG without any metadata, never upscaled. Only pixels cross
 * from the upload to the outputs, which is what keeps EXIF (GPS included), XMP, ICC and comments out.
 *
 * <p>Memory: the file is read from disk through ImageIO, the size is checked from the header
 * before a pixel is decoded (a 50-megapixel bomb is a few KB of PNG), and images much larger than
 * the display size are decoded with source subsampling, so the decoded raster stays near
 * (2 × 1600)² pixels whatever the camera: the filtered downscale that follows hides the subsampling.
 */
public final class ImageVersions {
    private final long maxPixels;

    /** The display and thumbnail of one image, and the display's size in pixels. */
    public record Versions(byte[] display, byte[] thumb, int width, int height) {
    }

    /** One JPEG and its size in pixels. */
    public record Jpeg(byte[] bytes, int width, int height) {
    }

    static {
        // ImageIO finds TwelveMonkeys' readers through service files of the classpath it first saw;
        // a runtime with another context class loader (local-env) needs the scan.
        ImageIO.scanForPlugins();
    }

    public ImageVersions() {
        this(MediaTypes.MAX_IMAGE_PIXELS);
    }

    /** @param maxPixels the largest width × height decoded; a larger image is refused with FAILURE_TOO_LARGE */
    public ImageVersions(long maxPixels) {
        this.maxPixels = maxPixels;
    }

    /** Loads the scaling and JPEG-writing classes on a tiny image, for priming before a snapshot. */
    public static void prime() {
        JpegEncoder.encode(Orientation.ROTATE_90_CW.uprightRgb(scaled(new BufferedImage(16, 8, BufferedImage.TYPE_INT_ARGB), 4)));
    }

    /** Display and thumbnail of the image in {@code file}. */
    public Versions of(Path file) throws UploadRejected {
        BufferedImage display = upright(file, MediaTypes.DISPLAY_MAX_PIXELS);
        BufferedImage thumb = scaled(display, MediaTypes.THUMB_MAX_PIXELS);
        return new Versions(JpegEncoder.encode(display), JpegEncoder.encode(thumb), display.getWidth(), display.getHeight());
    }

    /** Only a thumbnail: for a client-made poster, which is never shown larger. */
    public Jpeg thumbnail(Path file) throws UploadRejected {
        BufferedImage thumb = upright(file, MediaTypes.THUMB_MAX_PIXELS);
        return new Jpeg(JpegEncoder.encode(thumb), thumb.getWidth(), thumb.getHeight());
    }

    /** The decoded image, scaled to {@code longSide} at most, then turned upright as RGB. */
    private BufferedImage upright(Path file, int longSide) throws UploadRejected {
        BufferedImage decoded = decode(file, longSide);
        return Orientation.of(file).uprightRgb(scaled(decoded, longSide));
    }

    private BufferedImage decode(Path file, int longSide) throws UploadRejected {
        try (ImageInputStream in = ImageIO.createImageInputStream(file.toFile())) {
            Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
            if (!readers.hasNext()) {
                throw new UploadRejected(MediaTypes.FAILURE_UNREADABLE, "the image format is not readable");
            }
            ImageReader reader = readers.next();
            try {
                // Metadata is never read: orientation comes from metadata-extractor, the rest is dropped.
                reader.setInput(in, true, true);
                int width = reader.getWidth(0);
                int height = reader.getHeight(0);
                if ((long) width * height > maxPixels) {
                    throw new UploadRejected(MediaTypes.FAILURE_TOO_LARGE, "the image has %d × %d pixels, more than %d in all"
                            .formatted(width, height, maxPixels));
                }
                ImageReadParam param = reader.getDefaultReadParam();
                int step = Math.max(1, Math.max(width, height) / (2 * longSide));
                param.setSourceSubsampling(step, step, 0, 0);
                return reader.read(0, param);
            } finally {
                reader.dispose();
            }
        } catch (UploadRejected e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            // The file is local: whatever fails here is in the bytes, and a retry would fail the same way.
            throw new UploadRejected(MediaTypes.FAILURE_UNREADABLE, "the image could not be decoded", e);
        }
    }

    /** The image fitted into a {@code longSide} square, keeping its aspect ratio; the image itself when it already fits. */
    static BufferedImage scaled(BufferedImage image, int longSide) {
        int width = image.getWidth();
        int height = image.getHeight();
        if (Math.max(width, height) <= longSide) {
            return image;
        }
        double factor = (double) longSide / Math.max(width, height);
        int targetWidth = Math.max(1, (int) Math.round(width * factor));
        int targetHeight = Math.max(1, (int) Math.round(height * factor));
        try {
            return Thumbnails.of(image).forceSize(targetWidth, targetHeight).asBufferedImage();
        } catch (IOException e) {
            throw new UncheckedIOException("scaling an image in memory failed", e);
        }
    }
}
