package dev.parley.media.domain;

import dev.parley.model.MediaTypes;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.rendering.ImageType;
import org.apache.pdfbox.rendering.PDFRenderer;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;

/**
 * Renders the first page of a PDF as a JPEG preview of at most {@link MediaTypes#THUMB_MAX_PIXELS}.
 * PDFBox reads the file from disk (random access, not into the heap) and the page is rendered at
 * the resolution that gives twice the preview's size, whatever the page's size in points: a poster
 * page at the usual 72 dpi would be thousands of pixels for a 320-pixel result.
 */
public final class PdfPreview {
    /** Rendered at twice the target, then scaled down: sharper text than rendering at the target. */
    private static final int RENDER_LONG_SIDE = 2 * MediaTypes.THUMB_MAX_PIXELS;
    private static final float POINTS_PER_INCH = 72f;

    /**
     * @param jpeg       the preview
     * @param pages      the document's page count
     * @param pageWidth  the first page's width in points (1/72 inch), as displayed (rotation applied)
     * @param pageHeight the first page's height in points
     */
    public record Preview(ImageVersions.Jpeg jpeg, int pages, int pageWidth, int pageHeight) {
    }

    public Preview render(Path file) throws UploadRejected {
        try (PDDocument document = Loader.loadPDF(file.toFile())) {
            int pages = document.getNumberOfPages();
            if (pages == 0) {
                throw new UploadRejected(MediaTypes.FAILURE_UNREADABLE, "the PDF has no pages");
            }
            PDPage first = document.getPage(0);
            PDRectangle box = first.getCropBox();
            boolean turned = first.getRotation() % 180 != 0;
            float width = turned ? box.getHeight() : box.getWidth();
            float height = turned ? box.getWidth() : box.getHeight();
            float dpi = POINTS_PER_INCH * RENDER_LONG_SIDE / Math.max(1f, Math.max(width, height));
            BufferedImage rendered = new PDFRenderer(document).renderImageWithDPI(0, dpi, ImageType.RGB);
            BufferedImage preview = ImageVersions.scaled(rendered, MediaTypes.THUMB_MAX_PIXELS);
            ImageVersions.Jpeg jpeg = new ImageVersions.Jpeg(JpegEncoder.encode(Orientation.NORMAL.uprightRgb(preview)),
                    preview.getWidth(), preview.getHeight());
            return new Preview(jpeg, pages, Math.round(width), Math.round(height));
        } catch (UploadRejected e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            // Also a password-protected PDF (InvalidPasswordException): nobody but its owner could read it.
            throw new UploadRejected(MediaTypes.FAILURE_UNREADABLE, "the PDF could not be read", e);
        }
    }
}
