package dev.parley.functions.domain.identity;

import java.util.regex.Pattern;

/**
 * Use case: decide whether a WebSocket handshake may proceed, and as whom. The cheap checks on
 * the device id come first, so a malformed request never costs a signature check.
 */
public final class AuthorizeConnection {
    private static final Pattern DEVICE_ID = Pattern.compile("^[A-Za-z0-9_-]{1,64}$");

    private final TokenVerifier tokens;

    public AuthorizeConnection(TokenVerifier tokens) {
        this.tokens = tokens;
    }

    public Decision authorize(String token, String deviceId) {
        if (token == null || token.isBlank()) {
            return new Refused(new RejectionReason.MissingToken());
        }
        if (deviceId == null || deviceId.isEmpty()) {
            return new Refused(new RejectionReason.MissingDeviceId());
        }
        if (!DEVICE_ID.matcher(deviceId).matches()) {
            return new Refused(new RejectionReason.InvalidDeviceId());
        }
        return switch (tokens.verify(token)) {
            case TokenVerifier.Verified user -> new Granted(new VerifiedIdentity(user.userId(), user.username(), deviceId));
            case TokenVerifier.Rejected rejected -> new Refused(rejected.reason());
        };
    }

    public sealed interface Decision {
    }

    public record Granted(VerifiedIdentity identity) implements Decision {
    }

    public record Refused(RejectionReason reason) implements Decision {
    }
}
