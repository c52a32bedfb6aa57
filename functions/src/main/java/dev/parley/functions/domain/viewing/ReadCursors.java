package dev.parley.functions.domain.viewing;

import java.time.Instant;
import java.util.Collection;
import java.util.Map;

/**
 * Port: the read cursors of a page of a large conversation's members, which an activity round compares
 * with the previous round ({@link ActivityHints}). The DynamoDB adapter: BatchGetItem of the membership
 * rows, 100 a call, eventually consistent, projected to the cursor (0.5 read unit per call).
 */
public interface ReadCursors {

    /** Each listed member's cursor; a member whose row is not (yet) readable is absent. */
    Map<String, ReadMark> of(String conversationId, Collection<String> userIds);

    /** @param readSeq the member's read cursor, 0 when they never read; @param joinedAt when they joined */
    record ReadMark(long readSeq, Instant joinedAt) {
    }
}
