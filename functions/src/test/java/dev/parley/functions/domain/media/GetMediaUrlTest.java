package dev.parley.functions.domain.media;

import dev.parley.functions.domain.Actor;
import dev.parley.functions.domain.Failure;
import dev.parley.functions.domain.FailureException;
import dev.parley.functions.domain.conversation.ConversationId;
import dev.parley.functions.domain.conversation.Kind;
import dev.parley.functions.domain.conversation.MemberRows;
import dev.parley.functions.domain.media.MediaRepository.MediaFacts;
import dev.parley.functions.domain.message.InMemoryMessageRepository;
import dev.parley.model.Limits;
import dev.parley.model.MediaTypes;
import dev.parley.model.v1.GetMediaUrlReply;
import org.assertj.core.api.ThrowableAssert;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;
import dev.parley.functions.domain.MediaIds;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class GetMediaUrlTest {
    private static final Instant NOW = Instant.parse("2026-03-01T12:00:00.123Z");
    private static final Instant EXPIRES = NOW.plusSeconds(Limits.MEDIA_URL_EXPIRY_SECONDS);
    private static final String PLAIN = ConversationId.direct("alice", "bob");
    private static final String OTHER = ConversationId.direct("alice", "carol");
    private static final Actor BOB = new Actor("bob", "pixel", "conn-bob");
    private static final Actor CAROL = new Actor("carol", "pixel", "conn-carol");

    private final InMemoryMessageRepository messages = new InMemoryMessageRepository();
    private final InMemoryMediaRepository media = new InMemoryMediaRepository();
    private final MediaUrls urls = (key, expiresAt) -> "https://cdn.test/" + key + "?Expires=" + expiresAt.getEpochSecond();
    private final GetMediaUrl getMediaUrl = new GetMediaUrl(messages, MemberRows.none(), media, urls, Clock.fixed(NOW, ZoneOffset.UTC));
    private String photo;

    @BeforeEach
    void aliceSharedAProcessedPhotoWithBob() {
        messages.create(PLAIN, Kind.DIRECT, false, Set.of("alice", "bob"));
        messages.create(OTHER, Kind.DIRECT, false, Set.of("alice", "carol"));
        photo = stored(PLAIN, true);
    }

    private String stored(String conversationId, boolean ready) {
        String id = MediaIds.next();
        media.create(Media.pending(id, conversationId, "alice", "iphone", "image/jpeg", MediaTypes.Kind.IMAGE, false, 100, null,
                NOW.minusSeconds(60)));
        if (ready) {
            media.markReady(id, new MediaFacts(100, 1600, 1200, null, Set.of("display", "thumb")));
        }
        return id;
    }

    private static Failure failureOf(ThrowableAssert.ThrowingCallable call) {
        FailureException thrown = catchThrowableOfType(FailureException.class, call);
        assertThat(thrown).as("a FailureException").isNotNull();
        return thrown.failure();
    }

    @Test
    void a_member_gets_a_url_per_version_of_the_media_key_expiring_in_15_minutes() {
        GetMediaUrlReply reply = getMediaUrl.get(BOB, new GetMediaUrl.Command(PLAIN, photo, null));

        assertThat(reply.urls()).containsExactly(
                Map.entry("display", "https://cdn.test/media/" + PLAIN + "/" + photo + "/display?Expires=" + EXPIRES.getEpochSecond()),
                Map.entry("thumb", "https://cdn.test/media/" + PLAIN + "/" + photo + "/thumb?Expires=" + EXPIRES.getEpochSecond()));
        assertThat(reply.expiresAt()).isEqualTo(EXPIRES.toEpochMilli());
    }

    @Test
    void asking_for_some_versions_signs_only_those() {
        GetMediaUrlReply reply = getMediaUrl.get(BOB, new GetMediaUrl.Command(PLAIN, photo, List.of("thumb")));

        assertThat(reply.urls()).containsOnlyKeys("thumb");
    }

    @Test
    void a_non_member_gets_not_found_for_the_conversation() {
        assertThat(failureOf(() -> getMediaUrl.get(CAROL, new GetMediaUrl.Command(PLAIN, photo, null))))
                .isEqualTo(new Failure.ConversationNotFound(PLAIN));
    }

    @Test
    void media_of_another_conversation_pending_media_and_unknown_ids_are_one_not_found() {
        String elsewhere = stored(OTHER, true);
        String pending = stored(PLAIN, false);
        String unknown = MediaIds.next();
        Actor alice = new Actor("alice", "iphone", "conn-alice");

        assertThat(failureOf(() -> getMediaUrl.get(alice, new GetMediaUrl.Command(PLAIN, elsewhere, null))))
                .isEqualTo(new Failure.MediaNotFound(PLAIN, elsewhere));
        assertThat(failureOf(() -> getMediaUrl.get(alice, new GetMediaUrl.Command(PLAIN, pending, null))))
                .isEqualTo(new Failure.MediaNotFound(PLAIN, pending));
        assertThat(failureOf(() -> getMediaUrl.get(alice, new GetMediaUrl.Command(PLAIN, unknown, null))))
                .isEqualTo(new Failure.MediaNotFound(PLAIN, unknown));
    }

    @Test
    void an_unknown_version_and_a_version_the_media_lacks_are_bad_requests() {
        Failure unknown = failureOf(() -> getMediaUrl.get(BOB, new GetMediaUrl.Command(PLAIN, photo, List.of("huge"))));
        Failure lacking = failureOf(() -> getMediaUrl.get(BOB, new GetMediaUrl.Command(PLAIN, photo, List.of("original"))));
        Failure malformed = failureOf(() -> getMediaUrl.get(BOB, new GetMediaUrl.Command(PLAIN, "../etc/passwd", null)));

        assertThat(unknown).isInstanceOfSatisfying(Failure.BadRequest.class, bad -> assertThat(bad.message()).contains("versions[0]"));
        assertThat(lacking).isInstanceOfSatisfying(Failure.BadRequest.class,
                bad -> assertThat(bad.message()).contains("no version \"original\"", "display, thumb"));
        assertThat(malformed).isInstanceOfSatisfying(Failure.BadRequest.class, bad -> assertThat(bad.message()).contains("mediaId"));
    }
}
