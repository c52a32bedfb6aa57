package dev.parley.functions.domain.viewing;

import java.util.Collection;
import java.util.List;

/**
 * Port: the live sockets of a page of members with their viewing state, read in the same batched reads
 * a fan-out makes for their connections (the DynamoDB adapter: BatchGetItem of the connections items,
 * 100 users a call, eventually consistent). A large conversation's fan-out calls this instead of
 * {@code LiveConnections.of}, at the same cost, and splits the result with {@link Audience#of}.
 */
public interface Watchers {

    /** Every socket of these users that has not expired; users without one contribute nothing. */
    List<Watcher> of(Collection<String> userIds);
}
