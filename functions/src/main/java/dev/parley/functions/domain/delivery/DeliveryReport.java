package dev.parley.functions.domain.delivery;

import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * What became of one fan-out.
 *
 * @param delivered posts the management API accepted
 * @param gone      sockets that no longer existed (410); their connections were removed
 * @param failed    posts still refused after the retries, or, when the connections could not be
 *                  read, the users; those devices catch up through sync
 * @param reached   the users at least one of whose devices had a post accepted: the send path
 *                  records delivery for them without a {@code markDelivered} from the device
 */
public record DeliveryReport(int delivered, int gone, int failed, Set<String> reached) {

    public DeliveryReport {
        reached = Set.copyOf(reached);
    }

    /** A report that names no user reached. */
    public DeliveryReport(int delivered, int gone, int failed) {
        this(delivered, gone, failed, Set.of());
    }

    public static DeliveryReport none() {
        return new DeliveryReport(0, 0, 0);
    }

    /** One accepted post to a device of {@code userId}. */
    public static DeliveryReport reached(String userId) {
        return new DeliveryReport(1, 0, 0, Set.of(userId));
    }

    /**
     * All of {@code reports} added up, their users copied once: a page's posts are summed this way, where
     * {@link #plus} one post at a time would copy the growing set of users reached at every post.
     */
    public static DeliveryReport sum(Collection<DeliveryReport> reports) {
        int delivered = 0;
        int gone = 0;
        int failed = 0;
        Set<String> reached = new HashSet<>();
        for (DeliveryReport report : reports) {
            delivered += report.delivered;
            gone += report.gone;
            failed += report.failed;
            reached.addAll(report.reached);
        }
        return new DeliveryReport(delivered, gone, failed, reached);
    }

    public DeliveryReport plus(DeliveryReport other) {
        return sum(List.of(this, other));
    }
}
