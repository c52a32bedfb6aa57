package dev.parley.functions.wiring;

import dev.parley.functions.adapter.apigateway.ManagementApiConnectionCloser;
import dev.parley.functions.adapter.cognito.CognitoAccounts;
import dev.parley.functions.adapter.cognito.CognitoSessionTerminator;
import dev.parley.functions.config.DeliveryConfig;
import dev.parley.functions.config.UserPoolConfig;
import dev.parley.functions.domain.account.DeleteAccount;
import dev.parley.functions.domain.device.ConnectionCloser;
import dev.parley.functions.domain.device.ListDevices;
import dev.parley.functions.domain.device.RevokeDevice;
import dev.parley.functions.domain.device.SignOutEverywhere;

import java.util.Map;
import java.util.function.Supplier;

/** The device and account actions: listDevices, revokeDevice, signOutEverywhere and deleteAccount. */
public final class DevicesWiring {
    private final CompositionRoot root;
    private final Lazy<ConnectionCloser> connectionCloser;

    public DevicesWiring(Map<String, String> environment) {
        this(new CompositionRoot(environment));
    }

    DevicesWiring(CompositionRoot root) {
        this.root = root;
        this.connectionCloser = new Lazy<>(() -> {
            return new ManagementApiConnectionCloser(root.managementApi(DeliveryConfig.from(root.environment())));
        });
    }

    public ListDevices listDevices() {
        return new ListDevices(root.devices(), root.connections(), root.clock());
    }

    public RevokeDevice revokeDevice() {
        return new RevokeDevice(root.devices(), root.connections(), connectionCloser.get(), root.push().stopPushes(),
                root.keys().revokedDeviceKeys(), root.clock());
    }

    /** The key directory's actions, built on their first call: they need KEYS_TABLE, the other device actions do not. */
    public Supplier<KeysWiring> keysOnFirstUse() {
        return new Lazy<>(root::keys);
    }

    public SignOutEverywhere signOutEverywhere() {
        UserPoolConfig config = UserPoolConfig.from(root.environment());
        return new SignOutEverywhere(root.devices(), root.connections(), connectionCloser.get(),
                new CognitoSessionTerminator(root.aws(config.region()).cognito(), config.userPoolId()),
                root.push().stopPushes(), root.clock());
    }

    /**
     * deleteAccount, built on its first call: it reads the conversation, users and media
     * configuration, which the device actions do not need.
     */
    public Supplier<DeleteAccount> deleteAccountOnFirstUse() {
        return new Lazy<>(this::deleteAccount);
    }

    public DeleteAccount deleteAccount() {
        UserPoolConfig config = UserPoolConfig.from(root.environment());
        return new DeleteAccount(root.devices(), root.connections(), connectionCloser.get(),
                new ConversationsWiring(root).leaveEverything(), root.push().stopPushes(), root.media().uploadedMedia(),
                root.users(), new CognitoAccounts(root.aws(config.region()).cognito(), config.userPoolId()),
                root.keys().forgetKeys(), root.clock());
    }

    public void prime() {
        root.prime();
    }

    /** Runs {@code work} with every AWS call answered offline: SnapStart priming through the handler itself. */
    public void offline(Runnable work) {
        root.offline(work);
    }
}
