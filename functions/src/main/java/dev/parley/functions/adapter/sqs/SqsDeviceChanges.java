package dev.parley.functions.adapter.sqs;

import dev.parley.functions.domain.keys.DeviceChanges;
import dev.parley.functions.domain.keys.DevicesChanged;
import software.amazon.awssdk.services.sqs.SqsClient;

/** Device changes go through the presence queue, whose worker already finds a user's contacts: one SendMessage each. */
public final class SqsDeviceChanges implements DeviceChanges {
    private final SqsClient sqs;
    private final String queueUrl;

    public SqsDeviceChanges(SqsClient sqs, String queueUrl) {
        this.sqs = sqs;
        this.queueUrl = queueUrl;
    }

    @Override
    public void announce(DevicesChanged change) {
        sqs.sendMessage(send -> send.queueUrl(queueUrl).messageBody(change.toJson()));
    }
}
