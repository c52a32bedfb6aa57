package dev.parley.functions.handler;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import dev.parley.functions.domain.delivery.DeliveryReport;
import dev.parley.functions.domain.keys.DevicesChanged;
import dev.parley.functions.domain.keys.PublishDevicesChanged;
import dev.parley.functions.domain.presence.PresenceChange;
import dev.parley.functions.domain.presence.PublishPresence;
import dev.parley.functions.log.JsonLogger;
import dev.parley.functions.wiring.PresenceWiring;

import java.util.Map;
import dev.parley.functions.lambda.SqsBatch;

/**
 * The presence queue's consumer: publishes each debounced transition to the user's contacts, and
 * each device change ({@code devicesChanged}, docs/e2ee.md) to the user's contacts and devices. A
 * record that fails is reported in {@code batchItemFailures} (ReportBatchItemFailures), so SQS
 * retries only it and moves it to the dead-letter queue after its receive limit.
 */
public final class PresenceWorkerHandler extends PrimedHandler<SQSEvent, SQSBatchResponse> {
    private static final JsonLogger LOG = JsonLogger.of(PresenceWorkerHandler.class);

    private final PublishPresence publishPresence;
    private final PublishDevicesChanged publishDevicesChanged;

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
        this(publishPresence, null);
    }

    /** An instance around given use cases, for tests. */
    public PresenceWorkerHandler(PublishPresence publishPresence, PublishDevicesChanged publishDevicesChanged) {
        super(() -> { });
        this.publishPresence = publishPresence;
        this.publishDevicesChanged = publishDevicesChanged;
    }

    private PresenceWorkerHandler(PresenceWiring wiring) {
        super(wiring::prime, wiring::offline);
        this.publishPresence = wiring.publishPresence();
        this.publishDevicesChanged = wiring.publishDevicesChanged();
    }

    @Override
    public SQSBatchResponse handleRequest(SQSEvent event, Context context) {
        return SqsBatch.process(event, LOG, record -> {
            if (DevicesChanged.isOne(record.getBody())) {
                DevicesChanged change = DevicesChanged.fromJson(record.getBody());
                DeliveryReport report = publishDevicesChanged.publish(change);
                LOG.info("devices change handled", JsonLogger.fields("messageId", record.getMessageId(),
                        "userId", change.userId(), "seq", change.seq(), "delivered", report.delivered()));
                return true;
            }
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
