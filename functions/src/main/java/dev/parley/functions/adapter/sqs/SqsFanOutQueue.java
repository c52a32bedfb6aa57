package dev.parley.functions.adapter.sqs;

import dev.parley.functions.domain.message.FanOutJob;
import dev.parley.functions.domain.message.FanOutQueue;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * The fan-out queues: one SQS SendMessage per page, its body the job's JSON. A message's viewers pages
 * go to the fan-out queue and an activity round's pages to the activity queue, each with its own event
 * source and concurrency, so a running round (up to members/500 pages, each telling hundreds of sockets)
 * never holds up the pages that carry a message to the sockets viewing it.
 */
public final class SqsFanOutQueue implements FanOutQueue {
    private final SqsClient sqs;
    private final String viewersUrl;
    private final String activityUrl;

    /** @param activityUrl the activity rounds' queue; the same URL as {@code viewersUrl} shares one queue */
    public SqsFanOutQueue(SqsClient sqs, String viewersUrl, String activityUrl) {
        this.sqs = sqs;
        this.viewersUrl = viewersUrl;
        this.activityUrl = activityUrl;
    }

    @Override
    public void enqueue(FanOutJob job) {
        String url = job.stage() == FanOutJob.Stage.ACTIVITY ? activityUrl : viewersUrl;
        sqs.sendMessage(send -> send.queueUrl(url).messageBody(job.toJson()));
    }
}
