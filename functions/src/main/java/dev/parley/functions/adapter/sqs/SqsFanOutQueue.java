package dev.parley.functions.adapter.sqs;

import dev.parley.functions.domain.message.FanOutJob;
import dev.parley.functions.domain.message.FanOutQueue;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchResponse;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The fan-out queues: one SQS SendMessage per page, its body the job's JSON. A message's viewers pages
 * go to the fan-out queue and an activity round's pages to the activity queue, each with its own event
 * source and concurrency, so a running round (up to members/500 pages, each telling hundreds of sockets)
 * never holds up the pages that carry a message to the sockets viewing it.
 */
public final class SqsFanOutQueue implements FanOutQueue {
    private static final int MAX_BATCH = 10;
    private static final int MAX_BATCH_BYTES = 256 * 1024;

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
        sqs.sendMessage(send -> send.queueUrl(urlOf(job)).messageBody(job.toJson()));
    }

    /**
     * One SendMessageBatch per queue and per 10 jobs or 256 KiB of bodies (SQS's limits on a batch), so
     * the next pages of a message's shards cost one request, not one each. A batch with a failed entry
     * throws, and the page that queued it is redelivered: a page may be posted twice, never skipped.
     */
    @Override
    public void enqueueAll(List<FanOutJob> jobs) {
        Map<String, List<String>> bodies = new LinkedHashMap<>();
        jobs.forEach(job -> bodies.computeIfAbsent(urlOf(job), url -> new ArrayList<>()).add(job.toJson()));
        bodies.forEach((url, all) -> {
            List<SendMessageBatchRequestEntry> batch = new ArrayList<>();
            int bytes = 0;
            for (String body : all) {
                int size = body.getBytes(StandardCharsets.UTF_8).length;
                if (batch.size() == MAX_BATCH || (!batch.isEmpty() && bytes + size > MAX_BATCH_BYTES)) {
                    send(url, batch);
                    batch = new ArrayList<>();
                    bytes = 0;
                }
                batch.add(SendMessageBatchRequestEntry.builder().id(Integer.toString(batch.size())).messageBody(body).build());
                bytes += size;
            }
            send(url, batch);
        });
    }

    private void send(String url, List<SendMessageBatchRequestEntry> batch) {
        if (batch.size() == 1) {
            sqs.sendMessage(send -> send.queueUrl(url).messageBody(batch.getFirst().messageBody()));
            return;
        }
        SendMessageBatchResponse response = sqs.sendMessageBatch(send -> send.queueUrl(url).entries(batch));
        if (response.hasFailed() && !response.failed().isEmpty()) {
            throw new IllegalStateException("the fan-out queue refused %d of %d jobs: %s"
                    .formatted(response.failed().size(), batch.size(), response.failed().getFirst().message()));
        }
    }

    private String urlOf(FanOutJob job) {
        return job.stage() == FanOutJob.Stage.ACTIVITY ? activityUrl : viewersUrl;
    }
}
