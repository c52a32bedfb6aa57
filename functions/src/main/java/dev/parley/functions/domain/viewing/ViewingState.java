package dev.parley.functions.domain.viewing;

import java.time.Instant;

/**
 * Port: what each socket is viewing, kept in the socket's own entry of the connections table (the item a
 * fan-out batch-gets anyway), so that knowing who views a conversation costs no extra read.
 */
public interface ViewingState {

    /**
     * The socket views {@code conversationId} until {@code until}, replacing what it viewed before: one
     * UpdateItem, conditional on the socket being registered.
     *
     * @return false when the socket has no entry (it is gone, or its $connect was not recorded)
     */
    boolean view(String userId, String connectionId, String conversationId, Instant until);

    /** The socket views nothing; a socket without an entry is not an error. */
    void stopViewing(String userId, String connectionId);
}
