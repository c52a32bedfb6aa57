package dev.parley.functions.domain.media;

import dev.parley.functions.domain.Actor;
import dev.parley.functions.domain.Failure;
import dev.parley.functions.domain.FailureException;
import dev.parley.functions.domain.conversation.ConversationId;
import dev.parley.functions.domain.conversation.Kind;
import dev.parley.functions.domain.conversation.MemberRows;
import dev.parley.functions.domain.message.InMemoryMessageRepository;
import dev.parley.functions.domain.ratelimit.InMemoryRateLimiter;
import dev.parley.functions.domain.ratelimit.PerMinuteLimit;
import dev.parley.model.Limits;
import dev.parley.model.MediaTypes;
import dev.parley.model.v1.RequestUploadReply;
import dev.parley.model.v1.UploadForm;
import org.assertj.core.api.ThrowableAssert;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import dev.parley.functions.domain.MediaIds;
import dev.parley.functions.testing.SettableClock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class RequestUploadTest {
    private static final Instant NOW = Instant.parse("2026-03-01T12:00:00.123Z");
    private static final String PLAIN = ConversationId.direct("alice", "bob");
    private static final String SECRET = ConversationId.newGroup();
    private static final String LARGE = ConversationId.newGroup();
    private static final Actor ALICE = new Actor("alice", "iphone", "conn-alice");
    private static final Actor CAROL = new Actor("carol", "pixel", "conn-carol");

    /** What the form port was asked for. */
    record Asked(String key, String contentType, long size, Instant expiresAt) {
    }

    private final InMemoryMessageRepository messages = new InMemoryMessageRepository();
    private final InMemoryMediaRepository media = new InMemoryMediaRepository();
    private final List<Asked> asked = new ArrayList<>();
    private final UploadForms forms = (key, contentType, size, expiresAt) -> {
        asked.add(new Asked(key, contentType, size, expiresAt));
        return new UploadForm("https://bucket.test", Map.of("key", key));
    };
    private final SettableClock clock = new SettableClock(NOW);
    /** Rows of large conversations: alice is in LARGE. */
    private final MemberRows rows = (userId, conversationId, read) -> conversationId.equals(LARGE) && userId.equals("alice");
    private final RequestUpload requestUpload = new RequestUpload(messages, rows, media, forms,
            new PerMinuteLimit("requestUpload", Limits.UPLOADS_PER_MINUTE, new InMemoryRateLimiter(), clock), clock);

    @BeforeEach
    void aliceAndBobShareAPlainAndAnEncryptedConversation() {
        messages.create(PLAIN, Kind.DIRECT, false, Set.of("alice", "bob"));
        messages.create(SECRET, Kind.GROUP, true, Set.of("alice", "bob"));
        messages.createLarge(LARGE);
    }

    @Test
    void in_a_large_group_the_member_row_decides_since_the_header_lists_nobody() {
        assertThat(requestUpload.request(ALICE, upload(LARGE, "image/jpeg", 1_000)).mediaId()).matches(MediaIds.FORMAT);

        assertThat(failureOf(() -> requestUpload.request(CAROL, upload(LARGE, "image/jpeg", 1_000))))
                .isInstanceOf(Failure.ConversationNotFound.class);
    }

    private static RequestUpload.Command upload(String conversationId, String contentType, long size) {
        return new RequestUpload.Command(conversationId, contentType, size, null, null);
    }

    private static Failure failureOf(ThrowableAssert.ThrowingCallable call) {
        FailureException thrown = catchThrowableOfType(FailureException.class, call);
        assertThat(thrown).as("a FailureException").isNotNull();
        return thrown.failure();
    }

    @Test
    void a_member_gets_a_pending_media_id_and_a_form_for_the_exact_key_type_and_size() {
        RequestUploadReply reply = requestUpload.request(ALICE, upload(PLAIN, "image/jpeg", 2_000_000));

        assertThat(reply.mediaId()).matches(MediaIds.FORMAT);
        assertThat(reply.thumbnailUpload()).isNull();
        assertThat(reply.expiresAt()).isEqualTo(NOW.plusSeconds(Limits.UPLOAD_FORM_EXPIRY_SECONDS).toEpochMilli());
        assertThat(asked).containsExactly(new Asked("uploads/" + PLAIN + "/" + reply.mediaId() + "/original", "image/jpeg",
                2_000_000, NOW.plusSeconds(Limits.UPLOAD_FORM_EXPIRY_SECONDS)));
        Media stored = media.find(reply.mediaId()).orElseThrow();
        assertThat(stored).isEqualTo(Media.pending(reply.mediaId(), PLAIN, "alice", "iphone", "image/jpeg",
                MediaTypes.Kind.IMAGE, false, 2_000_000, null, NOW));
    }

    @Test
    void a_video_may_bring_its_own_jpeg_poster_and_an_encrypted_file_its_encrypted_thumbnail() {
        RequestUploadReply video = requestUpload.request(ALICE, new RequestUpload.Command(PLAIN, "video/mp4", 50_000_000L, null, 40_000L));
        RequestUploadReply sealed = requestUpload.request(ALICE,
                new RequestUpload.Command(SECRET, "application/octet-stream", 300_000L, true, 9_000L));

        assertThat(video.thumbnailUpload()).isNotNull();
        assertThat(sealed.thumbnailUpload()).isNotNull();
        assertThat(asked).extracting(Asked::key, Asked::contentType, Asked::size).containsExactly(
                org.assertj.core.groups.Tuple.tuple("uploads/" + PLAIN + "/" + video.mediaId() + "/original", "video/mp4", 50_000_000L),
                org.assertj.core.groups.Tuple.tuple("uploads/" + PLAIN + "/" + video.mediaId() + "/thumb", "image/jpeg", 40_000L),
                org.assertj.core.groups.Tuple.tuple("uploads/" + SECRET + "/" + sealed.mediaId() + "/original",
                        "application/octet-stream", 300_000L),
                org.assertj.core.groups.Tuple.tuple("uploads/" + SECRET + "/" + sealed.mediaId() + "/thumb",
                        "application/octet-stream", 9_000L));
        assertThat(media.find(sealed.mediaId()).orElseThrow().encrypted()).isTrue();
        assertThat(media.find(sealed.mediaId()).orElseThrow().thumbnailSize()).isEqualTo(9_000L);
    }

    @Test
    void a_non_member_and_an_unknown_conversation_get_the_same_not_found_and_nothing_is_stored() {
        Failure nonMember = failureOf(() -> requestUpload.request(CAROL, upload(PLAIN, "image/png", 10)));
        String unknown = ConversationId.newGroup();
        Failure missing = failureOf(() -> requestUpload.request(ALICE, upload(unknown, "image/png", 10)));

        assertThat(nonMember).isEqualTo(new Failure.ConversationNotFound(PLAIN));
        assertThat(missing).isEqualTo(new Failure.ConversationNotFound(unknown));
        assertThat(asked).isEmpty();
    }

    @Test
    void an_encrypted_conversation_takes_only_encrypted_octet_streams() {
        Failure plainInSecret = failureOf(() -> requestUpload.request(ALICE, upload(SECRET, "image/jpeg", 10)));
        Failure typedCiphertext = failureOf(() -> requestUpload.request(ALICE,
                new RequestUpload.Command(SECRET, "image/jpeg", 10L, true, null)));

        assertThat(plainInSecret).isInstanceOfSatisfying(Failure.BadRequest.class,
                bad -> assertThat(bad.message()).contains("end-to-end encrypted", "\"encrypted\": true"));
        assertThat(typedCiphertext).isInstanceOfSatisfying(Failure.BadRequest.class,
                bad -> assertThat(bad.message()).contains("application/octet-stream"));
        assertThat(asked).isEmpty();
    }

    @Test
    void an_unknown_type_is_refused_with_the_list_of_accepted_ones() {
        Failure failure = failureOf(() -> requestUpload.request(ALICE, upload(PLAIN, "image/svg+xml", 10)));

        assertThat(failure).isInstanceOfSatisfying(Failure.BadRequest.class,
                bad -> assertThat(bad.message()).contains("image/jpeg", "application/pdf", "video/mp4"));
    }

    @Test
    void a_file_over_its_types_limit_is_payload_too_large_naming_the_limit_and_a_limit_itself_is_fine() {
        long limit = MediaTypes.of("image/jpeg").orElseThrow().maxBytes();

        requestUpload.request(ALICE, upload(PLAIN, "image/jpeg", limit));
        Failure tooLarge = failureOf(() -> requestUpload.request(ALICE, upload(PLAIN, "image/jpeg", limit + 1)));
        Failure empty = failureOf(() -> requestUpload.request(ALICE, upload(PLAIN, "image/jpeg", 0)));
        Failure encryptedTooLarge = failureOf(() -> requestUpload.request(ALICE,
                new RequestUpload.Command(SECRET, "application/octet-stream", MediaTypes.ENCRYPTED.maxBytes() + 1, true, null)));

        assertThat(tooLarge).isInstanceOfSatisfying(Failure.PayloadTooLarge.class,
                large -> assertThat(large.message()).contains(Long.toString(limit)));
        assertThat(empty).isInstanceOf(Failure.BadRequest.class);
        assertThat(encryptedTooLarge).isInstanceOfSatisfying(Failure.PayloadTooLarge.class,
                large -> assertThat(large.message()).contains(Long.toString(MediaTypes.ENCRYPTED.maxBytes())));
    }

    @Test
    void thumbnails_are_for_videos_and_encrypted_files_only_and_at_most_a_megabyte() {
        Failure forImage = failureOf(() -> requestUpload.request(ALICE, new RequestUpload.Command(PLAIN, "image/jpeg", 10L, null, 5L)));
        Failure tooLarge = failureOf(() -> requestUpload.request(ALICE,
                new RequestUpload.Command(PLAIN, "video/mp4", 10L, null, MediaTypes.MAX_THUMBNAIL_BYTES + 1)));

        assertThat(forImage).isInstanceOfSatisfying(Failure.BadRequest.class,
                bad -> assertThat(bad.message()).contains("\"thumbnailSize\""));
        assertThat(tooLarge).isInstanceOf(Failure.PayloadTooLarge.class);
    }

    @Test
    void missing_fields_are_named() {
        Failure noType = failureOf(() -> requestUpload.request(ALICE, new RequestUpload.Command(PLAIN, null, 10L, null, null)));
        Failure noSize = failureOf(() -> requestUpload.request(ALICE, new RequestUpload.Command(PLAIN, "image/png", null, null, null)));

        assertThat(noType).isEqualTo(new Failure.BadRequest("Field \"contentType\" is required."));
        assertThat(noSize).isEqualTo(new Failure.BadRequest("Field \"size\" is required."));
    }

    @Test
    void a_user_gets_30_forms_a_minute_then_rate_limited() {
        for (int i = 0; i < Limits.UPLOADS_PER_MINUTE; i++) {
            requestUpload.request(ALICE, upload(PLAIN, "image/png", 10));
        }
        Failure limited = failureOf(() -> requestUpload.request(ALICE, upload(PLAIN, "image/png", 10)));

        assertThat(limited).isEqualTo(new Failure.RateLimited("requestUpload", Limits.UPLOADS_PER_MINUTE));
        assertThat(asked).hasSize(Limits.UPLOADS_PER_MINUTE);
    }

    @Test
    void the_window_is_the_calendar_minute_exactly_30_forms_in_it_and_the_next_minute_starts_fresh() {
        Instant minute = NOW.truncatedTo(ChronoUnit.MINUTES);
        for (int i = 0; i < Limits.UPLOADS_PER_MINUTE; i++) {
            clock.set(minute.plusSeconds(2L * i));
            requestUpload.request(ALICE, upload(PLAIN, "image/png", 10));
        }
        clock.set(minute.plusSeconds(60).minusMillis(1));
        Failure atTheLastMillisecond = failureOf(() -> requestUpload.request(ALICE, upload(PLAIN, "image/png", 10)));
        clock.set(minute.plusSeconds(60));
        for (int i = 0; i < Limits.UPLOADS_PER_MINUTE; i++) {
            requestUpload.request(ALICE, upload(PLAIN, "image/png", 10));
        }
        Failure nextMinuteFull = failureOf(() -> requestUpload.request(ALICE, upload(PLAIN, "image/png", 10)));

        assertThat(atTheLastMillisecond).isEqualTo(new Failure.RateLimited("requestUpload", Limits.UPLOADS_PER_MINUTE));
        assertThat(nextMinuteFull).isEqualTo(atTheLastMillisecond);
        assertThat(asked).as("forms made").hasSize(2 * Limits.UPLOADS_PER_MINUTE);
    }
}
