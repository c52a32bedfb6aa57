package dev.parley.media.domain;

import dev.parley.media.testing.TestImages;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.HexFormat;

import static org.assertj.core.api.Assertions.assertThat;

class ContentSnifferTest {

    @ParameterizedTest(name = "{0} is recognised from {1}")
    @CsvSource({
            "image/jpeg, ffd8ffe000104a464946",
            "image/png, 89504e470d0a1a0a0000000d",
            "image/gif, 474946383961",
            "image/gif, 474946383761",
            "image/webp, 52494646aabbccdd5745425056503820",
            "application/pdf, 255044462d312e37",
            "video/mp4, 0000001c667479706973366f6d",
            "video/quicktime, 0000001466747970717420202005",
            "video/quicktime, 000000086d6f6f76",
            "audio/mp4, 00000020667479704d344120",
            "video/webm, 1a45dfa39f4286810142f7",
            "audio/mpeg, 494433040000",
            "audio/mpeg, fffb9064",
            "audio/ogg, 4f67675300020000",
    })
    void givenTheTypesSignature_thenItMatches(String contentType, String hex) {
        assertThat(ContentSniffer.matches(contentType, HexFormat.of().parseHex(hex))).isTrue();
    }

    @Test
    void givenAPngDeclaredAsJpeg_thenItDoesNotMatch_andIsDescribedAsPng() {
        byte[] png = TestImages.transparentPng(8, 8);

        assertThat(ContentSniffer.matches("image/jpeg", png)).isFalse();
        assertThat(ContentSniffer.describe(png)).contains("image/png");
    }

    @Test
    void givenAShellScriptDeclaredAsJpeg_thenItDoesNotMatch_andIsDescribedAsAScript() {
        byte[] script = TestImages.shellScript();

        assertThat(ContentSniffer.matches("image/jpeg", script)).isFalse();
        assertThat(ContentSniffer.describe(script)).contains("a script");
    }

    @Test
    void givenAJpegDeclaredAsPdf_orAPdfDeclaredAsVideo_thenNeitherMatches() {
        assertThat(ContentSniffer.matches("application/pdf", TestImages.jpeg(4, 4))).isFalse();
        assertThat(ContentSniffer.matches("video/mp4", TestImages.pdf(1))).isFalse();
    }

    @Test
    void givenTooFewBytes_orAnUnknownType_thenNothingMatches() {
        assertThat(ContentSniffer.matches("image/png", new byte[] {(byte) 0x89, 'P'})).isFalse();
        assertThat(ContentSniffer.matches("image/webp", "RIFF".getBytes())).isFalse();
        assertThat(ContentSniffer.matches("text/html", "<html>".getBytes())).isFalse();
        assertThat(ContentSniffer.describe(new byte[0])).isEmpty();
    }
}
