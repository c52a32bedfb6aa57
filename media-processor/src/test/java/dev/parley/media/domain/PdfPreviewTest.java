package dev.parley.media.domain;

import dev.parley.media.testing.Metadata;
import dev.parley.media.testing.TestImages;
import dev.parley.model.MediaTypes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PdfPreviewTest {
    @TempDir
    Path dir;

    @Test
    void givenAThreePageA4Pdf_thenTheFirstPageIsAPreviewOfAtMost320_withThePageCountAndSize() throws Exception {
        Path pdf = Files.write(dir.resolve("doc.pdf"), TestImages.pdf(3));

        PdfPreview.Preview preview = new PdfPreview().render(pdf);

        assertThat(preview.pages()).isEqualTo(3);
        assertThat(preview.pageWidth()).isEqualTo(595);
        assertThat(preview.pageHeight()).isEqualTo(842);
        int[] size = ImageVersionsTest.dimensions(preview.jpeg().bytes());
        assertThat(size[1]).isEqualTo(MediaTypes.THUMB_MAX_PIXELS);
        assertThat(size[0]).as("A4's aspect ratio, within rendering's rounding").isBetween(224, 228);
        assertThat(Metadata.jpegSegmentMarkers(preview.jpeg().bytes())).noneMatch(marker -> marker >= 0xE0 && marker <= 0xEF);
    }

    @Test
    void givenBytesThatOnlyStartLikeAPdf_thenItIsUnreadable() throws Exception {
        Path fake = Files.writeString(dir.resolve("fake.pdf"), "%PDF-1.7\nnot really\n");

        assertThatThrownBy(() -> new PdfPreview().render(fake))
                .isInstanceOfSatisfying(UploadRejected.class,
                        rejected -> assertThat(rejected.code()).isEqualTo(MediaTypes.FAILURE_UNREADABLE));
    }
}
