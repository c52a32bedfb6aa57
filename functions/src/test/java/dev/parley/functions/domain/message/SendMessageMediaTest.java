package dev.parley.functions.domain.message;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parley.functions.domain.Actor;
import dev.parley.functions.domain.Failure;
import dev.parley.functions.domain.FailureException;
import dev.parley.functions.domain.connection.Connection;
import dev.parley.functions.domain.connection.InMemoryConnectionRepository;
import dev.parley.functions.domain.conversation.ConversationId;
import dev.parley.functions.domain.conversation.Kind;
import dev.parley.functions.domain.delivery.FanOut;
import dev.parley.functions.domain.delivery.LiveConnections;
import dev.parley.functions.domain.delivery.RecordingEventPublisher;
import dev.parley.functions.domain.media.InMemoryMediaRepository;
import dev.parley.functions.domain.media.Media;
import dev.parley.functions.domain.media.MediaAttachments;
import dev.parley.functions.domain.MediaIds;
import dev.parley.functions.domain.media.MediaRepository.MediaFacts;
import dev.parley.functions.domain.push.MessagePushes;
import dev.parley.model.Limits;
import dev.parley.model.MediaTypes;
import org.assertj.core.api.ThrowableAssert;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class SendMessageMediaTest {
    private static final Instant NOW = Instant.parse("2026-03-01T12:00:00.123Z");
    private static final String DIRECT = ConversationId.direct("alice", "bob");
    private static final String OTHER = ConversationId.direct("alice", "carol");
    private static final String SECRET = ConversationId.newGroup();
    private static final Actor ALICE = new Actor("alice", "iphone", "conn-alice");

    private final InMemoryMessageRepository messages = new InMemoryMessageRepository();
    private final InMemoryMediaRepository media = new InMemoryMediaRepository();
    private final InMemoryConnectionRepository connections = new InMemoryConnectionRepository();
    private final LiveConnections live = connections.liveAt(NOW);
    private final RecordingEventPublisher publisher = new RecordingEventPublisher();
    private final SendMessage sendMessage = new SendMessage(messages, new FanOut(live, publisher), MessagePushes.off(),
            MemberActivity.none(), new MediaAttachments(media), MemberDevices.NONE, Clock.fixed(NOW, ZoneOffset.UTC), LargeGroupSend.off());

    @BeforeEach
    void aliceAndBobAreOnline() {
        messages.create(DIRECT, Kind.DIRECT, false, Set.of("alice", "bob"));
        messages.create(OTHER, Kind.DIRECT, false, Set.of("alice", "carol"));
        messages.create(SECRET, Kind.GROUP, true, Set.of("alice", "bob"));
        connections.save(Connection.opened("conn-alice", "alice", "iphone", NOW));
        connections.save(Connection.opened("conn-bob", "bob", "pixel", NOW));
    }

    private String photo(String conversationId, boolean ready) {
        String id = MediaIds.next();
        media.create(Media.pending(id, conversationId, "alice", "iphone", "image/jpeg", MediaTypes.Kind.IMAGE, false, 2048, null, NOW));
        if (ready) {
            media.markReady(id, new MediaFacts(2048, 1600, 1200, null, Set.of("display", "thumb")));
        }
        return id;
    }

    private static MessageDraft withMedia(String conversationId, String text, List<String> mediaIds) {
        return MessageDraft.of(conversationId, "c1", text, null, null, null, mediaIds);
    }

    private static Failure failureOf(ThrowableAssert.ThrowingCallable call) {
        FailureException thrown = catchThrowableOfType(FailureException.class, call);
        assertThat(thrown).as("a FailureException").isNotNull();
        return thrown.failure();
    }

    @Test
    void a_message_that_is_only_a_photo_reaches_bob_with_its_descriptor() {
        String id = photo(DIRECT, true);

        sendMessage.send(ALICE, withMedia(DIRECT, null, List.of(id)));

        JsonNode event = publisher.posts().getFirst().frame();
        assertThat(event.has("text")).isFalse();
        JsonNode descriptor = event.get("media").get(0);
        assertThat(descriptor.get("mediaId").asText()).isEqualTo(id);
        assertThat(descriptor.get("kind").asText()).isEqualTo("image");
        assertThat(descriptor.get("contentType").asText()).isEqualTo("image/jpeg");
        assertThat(descriptor.get("size").asLong()).isEqualTo(2048);
        assertThat(descriptor.get("width").asInt()).isEqualTo(1600);
        assertThat(descriptor.get("versions")).extracting(JsonNode::asText).containsExactly("display", "thumb");
        Message stored = messages.messages(DIRECT).getFirst();
        assertThat(stored.body()).isEqualTo(new MessageBody.MediaOnly());
        assertThat(stored.media()).containsExactly(media.find(id).orElseThrow().descriptor());
    }

    @Test
    void media_keep_the_senders_order_next_to_a_caption_in_one_batch_read() {
        List<String> ids = IntStream.range(0, Limits.MAX_MEDIA_PER_MESSAGE).mapToObj(i -> photo(DIRECT, true)).toList();

        sendMessage.send(ALICE, withMedia(DIRECT, "holiday", ids));

        Message stored = messages.messages(DIRECT).getFirst();
        assertThat(stored.body()).isEqualTo(new MessageBody.Text("holiday"));
        assertThat(stored.media()).extracting(d -> d.mediaId()).containsExactlyElementsOf(ids);
        assertThat(media.batchReads()).isEqualTo(1);
    }

    @Test
    void a_message_without_media_reads_no_media() {
        sendMessage.send(ALICE, MessageDraft.of(DIRECT, "c1", "hi", null, null, null));

        assertThat(media.batchReads()).isZero();
        assertThat(publisher.posts().getFirst().frame().has("media")).isFalse();
    }

    @Test
    void media_not_ready_or_of_another_conversation_is_refused_by_id_and_nothing_is_stored() {
        String ready = photo(DIRECT, true);
        String pending = photo(DIRECT, false);
        String elsewhere = photo(OTHER, true);

        Failure notReady = failureOf(() -> sendMessage.send(ALICE, withMedia(DIRECT, null, List.of(ready, pending))));
        Failure notHere = failureOf(() -> sendMessage.send(ALICE, withMedia(DIRECT, null, List.of(elsewhere))));
        Failure unknown = failureOf(() -> sendMessage.send(ALICE, withMedia(DIRECT, null, List.of(MediaIds.next()))));

        assertThat(notReady).isInstanceOfSatisfying(Failure.BadRequest.class,
                bad -> assertThat(bad.message()).contains(pending, "not ready"));
        assertThat(notHere).isInstanceOfSatisfying(Failure.BadRequest.class,
                bad -> assertThat(bad.message()).contains(elsewhere, "not found in this conversation"));
        assertThat(unknown).isInstanceOfSatisfying(Failure.BadRequest.class,
                bad -> assertThat(bad.message()).contains("not found in this conversation"));
        assertThat(messages.messages(DIRECT)).isEmpty();
        assertThat(publisher.posts()).isEmpty();
    }

    @Test
    void failed_media_is_refused_with_its_failure() {
        String id = photo(DIRECT, false);
        media.markFailed(id, MediaTypes.FAILURE_TYPE_MISMATCH, "declared image/jpeg, is a PNG");

        assertThat(failureOf(() -> sendMessage.send(ALICE, withMedia(DIRECT, null, List.of(id)))))
                .isInstanceOfSatisfying(Failure.BadRequest.class,
                        bad -> assertThat(bad.message()).contains(id, MediaTypes.FAILURE_TYPE_MISMATCH));
    }

    @Test
    void an_encrypted_conversation_still_needs_ciphertext_with_media() {
        String id = MediaIds.next();
        media.create(Media.pending(id, SECRET, "alice", "iphone", MediaTypes.ENCRYPTED_CONTENT_TYPE, MediaTypes.Kind.ENCRYPTED,
                true, 4096, null, NOW));
        media.markReady(id, new MediaFacts(4096, null, null, null, Set.of("original")));

        Failure bare = failureOf(() -> sendMessage.send(ALICE, withMedia(SECRET, null, List.of(id))));
        sendMessage.send(ALICE, MessageDraft.of(SECRET, "c2", null, "a2V5cw==", "signal-v1", null, List.of(id)));

        assertThat(bare).isInstanceOfSatisfying(Failure.BadRequest.class,
                bad -> assertThat(bad.message()).contains("\"ciphertext\""));
        Message stored = messages.messages(SECRET).getFirst();
        assertThat(stored.body()).isEqualTo(new MessageBody.Ciphertext("a2V5cw==", "signal-v1"));
        assertThat(stored.media()).singleElement().satisfies(d -> assertThat(d.encrypted()).isTrue());
    }

    @Test
    void a_deployment_without_media_refuses_media_but_sends_text() {
        SendMessage withoutMedia = new SendMessage(messages, new FanOut(live, publisher),
                MessagePushes.off(), MemberActivity.none(), Attachments.none(), MemberDevices.NONE, Clock.fixed(NOW, ZoneOffset.UTC), LargeGroupSend.off());

        Failure refused = failureOf(() -> withoutMedia.send(ALICE, withMedia(DIRECT, "x", List.of(photo(DIRECT, true)))));

        assertThat(refused).isInstanceOfSatisfying(Failure.BadRequest.class,
                bad -> assertThat(bad.message()).contains("not configured"));
    }

    @Test
    void the_media_list_is_checked_before_any_read() {
        List<String> eleven = new ArrayList<>();
        IntStream.range(0, Limits.MAX_MEDIA_PER_MESSAGE + 1).forEach(i -> eleven.add(MediaIds.next()));
        String id = MediaIds.next();

        assertThat(failureOf(() -> withMedia(DIRECT, null, eleven))).isInstanceOfSatisfying(Failure.BadRequest.class,
                bad -> assertThat(bad.message()).contains("1 to " + Limits.MAX_MEDIA_PER_MESSAGE));
        assertThat(failureOf(() -> withMedia(DIRECT, null, List.of()))).isInstanceOf(Failure.BadRequest.class);
        assertThat(failureOf(() -> withMedia(DIRECT, null, List.of(id, id)))).isInstanceOfSatisfying(Failure.BadRequest.class,
                bad -> assertThat(bad.message()).contains(id, "twice"));
        assertThat(failureOf(() -> withMedia(DIRECT, null, List.of("m_../../x")))).isInstanceOfSatisfying(Failure.BadRequest.class,
                bad -> assertThat(bad.message()).contains("media[0]"));
        assertThat(failureOf(() -> MessageDraft.of(DIRECT, "c1", null, null, null, null, null)))
                .isInstanceOf(Failure.BadRequest.class);
    }
}
