package dev.parley.client.live;

import dev.parley.client.ParleyClient;
import dev.parley.client.store.OutboxEntry;
import dev.parley.model.v1.MediaDescriptor;
import dev.parley.model.v1.MessageEvent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.File;
import java.io.IOException;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** A file sent through the outbox: upload, processing, then the message that names it. */
class MediaTest extends LiveTest {

    @Test
    void aPhotoIsUploadedProcessedAndSentAsItsOwnOutboxStep(@TempDir Path dir) throws Exception {
        Recorder aliceSaw = new Recorder();
        Recorder bobSaw = new Recorder();
        ParleyClient alice = connect("alice", aliceSaw);
        ParleyClient bob = connect("bob", bobSaw);
        String group = newGroup(alice, bob);
        File photo = image(dir.resolve("photo.jpg").toFile(), "jpeg", 640, 480);

        OutboxEntry queued = alice.sendFile(group, "look at this", photo, "image/jpeg");
        OutboxEntry after = alice.send(group, "sent after the photo");

        await().atMost(WAIT).until(() -> bobSaw.in(group).size() == 2);
        MessageEvent received = bobSaw.in(group).get(0);
        assertThat(received.clientMessageId()).isEqualTo(queued.clientMessageId());
        assertThat(received.text()).isEqualTo("look at this");
        assertThat(received.media()).singleElement().satisfies(media -> assertProcessedJpeg(media, 640));
        assertThat(bobSaw.in(group).get(1).clientMessageId()).isEqualTo(after.clientMessageId());
        await().atMost(WAIT).until(() -> alice.store().outbox().isEmpty());
        assertThat(aliceSaw.count("SENT " + queued.clientMessageId())).isEqualTo(1);
        assertThat(alice.store().messages(group, 0, 10).get(0).media()).extracting(MediaDescriptor::mediaId)
                .containsExactly(received.media().get(0).mediaId());
        assertThat(alice.requestsSent("requestUpload")).isEqualTo(1);
    }

    @Test
    void anUploadProcessingRefusesIsStuckWithItsReasonAndDoesNotBlockTheNext(@TempDir Path dir) throws Exception {
        Recorder aliceSaw = new Recorder();
        ParleyClient alice = connect("alice", aliceSaw);
        ParleyClient bob = connect("bob", new Recorder());
        String group = newGroup(alice, bob);
        File png = image(dir.resolve("really-a-png.jpg").toFile(), "png", 64, 64);

        OutboxEntry refused = alice.sendFile(group, null, png, "image/jpeg");
        OutboxEntry next = alice.send(group, "after the refused one");

        await().atMost(WAIT).until(() -> aliceSaw.count("SENT " + next.clientMessageId()) == 1);
        assertThat(aliceSaw.outbox).contains("STUCK " + refused.clientMessageId());
        OutboxEntry stuck = alice.store().outbox().get(0);
        assertThat(stuck.clientMessageId()).isEqualTo(refused.clientMessageId());
        assertThat(stuck.stuck().codeName()).isEqualTo("TYPE_MISMATCH");
        assertThat(stuck.stuck().message()).contains("image/jpeg");
        assertThat(alice.requestsSent("sendMessage")).isEqualTo(1);
    }

    /** The descriptor of a JPEG the media processor has made its display and thumbnail versions of. */
    static void assertProcessedJpeg(MediaDescriptor media, int width) {
        assertThat(media.kind()).isEqualTo("image");
        assertThat(media.contentType()).isEqualTo("image/jpeg");
        assertThat(media.width()).isEqualTo(width);
        assertThat(media.versions()).contains("display", "thumb");
    }

    /** A real image file: a gradient of width×height, written by ImageIO in {@code format}. */
    static File image(File file, String format, int width, int height) throws IOException {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        for (int x = 0; x < width; x++) {
            for (int y = 0; y < height; y++) {
                image.setRGB(x, y, (x * 255 / width) << 16 | (y * 255 / height) << 8 | 0x40);
            }
        }
        ImageIO.write(image, format, file);
        return file;
    }
}
