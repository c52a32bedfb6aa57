package dev.parley.functions.domain.identity;

import java.time.Instant;

/**
 * Why a connection attempt was refused. Logged for operators; the client only ever learns
 * "Unauthorized", so that an attacker gets no help telling a bad signature from a wrong audience.
 */
public sealed interface RejectionReason {

    record MissingToken() implements RejectionReason {
    }

    record MissingDeviceId() implements RejectionReason {
    }

    /** The {@code deviceId} query parameter is not 1 to 64 of {@code [A-Za-z0-9_-]}. */
    record InvalidDeviceId() implements RejectionReason {
    }

    /** Not a compact JWS at all, or a claim has the wrong type. */
    record MalformedToken(String detail) implements RejectionReason {
    }

    /** Anything but RS256, {@code none} and HS256 included. */
    record UnacceptedAlgorithm(String algorithm) implements RejectionReason {
    }

    /** No key in the JWKS has this id, even after fetching the JWKS again. */
    record UnknownSigningKey(String keyId) implements RejectionReason {
    }

    record InvalidSignature(String keyId) implements RejectionReason {
    }

    record Expired() implements RejectionReason {
    }

    record WrongIssuer(String issuer) implements RejectionReason {
    }

    /** The token was issued to an app client this API does not accept. */
    record WrongClient(String clientId) implements RejectionReason {
    }

    /** Only access tokens are accepted; an id token carries no {@code client_id} and may be shared more widely. */
    record WrongTokenUse(String tokenUse) implements RejectionReason {
    }

    /** The device was revoked at or after the sign-in the token comes from ({@code revokeDevice}). */
    record DeviceRevoked(String deviceId, Instant revokedAt) implements RejectionReason {
    }

    /** The user signed out everywhere at or after the sign-in the token comes from ({@code signOutEverywhere}). */
    record UserSignedOut(Instant revokedAt) implements RejectionReason {
    }

    /** A required claim is missing, or the token is not valid yet. */
    record InvalidClaims(String detail) implements RejectionReason {
    }
}
