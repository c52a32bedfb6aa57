package dev.parley.client.live;

import dev.parley.client.ParleyClient;
import dev.parley.client.store.Attachment;
import dev.parley.client.store.OutboxEntry;
import dev.parley.client.store.SqliteStore;
import dev.parley.model.v1.HistoryReply;
import dev.parley.model.v1.MessageEvent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The outbox survives SIGKILL of the app's process mid-send or mid-upload: every message is stored exactly once. */
class KilledProcessTest extends LiveTest {
    private static final int MESSAGES = 40;

    @Test
    void aProcessKilledMidSendAndStartedAgainSendsEveryMessageExactlyOnce(@TempDir Path dir) throws Exception {
        Recorder aliceSaw = new Recorder();
        ParleyClient alice = connect("alice", aliceSaw);
        Recorder bobProbe = new Recorder();
        ParleyClient bobNow = connect("bob", bobProbe);
        String group = newGroup(alice, bobNow);
        bobNow.close();

        String device = TestCloud.newDeviceId("killed");
        Path db = dir.resolve("bob.db");
        try (SqliteStore store = SqliteStore.open(db.toString())) {
            for (int i = 1; i <= MESSAGES; i++) {
                store.enqueue(UUID.randomUUID().toString(), group, "message " + i, null, null, System.currentTimeMillis());
            }
        }

        Process first = child(dir, "first", device, db);
        await().atMost(WAIT).until(() -> aliceSaw.in(group).size() >= 5);
        first.destroyForcibly();
        assertThat(first.waitFor(30, TimeUnit.SECONDS)).isTrue();
        int leftAfterKill;
        try (SqliteStore store = SqliteStore.open(db.toString())) {
            leftAfterKill = store.outbox().size();
        }

        Process second = child(dir, "second", device, db);
        assertThat(second.waitFor(120, TimeUnit.SECONDS)).as("the restarted process drains its outbox").isTrue();
        assertThat(second.exitValue()).as(Files.readString(dir.resolve("second.log"))).isZero();

        HistoryReply stored = alice.api().history(group, null, 100).get(30, TimeUnit.SECONDS);
        assertThat(leftAfterKill).as("killed mid-send, with messages still queued").isBetween(1, MESSAGES - 4);
        assertThat(stored.messages()).extracting(MessageEvent::text).containsExactlyElementsOf(
                IntStream.rangeClosed(1, MESSAGES).mapToObj(i -> "message " + i).toList());
        assertThat(stored.messages()).extracting(MessageEvent::senderDeviceId).containsOnly(device);
        await().atMost(WAIT).until(() -> aliceSaw.in(group).size() == MESSAGES);
        List<Long> seen = seqs(aliceSaw.in(group));
        assertThat(seen).doesNotHaveDuplicates().hasSize(MESSAGES);
    }

    /**
     * Killed while a photo's upload is in flight (requested, its POST on its way to the storage):
     * the next run uploads it again from the start under a new media id, then sends the message
     * once, and the text queued after it follows it.
     */
    @Test
    void aProcessKilledMidUploadUploadsAgainOnTheNextRunAndSendsOnce(@TempDir Path dir) throws Exception {
        Recorder aliceSaw = new Recorder();
        ParleyClient alice = connect("alice", aliceSaw);
        ParleyClient bobNow = connect("bob", new Recorder());
        String group = newGroup(alice, bobNow);
        bobNow.close();

        String device = TestCloud.newDeviceId("killed-upload");
        Path db = dir.resolve("bob.db");
        File photo = MediaTest.image(dir.resolve("photo.jpg").toFile(), "jpeg", 640, 480);
        String photoId = UUID.randomUUID().toString();
        String afterId = UUID.randomUUID().toString();
        try (SqliteStore store = SqliteStore.open(db.toString())) {
            store.enqueue(photoId, group, "the photo", null, List.of(), new Attachment(photo.getPath(), "image/jpeg"),
                    System.currentTimeMillis());
            store.enqueue(afterId, group, "after the photo", null, null, System.currentTimeMillis());
        }

        Process first = child(dir, "first", device, db, OutboxChild.HOLD_UPLOAD);
        Path firstLog = dir.resolve("first.log");
        await().atMost(WAIT).until(() -> Files.readString(firstLog).contains(OutboxChild.UPLOAD_IN_FLIGHT));
        first.destroyForcibly();
        assertThat(first.waitFor(30, TimeUnit.SECONDS)).isTrue();
        try (SqliteStore store = SqliteStore.open(db.toString())) {
            assertThat(store.outbox()).as("killed mid-upload: both still queued, the photo first")
                    .extracting(OutboxEntry::clientMessageId).containsExactly(photoId, afterId);
        }

        Process second = child(dir, "second", device, db);
        assertThat(second.waitFor(120, TimeUnit.SECONDS)).as("the restarted process drains its outbox").isTrue();
        String secondLog = Files.readString(dir.resolve("second.log"));
        assertThat(second.exitValue()).as(secondLog).isZero();
        assertThat(secondLog).as("the upload is started again, once").contains(OutboxChild.UPLOADS_REQUESTED + 1);

        List<MessageEvent> stored = alice.api().history(group, null, 100).get(30, TimeUnit.SECONDS).messages();
        assertThat(stored).extracting(MessageEvent::clientMessageId).containsExactly(photoId, afterId);
        assertThat(stored.get(0).media()).singleElement().satisfies(media -> MediaTest.assertProcessedJpeg(media, 640));
        await().atMost(WAIT).until(() -> aliceSaw.in(group).size() == 2);
        assertThat(aliceSaw.in(group)).extracting(MessageEvent::clientMessageId).containsExactly(photoId, afterId);
    }

    private Process child(Path dir, String name, String device, Path db, String... options) throws Exception {
        List<String> command = new ArrayList<>(List.of(TestCloud.javaBinary().getPath(), "-cp",
                System.getProperty("java.class.path"), OutboxChild.class.getName(), cloud.endpointsFile.toString(), "bob",
                device, db.toString()));
        command.addAll(List.of(options));
        return new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(new File(dir.toFile(), name + ".log"))
                .start();
    }
}
