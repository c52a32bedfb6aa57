package dev.parley.functions.handler;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import dev.parley.functions.domain.presence.PresenceChange;
import dev.parley.functions.domain.presence.PublishPresence;
import dev.parley.functions.log.JsonLogger;
import dev.parley.functions.wiring.PresenceWiring;

import java.util.Map;
import dev.parley.functions.lambda.SqsBatch;

/**
 * The presence queue's consumer: publishes each debounced transition to the user's contacts. A
 * record that fails is reported in {@code batchItemFailures} (ReportBatchItemFailures), so SQS
 * retries only it and moves it to the dead-letter queue after its receive limit.
 */
public final class PresenceWorkerHandler extends PrimedHandler<SQSEvent, SQSBatchResponse> {
    private static final JsonLogger LOG = JsonLogger.of(PresenceWorkerHandler.class);

    private final PublishPresence publishPresence;

    /** Lambda's entry point: configured from the process environment, primed before a SnapStart snapshot. */
    public PresenceWorkerHandler() {
        this(new PresenceWiring(System.getenv()));
        primeBeforeSnapshot();
    }

    /** An instance with its own environment, as local-env runs each function. */
    public PresenceWorkerHandler(Map<String, String> environment) {
        this(new PresenceWiring(environment));
    }

    /** An instance around a given use case, for tests. */
    public PresenceWorkerHandler(PublishPresence publishPresence) {
        super(() -> { });
        this.publishPresence = publishPresence;
    }

    private PresenceWorkerHandler(PresenceWiring wiring) {
        super(wiring::prime, wiring::offline);
        this.publishPresence = wiring.publishPresence();
    }

    @Override
    public SQSBatchResponse handleRequest(SQSEvent event, Context context) {
        return SqsBatch.process(event, LOG, record -> {
            PresenceChange change = PresenceChange.fromJson(record.getBody());
            boolean published = publishPresence.publish(change);
            LOG.info("presence change handled", JsonLogger.fields("messageId", record.getMessageId(),
                    "userId", change.userId(), "kind", change.kind().value(), "published", published));
            return true;
        });
    }

    @Override
    SQSEvent primingEvent() {
        return PrimingEvents.presenceChange();
    }
}
