package dev.parley.functions.domain.viewing;

import java.time.Instant;
import java.util.Optional;

/**
 * Port: what each socket is viewing, kept in the socket's own entry of the connections table (the item a
 * fan-out batch-gets anyway), so that knowing who views a conversation costs no extra read.
 */
public interface ViewingState {

    /**
     * The socket views {@code conversationId} until {@code until}, replacing what it viewed before: one
     * UpdateItem, conditional on the socket being registered.
     *
     * @return whether the socket has an entry (false: it is gone, or its $connect was not recorded),
     *         and what it viewed before, read in the same write
     */
    View view(String userId, String connectionId, String conversationId, Instant until);

    /** The socket views nothing; a socket without an entry is not an error. @return what it viewed before */
    Optional<String> stopViewing(String userId, String connectionId);

    /** @param before the conversation the socket viewed before this write, or null */
    record View(boolean registered, String before) {
    }
}
