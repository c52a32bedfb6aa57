package dev.parley.functions.wiring;

import dev.parley.functions.adapter.jwt.CognitoAccessTokenVerifier;
import dev.parley.functions.config.AuthorizerConfig;
import dev.parley.functions.domain.connection.RegisterConnection;
import dev.parley.functions.domain.connection.RemoveConnection;
import dev.parley.functions.domain.device.RegisterDevice;
import dev.parley.functions.domain.device.RevocationRecords;
import dev.parley.functions.domain.identity.AuthorizeConnection;
import dev.parley.functions.domain.user.RegisterUserProfile;

import java.util.Map;

/** The socket's life: the authorizer, $connect, $disconnect, and $default and ping (which only prime). */
public final class ConnectionWiring {
    private final CompositionRoot root;

    public ConnectionWiring(Map<String, String> environment) {
        this(new CompositionRoot(environment));
    }

    ConnectionWiring(CompositionRoot root) {
        this.root = root;
    }

    /** The authorizer: token checks from the user pool's configuration, revocations from the devices table. */
    public AuthorizeConnection authorizeConnection() {
        return authorizeConnection(root.devices());
    }

    /** The authorizer with given revocation records; for tests, which run it without a devices table. */
    public AuthorizeConnection authorizeConnection(RevocationRecords revocations) {
        AuthorizerConfig config = AuthorizerConfig.from(root.environment());
        return new AuthorizeConnection(new CognitoAccessTokenVerifier(config.jwksUrl(), config.issuer(),
                config.appClientIds(), root.clock()), revocations);
    }

    /** $connect records the device and its platform in the devices table. */
    public RegisterDevice registerDevice() {
        return new RegisterDevice(root.devices(), root.clock());
    }

    /** $connect keeps the user findable by username; it needs the users table besides the connections table. */
    public RegisterUserProfile registerUserProfile() {
        return new RegisterUserProfile(root.users());
    }

    public RegisterConnection registerConnection() {
        return new RegisterConnection(root.connections(), root.presence().announcePresence(), root.clock());
    }

    public RemoveConnection removeConnection() {
        return new RemoveConnection(root.connections(), root.presence().announcePresence(), root.clock());
    }

    public void prime() {
        root.prime();
    }

    /** Runs {@code work} with every AWS call answered offline: SnapStart priming through the handler itself. */
    public void offline(Runnable work) {
        root.offline(work);
    }
}
