package dev.parley.functions.domain.media;

import dev.parley.functions.domain.media.MediaRepository.MediaFacts;
import dev.parley.model.MediaTypes;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Set;
import dev.parley.functions.domain.MediaIds;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** What every MediaRepository does: run against the in-memory fake and against DynamoDB (moto). */
public abstract class MediaRepositoryContract {
    protected static final Instant CREATED = Instant.parse("2026-03-01T12:00:00.123Z");
    protected static final String CONVERSATION = "g_0123456789abcdef0123456789abcdef";

    protected abstract MediaRepository repository();

    protected static Media pending(String mediaId, MediaTypes.Type type, Long thumbnailSize) {
        return Media.pending(mediaId, CONVERSATION, "alice", "iphone", type.contentType(), type.kind(),
                type.kind() == MediaTypes.Kind.ENCRYPTED, 1234, thumbnailSize, CREATED);
    }

    private static MediaTypes.Type jpeg() {
        return MediaTypes.of("image/jpeg").orElseThrow();
    }

    @Test
    void a_pending_item_reads_back_as_it_was_stored() {
        String id = MediaIds.next();
        Media stored = pending(id, MediaTypes.ENCRYPTED, 99L);
        repository().create(stored);

        assertThat(repository().find(id)).contains(stored);
        assertThat(repository().find(MediaIds.next())).isEmpty();
    }

    @Test
    void an_existing_id_is_never_overwritten() {
        String id = MediaIds.next();
        repository().create(pending(id, jpeg(), null));

        assertThatThrownBy(() -> repository().create(pending(id, MediaTypes.ENCRYPTED, null))).isInstanceOf(IllegalStateException.class);
        assertThat(repository().find(id).orElseThrow().kind()).isEqualTo(MediaTypes.Kind.IMAGE);
    }

    @Test
    void ready_carries_what_processing_found_and_a_redelivery_changes_nothing() {
        String id = MediaIds.next();
        repository().create(pending(id, jpeg(), null));

        Media ready = repository().markReady(id, new MediaFacts(1234, 1600, 1200, null, Set.of("display", "thumb"))).orElseThrow();
        Media again = repository().markReady(id, new MediaFacts(1, 1, 1, null, Set.of("original"))).orElseThrow();

        assertThat(ready.ready()).isTrue();
        assertThat(ready.descriptor().versions()).containsExactly("display", "thumb");
        assertThat(ready.width()).isEqualTo(1600);
        assertThat(again).isEqualTo(ready);
        assertThat(repository().find(id)).contains(ready);
    }

    @Test
    void a_failed_item_stays_failed_and_cannot_become_ready() {
        String id = MediaIds.next();
        repository().create(pending(id, jpeg(), null));

        assertThat(repository().markFailed(id, MediaTypes.FAILURE_TYPE_MISMATCH, "a PNG declared as image/jpeg")).isTrue();
        assertThat(repository().markFailed(id, MediaTypes.FAILURE_SIZE_MISMATCH, "again")).isFalse();
        assertThat(repository().markReady(id, new MediaFacts(1234, null, null, null, Set.of("display")))).isEmpty();
        assertThat(repository().addVersion(id, "thumb", new MediaFacts(0, null, null, null, null))).isEmpty();
        Media failed = repository().find(id).orElseThrow();
        assertThat(failed.status()).isEqualTo(Media.Status.FAILED);
        assertThat(failed.failureCode()).isEqualTo(MediaTypes.FAILURE_TYPE_MISMATCH);
        assertThat(failed.failureReason()).isEqualTo("a PNG declared as image/jpeg");
    }

    @Test
    void a_thumbnail_adds_its_version_and_fills_unknown_dimensions_only() {
        String id = MediaIds.next();
        repository().create(pending(id, MediaTypes.of("video/mp4").orElseThrow(), 5000L));

        Media withPoster = repository().addVersion(id, "thumb", new MediaFacts(0, 320, 180, null, null)).orElseThrow();
        Media ready = repository().markReady(id, new MediaFacts(1234, null, null, null, Set.of("original"))).orElseThrow();
        Media later = repository().addVersion(id, "thumb", new MediaFacts(0, 1, 1, null, null)).orElseThrow();

        assertThat(withPoster.status()).isEqualTo(Media.Status.PENDING);
        assertThat(ready.versions()).containsExactlyInAnyOrder("original", "thumb");
        assertThat(later.width()).isEqualTo(320);
        assertThat(later.height()).isEqualTo(180);
        assertThat(repository().addVersion(MediaIds.next(), "thumb", new MediaFacts(0, null, null, null, null))).isEmpty();
    }

    @Test
    void find_all_returns_the_items_that_exist() {
        String one = MediaIds.next();
        String other = MediaIds.next();
        repository().create(pending(one, jpeg(), null));
        repository().create(pending(other, jpeg(), null));

        assertThat(repository().findAll(List.of(one, MediaIds.next(), other))).extracting(Media::mediaId)
                .containsExactlyInAnyOrder(one, other);
    }
}
