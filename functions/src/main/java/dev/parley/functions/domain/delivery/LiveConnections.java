package dev.parley.functions.domain.delivery;

import java.util.Collection;
import java.util.List;

/** Port: the live connections of a set of users, read in batches so fan-out never scans. */
public interface LiveConnections {

    /** Every connection of these users that has not expired; users without one contribute nothing. */
    List<Recipient> of(Collection<String> userIds);
}
