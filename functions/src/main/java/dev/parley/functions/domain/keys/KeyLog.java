package dev.parley.functions.domain.keys;

import java.util.List;
import java.util.Optional;

/** Port: reading a user's key log; entries are appended by {@link KeyDirectory} with the change they record. */
public interface KeyLog {

    Optional<KeyLogEntry> head(String userId);

    /** Up to {@code limit} entries after {@code afterSeq}, oldest first. */
    List<KeyLogEntry> after(String userId, long afterSeq, int limit);
}
