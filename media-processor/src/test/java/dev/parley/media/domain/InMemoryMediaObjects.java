package dev.parley.media.domain;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.time.Instant;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/** The in-memory fake of {@link MediaObjects}: a bucket as a map of key to bytes and Content-Type. */
public final class InMemoryMediaObjects implements MediaObjects {
    private final Map<String, StoredObject> objects = new ConcurrentHashMap<>();

    private final Instant now;

    /** @param now when every object is stored (its Last-Modified) */
    public InMemoryMediaObjects(Instant now) {
        this.now = now;
    }

    /** One object's bytes, Content-Type and Last-Modified. */
    public record StoredObject(byte[] bytes, String contentType, Instant lastModified) {
    }

    /** Puts an object as a client's presigned POST would. */
    public void upload(String key, byte[] bytes, String contentType) {
        upload(key, bytes, contentType, now);
    }

    /** Puts an object stored at {@code at}, as a POST after its form expired would be on a store that does not check. */
    public void upload(String key, byte[] bytes, String contentType, Instant at) {
        objects.put(key, new StoredObject(bytes.clone(), contentType, at));
    }

    public Optional<StoredObject> get(String key) {
        return Optional.ofNullable(objects.get(key));
    }

    public Set<String> keys() {
        return new TreeSet<>(objects.keySet());
    }

    @Override
    public Optional<Stored> stat(String key) {
        return Optional.ofNullable(objects.get(key))
                .map(object -> new Stored(object.bytes().length, object.contentType(), object.lastModified()));
    }

    @Override
    public byte[] readFirst(String key, int bytes) {
        byte[] all = existing(key).bytes();
        return Arrays.copyOf(all, Math.min(bytes, all.length));
    }

    @Override
    public InputStream read(String key) {
        return new ByteArrayInputStream(existing(key).bytes());
    }

    @Override
    public void put(String key, byte[] bytes, String contentType) {
        objects.put(key, new StoredObject(bytes.clone(), contentType, now));
    }

    @Override
    public void copy(String fromKey, String toKey) {
        objects.put(toKey, existing(fromKey));
    }

    @Override
    public void delete(String key) {
        objects.remove(key);
    }

    private StoredObject existing(String key) {
        StoredObject object = objects.get(key);
        if (object == null) {
            throw new IllegalStateException("NoSuchKey: " + key);
        }
        return object;
    }
}
