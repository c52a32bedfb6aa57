package dev.parley.functions.adapter.sqs;

import dev.parley.functions.domain.presence.PresenceChange;
import dev.parley.functions.domain.presence.PresenceQueue;
import software.amazon.awssdk.services.sqs.SqsClient;

/** The presence queue: one SendMessage per transition, its body {@link PresenceChange#toJson()}. */
public final class SqsPresenceQueue implements PresenceQueue {
    private final SqsClient sqs;
    private final String queueUrl;

    public SqsPresenceQueue(SqsClient sqs, String queueUrl) {
        this.sqs = sqs;
        this.queueUrl = queueUrl;
    }

    @Override
    public void send(PresenceChange change, int delaySeconds) {
        sqs.sendMessage(send -> send.queueUrl(queueUrl).messageBody(change.toJson()).delaySeconds(delaySeconds));
    }
}
