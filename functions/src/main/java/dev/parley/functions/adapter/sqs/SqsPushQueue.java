package dev.parley.functions.adapter.sqs;

import dev.parley.functions.domain.push.PushJob;
import dev.parley.functions.domain.push.PushQueue;
import software.amazon.awssdk.services.sqs.SqsClient;

/** The push queue: one SQS SendMessage per stored message, its body the job's JSON ({@link PushJob#toJson}). */
public final class SqsPushQueue implements PushQueue {
    private final SqsClient sqs;
    private final String queueUrl;

    public SqsPushQueue(SqsClient sqs, String queueUrl) {
        this.sqs = sqs;
        this.queueUrl = queueUrl;
    }

    @Override
    public void enqueue(PushJob job) {
        sqs.sendMessage(send -> send.queueUrl(queueUrl).messageBody(job.toJson()));
    }
}
