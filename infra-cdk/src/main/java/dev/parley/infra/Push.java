package dev.parley.infra;

import static dev.parley.infra.ParleyStack.CONNECTIONS_TABLE;
import static dev.parley.infra.ParleyStack.DEVICES_TABLE;
import static dev.parley.infra.ParleyStack.MEMBERSHIPS_TABLE;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awscdk.Duration;
import software.constructs.Construct;

/**
 * Push notifications (docs/push-setup.md): the route function that registers devices with SNS and
 * mutes conversations, and the worker that sendMessage feeds through {@link WorkQueue}. The SNS
 * platform applications are {@link PushPlatforms}; without push context the functions still exist
 * and registerDevice answers that push is not configured.
 */
public final class Push extends Construct {

    static final List<String> ROUTES = List.of("registerDevice", "unregisterDevice", "muteConversation");

    /** A burst to one conversation arrives within a second: gather it into one invocation. */
    static final int BATCH_SIZE = 10;
    static final Duration BATCHING_WINDOW = Duration.seconds(1);

    private final PushPlatforms platforms;
    private final ParleyFunction worker;

    public Push(Construct scope, String id, Backend backend, WorkQueue pushQueue, PushConfig config) {
        super(scope, id);
        var tables = backend.tables();
        platforms = new PushPlatforms(this, "Platforms", config, backend.removalPolicy());

        Map<String, String> registration = new LinkedHashMap<>(Map.of(
                DEVICES_TABLE, tables.devices().getTableName(),
                MEMBERSHIPS_TABLE, tables.memberships().getTableName()));
        registration.putAll(platforms.environment());
        var devices = backend.routeFunction(this, "PushFunction", "PushHandler", registration);
        worker = backend.workerFunction(this, "PushWorkerFunction", "PushWorkerHandler", Map.of(
                DEVICES_TABLE, tables.devices().getTableName(),
                MEMBERSHIPS_TABLE, tables.memberships().getTableName(),
                CONNECTIONS_TABLE, backend.connections().getTableName()));
        ROUTES.forEach(route -> backend.gateway().addRoute(route, devices.alias()));
        pushQueue.feed(worker.alias(), BATCH_SIZE, BATCHING_WINDOW);

        // registerDevice/unregisterDevice: the device row (GetItem, UpdateItem) and its SNS endpoint;
        // muteConversation: a conditional UpdateItem of the caller's membership row.
        tables.devices().grant(devices.alias(), "dynamodb:GetItem", "dynamodb:UpdateItem");
        tables.memberships().grant(devices.alias(), "dynamodb:UpdateItem");
        platforms.grantManageEndpoints(devices.alias());

        // The worker: its targets come in the job (no device Query); the users' settings (BatchGet
        // #settings), who is live now (BatchGet connections), who muted the conversation (BatchGet
        // memberships), badges (a Query of the user's memberships), marking a disabled endpoint
        // invalid on its row and its #push summary (UpdateItem), Publish.
        tables.devices().grant(worker.alias(), "dynamodb:BatchGetItem", "dynamodb:UpdateItem");
        tables.memberships().grant(worker.alias(), "dynamodb:Query", "dynamodb:BatchGetItem");
        backend.connections().grant(worker.alias(), "dynamodb:BatchGetItem");
        platforms.grantPublish(worker.alias());
    }

    public PushPlatforms platforms() {
        return platforms;
    }

    public ParleyFunction worker() {
        return worker;
    }
}
