package dev.parley.functions.domain.delivery;


import java.util.Collection;
import java.util.List;

/** Port: the live connections of a set of users, read in batches so fan-out never scans. */
public interface LiveConnections {

    /** Every connection of these users that has not expired; users without one contribute nothing. */
    List<Recipient> of(Collection<String> userIds);

    /**
     * {@link #of} together with the users' active push registrations, read in the same batched
     * reads (the DynamoDB adapter asks for both tables in one BatchGetItem), so the send path learns
     * who needs a push at no extra call. This default reads no registrations: push lookups off.
     */
    default Reach withPushTargets(Collection<String> userIds) {
        return new Reach(of(userIds), List.of());
    }

    /**
     * @param live       the users' live connections
     * @param registered the users' devices with an active push registration, live or not
     */
    record Reach(List<Recipient> live, List<PushTarget> registered) {
        public Reach {
            live = List.copyOf(live);
            registered = List.copyOf(registered);
        }
    }
}
