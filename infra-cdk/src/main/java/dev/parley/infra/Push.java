package dev.parley.infra;

import static dev.parley.infra.FunctionEnvironment.CONNECTIONS_TABLE;
import static dev.parley.infra.FunctionEnvironment.DEVICES_TABLE;
import static dev.parley.infra.FunctionEnvironment.MEMBERSHIPS_TABLE;
import static dev.parley.infra.FunctionEnvironment.MESSAGES_TABLE;
import static dev.parley.infra.FunctionEnvironment.RATE_LIMITS_TABLE;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import software.amazon.awscdk.Duration;
import software.constructs.Construct;

/**
 * The push family (docs/push-setup.md): the route function that registers devices with SNS and
 * mutes conversations, and the worker that sendMessage feeds through {@link WorkQueue}. The SNS
 * platform applications are {@link PushPlatforms}; without push context the functions still exist
 * and registerDevice answers that push is not configured.
 */
public final class Push extends Construct {

    static final List<String> ROUTES = List.of("registerDevice", "unregisterDevice", "muteConversation");

    /** A burst to one conversation arrives within a second: gather it into one invocation. */
    static final int BATCH_SIZE = 10;
    static final Duration BATCHING_WINDOW = Duration.seconds(1);

    /**
     * @param pushQueue the push jobs sendMessage enqueues
     * @param config the platforms and the secrets holding their credentials
     */
    public record Props(Backend backend, WorkQueue pushQueue, PushConfig config) {
        public Props {
            Objects.requireNonNull(backend, "backend");
            Objects.requireNonNull(pushQueue, "pushQueue");
            Objects.requireNonNull(config, "config");
        }
    }

    private final PushPlatforms platforms;
    private final ParleyFunction worker;

    public Push(Construct scope, String id, Props props) {
        super(scope, id);
        var backend = props.backend();
        var tables = backend.tables();
        platforms = new PushPlatforms(this, "Platforms", new PushPlatforms.Props(props.config(), backend.removalPolicy()));

        Map<String, String> registration = new LinkedHashMap<>(Map.of(
                DEVICES_TABLE, tables.devices().getTableName(),
                MEMBERSHIPS_TABLE, tables.memberships().getTableName()));
        registration.putAll(platforms.environment());
        var devices = backend.routeFunction(this, "PushFunction", "PushHandler", registration);
        worker = backend.workerFunction(this, "PushWorkerFunction", "PushWorkerHandler", Map.of(
                DEVICES_TABLE, tables.devices().getTableName(),
                MEMBERSHIPS_TABLE, tables.memberships().getTableName(),
                MESSAGES_TABLE, tables.messages().getTableName(),
                CONNECTIONS_TABLE, backend.connections().getTableName(),
                RATE_LIMITS_TABLE, tables.rateLimits().getTableName()));
        ROUTES.forEach(route -> backend.gateway().addRoute(route, devices.alias()));
        props.pushQueue().feed(worker.alias(), BATCH_SIZE, BATCHING_WINDOW);

        // registerDevice/unregisterDevice: the device row (GetItem, UpdateItem) and its SNS endpoint;
        // muteConversation: a conditional UpdateItem of the caller's membership row.
        tables.devices().grant(devices.alias(), "dynamodb:GetItem", "dynamodb:UpdateItem");
        tables.memberships().grant(devices.alias(), "dynamodb:UpdateItem");
        platforms.grantManageEndpoints(devices.alias());

        // The worker: its targets come in the job (no device Query); the users' settings (BatchGet
        // #settings), who is live now (BatchGet connections), who muted the conversation (BatchGet
        // memberships), badges (a Query of the user's memberships and, for each of their large
        // conversations, a Query of its header and newest message), marking a disabled endpoint
        // invalid on its row and its #push summary (UpdateItem), Publish. A large conversation's job names
        // members instead of targets: their push summaries with their connections (one BatchGet of both), and
        // the collapse of their pushes (a conditional UpdateItem in the rate limits table).
        tables.devices().grant(worker.alias(), "dynamodb:BatchGetItem", "dynamodb:UpdateItem");
        tables.memberships().grant(worker.alias(), "dynamodb:Query", "dynamodb:BatchGetItem");
        tables.messages().grant(worker.alias(), "dynamodb:Query");
        backend.connections().grant(worker.alias(), "dynamodb:BatchGetItem");
        tables.rateLimits().grant(worker.alias(), "dynamodb:UpdateItem");
        platforms.grantPublish(worker.alias());
    }

    public PushPlatforms platforms() {
        return platforms;
    }

    public ParleyFunction worker() {
        return worker;
    }
}
