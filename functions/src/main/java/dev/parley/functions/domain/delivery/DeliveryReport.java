package dev.parley.functions.domain.delivery;

/**
 * What became of one fan-out.
 *
 * @param delivered posts the management API accepted
 * @param gone      sockets that no longer existed (410); their connections were removed
 * @param failed    posts still refused after the retries, or, when the connections could not be
 *                  read, the users; those devices catch up through sync
 */
public record DeliveryReport(int delivered, int gone, int failed) {

    public static DeliveryReport none() {
        return new DeliveryReport(0, 0, 0);
    }

    public DeliveryReport plus(DeliveryReport other) {
        return new DeliveryReport(delivered + other.delivered, gone + other.gone, failed + other.failed);
    }
}
