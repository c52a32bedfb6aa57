package dev.parley.functions.wiring;

import dev.parley.functions.adapter.dynamodb.DynamoDbKeyDirectory;
import dev.parley.functions.adapter.dynamodb.DynamoDbKeyLog;
import dev.parley.functions.adapter.sqs.SqsDeviceChanges;
import dev.parley.functions.config.KeysConfig;
import dev.parley.functions.config.PresenceQueueConfig;
import dev.parley.functions.domain.device.RevokedDeviceKeys;
import dev.parley.functions.domain.keys.ClaimKeys;
import dev.parley.functions.domain.keys.DeviceChanges;
import dev.parley.functions.domain.keys.ForgetKeys;
import dev.parley.functions.domain.keys.GetKeyCounts;
import dev.parley.functions.domain.keys.GetKeyLog;
import dev.parley.functions.domain.keys.PublishKeys;
import dev.parley.functions.domain.keys.RemoveRevokedKeys;
import dev.parley.functions.domain.message.MemberDevices;
import dev.parley.functions.log.JsonLogger;
import dev.parley.model.Limits;
import dev.parley.model.v1.Actions;

/**
 * The key directory (docs/e2ee.md): publishKeys, getKeyCounts, claimKeys and getKeyLog, served by
 * the devices function, and what revokeDevice does to a revoked device's keys. Device changes are
 * announced through the presence queue; without PRESENCE_QUEUE_URL (logged once) nobody hears of them.
 */
public final class KeysWiring {
    private static final JsonLogger LOG = JsonLogger.of(KeysWiring.class);

    private final CompositionRoot root;
    private final Lazy<DynamoDbKeyDirectory> directory;
    private final Lazy<DynamoDbKeyLog> log;
    private final Lazy<DeviceChanges> changes;

    KeysWiring(CompositionRoot root) {
        this.root = root;
        this.directory = new Lazy<>(() -> {
            KeysConfig config = KeysConfig.from(root.environment());
            return new DynamoDbKeyDirectory(root.aws(config.region()).dynamoDb(), config.keysTable());
        });
        this.log = new Lazy<>(() -> {
            KeysConfig config = KeysConfig.from(root.environment());
            return new DynamoDbKeyLog(root.aws(config.region()).dynamoDb(), config.keysTable());
        });
        this.changes = new Lazy<>(() -> {
            PresenceQueueConfig config = PresenceQueueConfig.from(root.environment());
            if (config.queueUrl().isEmpty()) {
                LOG.info("devicesChanged events off: PRESENCE_QUEUE_URL is not set", JsonLogger.fields());
                return DeviceChanges.NONE;
            }
            return new SqsDeviceChanges(root.aws(config.region()).sqs(), config.queueUrl().get());
        });
    }

    public PublishKeys publishKeys() {
        return new PublishKeys(directory.get(), log.get(), changes.get(), root.clock());
    }

    public GetKeyCounts getKeyCounts() {
        return new GetKeyCounts(directory.get());
    }

    public ClaimKeys claimKeys() {
        return new ClaimKeys(directory.get(), log.get(), root.perMinuteLimit(Actions.CLAIM_KEYS, Limits.KEY_CLAIMS_PER_MINUTE),
                root.fanOut());
    }

    public GetKeyLog getKeyLog() {
        return new GetKeyLog(log.get());
    }

    /** deleteAccount's part: off in a function without KEYS_TABLE. */
    ForgetKeys forgetKeys() {
        if (root.environment().optional(KeysConfig.KEYS_TABLE).isEmpty()) {
            return ForgetKeys.NONE;
        }
        return directory.get();
    }

    /**
     * sendMessage's device-set check in E2EE conversations: the users' devices with keys. Off (no device, so
     * the Signal forms are refused) in a function without KEYS_TABLE.
     */
    MemberDevices memberDevices() {
        if (root.environment().optional(KeysConfig.KEYS_TABLE).isEmpty()) {
            LOG.info("end-to-end encrypted sends off: KEYS_TABLE is not set", JsonLogger.fields());
            return MemberDevices.NONE;
        }
        return userId -> directory.get().devices(userId).stream()
                .map(device -> new MemberDevices.MemberDevice(userId, device.deviceId(), device.deviceNum(), device.registrationId()))
                .toList();
    }

    /** revokeDevice's part: off (nothing to remove) in a function without KEYS_TABLE. */
    RevokedDeviceKeys revokedDeviceKeys() {
        if (root.environment().optional(KeysConfig.KEYS_TABLE).isEmpty()) {
            return RevokedDeviceKeys.NONE;
        }
        return new RemoveRevokedKeys(directory.get(), log.get(), changes.get(), root.clock());
    }
}
