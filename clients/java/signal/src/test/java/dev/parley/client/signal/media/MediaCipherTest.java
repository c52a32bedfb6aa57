package dev.parley.client.signal.media;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MediaCipherTest {
    @TempDir
    Path dir;

    @Test
    void aFileRoundTripsThroughTheEncryptedBlob() throws Exception {
        byte[] plaintext = new byte[300_001];
        new Random(7).nextBytes(plaintext);
        Path plain = Files.write(dir.resolve("photo.jpg"), plaintext);
        Path blob = dir.resolve("photo.enc");
        MediaCipher.MediaKey key;
        try (OutputStream out = Files.newOutputStream(blob)) {
            key = MediaCipher.encrypt(Files.newInputStream(plain), out);
        }
        assertThat(key.key()).hasSize(64);
        assertThat(key.digest()).hasSize(32);
        assertThat(key.plaintextSize()).isEqualTo(plaintext.length);
        byte[] encrypted = Files.readAllBytes(blob);
        assertThat(encrypted.length).isEqualTo(16 + (plaintext.length / 16 + 1) * 16 + 32);
        assertThat(indexOf(encrypted, Arrays.copyOfRange(plaintext, 1000, 1032))).as("no plaintext run in the blob").isEqualTo(-1);

        ByteArrayOutputStream out = new ByteArrayOutputStream();
        MediaCipher.decrypt(() -> Files.newInputStream(blob), key, out);
        assertThat(out.toByteArray()).isEqualTo(plaintext);
    }

    @Test
    void anEmptyFileRoundTrips() throws Exception {
        ByteArrayOutputStream blob = new ByteArrayOutputStream();
        MediaCipher.MediaKey key = MediaCipher.encrypt(new byte[0], blob);
        assertThat(MediaCipher.decrypt(blob.toByteArray(), key)).isEmpty();
    }

    @Test
    void anAlteredTruncatedOrSwappedBlobIsRefused() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        MediaCipher.MediaKey key = MediaCipher.encrypt("a voice note".getBytes(), out);
        byte[] blob = out.toByteArray();

        for (int at : new int[] {0, 20, blob.length - 1}) {
            byte[] altered = blob.clone();
            altered[at] ^= 0x01;
            assertThatThrownBy(() -> MediaCipher.decrypt(altered, key))
                    .isInstanceOf(MediaCipher.TamperedMediaException.class).hasMessageContaining("MAC");
        }
        assertThatThrownBy(() -> MediaCipher.decrypt(Arrays.copyOf(blob, blob.length - 16), key))
                .isInstanceOf(MediaCipher.TamperedMediaException.class);
        MediaCipher.MediaKey otherDigest = new MediaCipher.MediaKey(key.key(), new byte[32], key.plaintextSize());
        assertThatThrownBy(() -> MediaCipher.decrypt(blob, otherDigest))
                .isInstanceOf(MediaCipher.TamperedMediaException.class).hasMessageContaining("digest");
        ByteArrayOutputStream other = new ByteArrayOutputStream();
        MediaCipher.encrypt("a voice note".getBytes(), other);
        assertThatThrownBy(() -> MediaCipher.decrypt(other.toByteArray(), key))
                .isInstanceOf(MediaCipher.TamperedMediaException.class);
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
