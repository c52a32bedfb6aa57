package dev.parley.media.domain;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/** The in-memory fake of {@link MediaObjects}: a bucket as a map of key to bytes and Content-Type. */
public final class InMemoryMediaObjects implements MediaObjects {
    private final Map<String, StoredObject> objects = new ConcurrentHashMap<>();

    /** One object's bytes and Content-Type. */
    public record StoredObject(byte[] bytes, String contentType) {
    }

    /** Puts an object as a client's presigned POST would. */
    public void upload(String key, byte[] bytes, String contentType) {
        objects.put(key, new StoredObject(bytes.clone(), contentType));
    }

    public Optional<StoredObject> get(String key) {
        return Optional.ofNullable(objects.get(key));
    }

    public Set<String> keys() {
        return new TreeSet<>(objects.keySet());
    }

    @Override
    public OptionalLong size(String key) {
        StoredObject object = objects.get(key);
        return object == null ? OptionalLong.empty() : OptionalLong.of(object.bytes().length);
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
        objects.put(key, new StoredObject(bytes.clone(), contentType));
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
