package dev.parley.bench;

/**
 * A workload's conversation run: sends in turns of {@code burst} messages, with what the readers'
 * clients send back ({@code policy}) and, with {@code typing}, the senders' typing requests. Its
 * cost per stored message is the cost of a message with its receipts as the shipped clients send them.
 *
 * @param expectedDeliveries message events due to other members' devices, and {@code deliveries} those that arrived
 */
record ConversationResult(Readers.Policy policy, boolean typing, int burst, ConversationDriver.Outcome outcome,
                          long expectedDeliveries, long deliveries, MeterReading cost) implements PerMessage {

    @Override
    public int messages() {
        return outcome.stored().size();
    }

    double receiptRequestsPerMessage() {
        return perMessage(outcome.receiptRequests());
    }

    double typingRequestsPerMessage() {
        return perMessage(outcome.typingRequests());
    }

    /** Every send stored and delivered, every turn read, every read receipt at its sender, no request failed. */
    boolean complete() {
        return messages() > 0 && outcome.failures() == 0 && deliveries == expectedDeliveries && outcome.turnsUnread() == 0
                && outcome.receiptsMissed() == 0 && outcome.receiptFailures() == 0 && outcome.typingFailures() == 0;
    }

    String problems() {
        return ("%d/%d sends stored, %d/%d deliveries, %d of %d turns unread, %d read receipts missed at the sender,"
                + " %d markRead failed, %d typing failed%s").formatted(messages(), messages() + outcome.failures(), deliveries,
                expectedDeliveries, outcome.turnsUnread(), outcome.turns(), outcome.receiptsMissed(), outcome.receiptFailures(),
                outcome.typingFailures(), outcome.firstFailure() == null ? "" : "; first failure: " + outcome.firstFailure());
    }
}
