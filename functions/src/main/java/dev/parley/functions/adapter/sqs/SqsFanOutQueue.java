package dev.parley.functions.adapter.sqs;

import dev.parley.functions.domain.message.FanOutJob;
import dev.parley.functions.domain.message.FanOutQueue;
import software.amazon.awssdk.services.sqs.SqsClient;

/** The fan-out queue: one SQS SendMessage per page of a large conversation's members, its body the job's JSON. */
public final class SqsFanOutQueue implements FanOutQueue {
    private final SqsClient sqs;
    private final String queueUrl;

    public SqsFanOutQueue(SqsClient sqs, String queueUrl) {
        this.sqs = sqs;
        this.queueUrl = queueUrl;
    }

    @Override
    public void enqueue(FanOutJob job) {
        sqs.sendMessage(send -> send.queueUrl(queueUrl).messageBody(job.toJson()));
    }
}
