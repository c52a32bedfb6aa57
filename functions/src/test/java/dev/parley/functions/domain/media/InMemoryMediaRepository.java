package dev.parley.functions.domain.media;

import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** The media table in memory, with the adapter's conditions; MediaRepositoryContract holds both to the same rules. */
public final class InMemoryMediaRepository implements MediaRepository {
    private final Map<String, Media> items = new ConcurrentHashMap<>();
    private int batchReads;

    @Override
    public synchronized void create(Media pending) {
        if (items.putIfAbsent(pending.mediaId(), pending) != null) {
            throw new IllegalStateException("media id " + pending.mediaId() + " exists");
        }
    }

    @Override
    public Optional<Media> find(String mediaId) {
        return Optional.ofNullable(items.get(mediaId));
    }

    @Override
    public synchronized List<Media> findAll(Collection<String> mediaIds) {
        batchReads++;
        return mediaIds.stream().distinct().map(items::get).filter(Objects::nonNull).toList();
    }

    @Override
    public synchronized Optional<Media> markReady(String mediaId, MediaFacts facts) {
        Media item = items.get(mediaId);
        if (item == null || item.status() == Media.Status.FAILED) {
            return Optional.empty();
        }
        if (item.ready()) {
            return Optional.of(item);
        }
        Media ready = new Media(item.mediaId(), item.conversationId(), item.uploaderId(), item.uploaderDeviceId(),
                item.contentType(), item.kind(), item.encrypted(), item.declaredSize(), item.thumbnailSize(), Media.Status.READY,
                facts.size(), facts.width() != null ? facts.width() : item.width(),
                facts.height() != null ? facts.height() : item.height(), facts.pages() != null ? facts.pages() : item.pages(),
                union(item.versions(), facts.versions()), null, null, item.createdAt());
        items.put(mediaId, ready);
        return Optional.of(ready);
    }

    @Override
    public synchronized Optional<Media> addVersion(String mediaId, String version, MediaFacts facts) {
        Media item = items.get(mediaId);
        if (item == null || item.status() == Media.Status.FAILED) {
            return Optional.empty();
        }
        Media added = new Media(item.mediaId(), item.conversationId(), item.uploaderId(), item.uploaderDeviceId(),
                item.contentType(), item.kind(), item.encrypted(), item.declaredSize(), item.thumbnailSize(), item.status(),
                item.size(), item.width() != null ? item.width() : facts.width(),
                item.height() != null ? item.height() : facts.height(), item.pages(),
                union(item.versions(), Set.of(version)), item.failureCode(), item.failureReason(), item.createdAt());
        items.put(mediaId, added);
        return Optional.of(added);
    }

    @Override
    public synchronized boolean markFailed(String mediaId, String code, String reason) {
        Media item = items.get(mediaId);
        if (item == null || item.status() != Media.Status.PENDING) {
            return false;
        }
        items.put(mediaId, new Media(item.mediaId(), item.conversationId(), item.uploaderId(), item.uploaderDeviceId(),
                item.contentType(), item.kind(), item.encrypted(), item.declaredSize(), item.thumbnailSize(), Media.Status.FAILED,
                item.size(), item.width(), item.height(), item.pages(), item.versions(), code,
                reason == null || reason.isEmpty() ? code : reason, item.createdAt()));
        return true;
    }

    /** How many findAll calls were made: the send path's one BatchGetItem. */
    public synchronized int batchReads() {
        return batchReads;
    }

    private static Set<String> union(Set<String> one, Set<String> other) {
        Set<String> all = new HashSet<>(one);
        all.addAll(other);
        return all;
    }
}
