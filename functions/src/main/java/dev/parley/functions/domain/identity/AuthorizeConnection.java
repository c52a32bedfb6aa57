package dev.parley.functions.domain.identity;

import dev.parley.model.IdFormats;
import dev.parley.functions.domain.device.RevocationRecords;
import dev.parley.functions.domain.device.Revocations;

import java.util.regex.Pattern;

/**
 * Use case: decide whether a WebSocket handshake may proceed, and as whom. The cheap checks on
 * the device id come first, so a malformed request never costs a signature check; the revocation
 * records are read only for a token that verified.
 *
 * <p>Why revocation compares with {@code auth_time}: an access token stays valid until it expires
 * and cannot be recalled, and a refreshed token keeps the {@code auth_time} of the original sign-in.
 * A revocation at or after that sign-in therefore refuses the token and every refresh of it, while
 * signing in again (a new {@code auth_time}) lets the device connect again.
 */
public final class AuthorizeConnection {
    private static final Pattern DEVICE_ID = IdFormats.DEVICE_ID.pattern();

    private final TokenVerifier tokens;
    private final RevocationRecords revocations;

    public AuthorizeConnection(TokenVerifier tokens, RevocationRecords revocations) {
        this.tokens = tokens;
        this.revocations = revocations;
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
            case TokenVerifier.Verified user -> checkRevocation(new VerifiedIdentity(user.userId(), user.username(), deviceId, user.authTime()));
            case TokenVerifier.Rejected rejected -> new Refused(rejected.reason());
        };
    }

    private Decision checkRevocation(VerifiedIdentity identity) {
        Revocations records = revocations.revocations(identity.userId(), identity.deviceId());
        if (records.deviceRevokedSince(identity.authTime())) {
            return new Revoked(identity, new RejectionReason.DeviceRevoked(identity.deviceId(), records.deviceRevokedAt()));
        }
        if (records.userSignedOutSince(identity.authTime())) {
            return new Revoked(identity, new RejectionReason.UserSignedOut(records.userRevokedAt()));
        }
        return new Granted(identity);
    }

    public sealed interface Decision {
    }

    public record Granted(VerifiedIdentity identity) implements Decision {
    }

    /** A token that was not in doubt, but whose sign-in was revoked: refused with an explicit deny. */
    public record Revoked(VerifiedIdentity identity, RejectionReason reason) implements Decision {
    }

    public record Refused(RejectionReason reason) implements Decision {
    }
}
