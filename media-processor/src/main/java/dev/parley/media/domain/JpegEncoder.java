package dev.parley.media.domain;

import org.w3c.dom.Node;

import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageTypeSpecifier;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.metadata.IIOInvalidTreeException;
import javax.imageio.metadata.IIOMetadata;
import javax.imageio.stream.ImageOutputStream;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * Writes RGB images as baseline JPEG with no metadata segment at all: not even the JFIF header
 * ImageIO adds by default. Every decoder reads a three-component JPEG without it as YCbCr, and a
 * file with no APPn segment is one that provably carries nothing of the original's.
 */
final class JpegEncoder {
    /** Visually close to the original for photos at about a tenth of a camera JPEG's bytes per pixel. */
    static final float QUALITY = 0.82f;
    private static final String NATIVE_FORMAT = "javax_imageio_jpeg_image_1.0";

    private JpegEncoder() {
    }

    static byte[] encode(BufferedImage rgb) {
        ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(Math.max(16 * 1024, rgb.getWidth() * rgb.getHeight() / 4));
        try (ImageOutputStream out = ImageIO.createImageOutputStream(bytes)) {
            ImageWriteParam param = writer.getDefaultWriteParam();
            param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
            param.setCompressionQuality(QUALITY);
            writer.setOutput(out);
            writer.write(null, new IIOImage(rgb, null, withoutJfif(writer, rgb, param)), param);
        } catch (IOException e) {
            throw new UncheckedIOException("writing a JPEG to memory failed", e);
        } finally {
            writer.dispose();
        }
        return bytes.toByteArray();
    }

    private static IIOMetadata withoutJfif(ImageWriter writer, BufferedImage rgb, ImageWriteParam param)
            throws IIOInvalidTreeException {
        IIOMetadata metadata = writer.getDefaultImageMetadata(ImageTypeSpecifier.createFromRenderedImage(rgb), param);
        Node tree = metadata.getAsTree(NATIVE_FORMAT);
        Node variety = tree.getFirstChild();
        if (variety != null && "JPEGvariety".equals(variety.getNodeName())) {
            while (variety.hasChildNodes()) {
                variety.removeChild(variety.getFirstChild());
            }
            metadata.setFromTree(NATIVE_FORMAT, tree);
        }
        return metadata;
    }
}
