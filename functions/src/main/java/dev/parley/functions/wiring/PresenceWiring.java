package dev.parley.functions.wiring;

import dev.parley.functions.adapter.dynamodb.DynamoDbPresenceRecords;
import dev.parley.functions.adapter.sqs.SqsPresenceQueue;
import dev.parley.functions.config.DevicesConfig;
import dev.parley.functions.config.PresenceQueueConfig;
import dev.parley.functions.domain.keys.PublishDevicesChanged;
import dev.parley.functions.domain.presence.AnnouncePresence;
import dev.parley.functions.domain.presence.Contacts;
import dev.parley.functions.domain.presence.GetPresence;
import dev.parley.functions.domain.presence.PublishPresence;
import dev.parley.functions.domain.user.GetSettings;
import dev.parley.functions.domain.user.UpdateSettings;
import dev.parley.functions.log.JsonLogger;

import java.util.Map;

/** Presence and settings: getPresence, getSettings, updateSettings, the presence worker, and $connect's announcements. */
public final class PresenceWiring {
    private static final JsonLogger LOG = JsonLogger.of(PresenceWiring.class);

    private final CompositionRoot root;
    /** The devices table's # items. */
    private final Lazy<DynamoDbPresenceRecords> records;
    private final Lazy<AnnouncePresence> announcePresence;

    public PresenceWiring(Map<String, String> environment) {
        this(new CompositionRoot(environment));
    }

    PresenceWiring(CompositionRoot root) {
        this.root = root;
        this.records = new Lazy<>(() -> {
            DevicesConfig config = DevicesConfig.from(root.environment());
            return new DynamoDbPresenceRecords(root.aws(config.region()).dynamoDb(), config.devicesTable());
        });
        this.announcePresence = new Lazy<>(this::newAnnouncePresence);
    }

    /** getPresence: contacts from the memberships and messages tables, live sockets, and the devices table's # items. */
    public GetPresence getPresence() {
        return new GetPresence(contacts(), root.userSettings(), root.connections(), records.get());
    }

    public GetSettings getSettings() {
        return new GetSettings(root.userSettings());
    }

    public UpdateSettings updateSettings() {
        return new UpdateSettings(root.userSettings());
    }

    /** The presence worker: the devices table's # items, contacts, live sockets, and delivery. */
    public PublishPresence publishPresence() {
        return new PublishPresence(records.get(), root.connections(), root.userSettings(), contacts(), root.fanOut());
    }

    /** The worker's other job: devicesChanged to the contacts of a user whose devices changed. */
    public PublishDevicesChanged publishDevicesChanged() {
        return new PublishDevicesChanged(contacts()::of, root.fanOut());
    }

    /** What $connect and $disconnect tell presence ({@code ConnectionEvents}). */
    AnnouncePresence announcePresence() {
        return announcePresence.get();
    }

    public void prime() {
        root.prime();
    }

    /** Runs {@code work} with every AWS call answered offline: SnapStart priming through the handler itself. */
    public void offline(Runnable work) {
        root.offline(work);
    }

    /**
     * $connect and $disconnect hand presence transitions to the presence queue; without
     * PRESENCE_QUEUE_URL (logged once per cold start) presence events are off and sockets do nothing more.
     */
    private AnnouncePresence newAnnouncePresence() {
        PresenceQueueConfig config = PresenceQueueConfig.from(root.environment());
        if (config.queueUrl().isEmpty()) {
            LOG.info("presence events off: PRESENCE_QUEUE_URL is not set", JsonLogger.fields());
            return AnnouncePresence.off();
        }
        return new AnnouncePresence(records.get(), new SqsPresenceQueue(root.aws(config.region()).sqs(), config.queueUrl().get()), root.clock());
    }

    private Contacts contacts() {
        return new Contacts(root.memberCursors(), root.timeline());
    }
}
