package dev.parley.functions.adapter.jwt;

import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.proc.BadJWTException;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import dev.parley.functions.domain.identity.RejectionReason;

import java.text.ParseException;
import java.time.Clock;
import java.time.Instant;
import java.util.Date;
import java.util.Set;

/**
 * The claims of a Cognito access token. Cognito puts the app client in {@code client_id}, not
 * {@code aud} (id tokens use {@code aud}), so the audience check is done here rather than by
 * nimbus. The time window and required claims are nimbus's, run against the injected clock.
 */
final class AccessTokenClaimsVerifier extends DefaultJWTClaimsVerifier<SecurityContext> {
    static final String TOKEN_USE = "token_use";
    static final String CLIENT_ID = "client_id";
    static final String USERNAME = "username";
    /** When the user signed in (epoch seconds); Cognito keeps it on refreshed tokens. Revocation compares with it. */
    static final String AUTH_TIME = "auth_time";

    /** The year 9999: later is no sign-in time, whatever the token says. */
    private static final long MAX_EPOCH_SECOND = 253_402_300_799L;

    private final String issuer;
    private final Set<String> clientIds;
    private final Clock clock;

    AccessTokenClaimsVerifier(String issuer, Set<String> clientIds, Clock clock, int clockSkewSeconds) {
        super(null, null, Set.of("iss", "sub", "exp", TOKEN_USE, CLIENT_ID, USERNAME, AUTH_TIME), null);
        this.issuer = issuer;
        this.clientIds = Set.copyOf(clientIds);
        this.clock = clock;
        setMaxClockSkew(clockSkewSeconds);
    }

    @Override
    public void verify(JWTClaimsSet claims, SecurityContext context) throws BadJWTException {
        String tokenUse = string(claims, TOKEN_USE);
        if (!"access".equals(tokenUse)) {
            throw new RejectedClaimException(new RejectionReason.WrongTokenUse(tokenUse));
        }
        String tokenIssuer = string(claims, "iss");
        if (!issuer.equals(tokenIssuer)) {
            throw new RejectedClaimException(new RejectionReason.WrongIssuer(tokenIssuer));
        }
        String clientId = string(claims, CLIENT_ID);
        // An immutable set throws on contains(null): a token without client_id must be refused, not crash.
        if (clientId == null || !clientIds.contains(clientId)) {
            throw new RejectedClaimException(new RejectionReason.WrongClient(clientId));
        }
        super.verify(claims, context);
        for (String required : Set.of("sub", USERNAME)) {
            String value = string(claims, required);
            if (value == null || value.isBlank()) {
                throw new RejectedClaimException(new RejectionReason.InvalidClaims(required + " is blank"));
            }
        }
        authTime(claims);
    }

    /**
     * When the user signed in. Checked here, with the other claims, so that a token whose
     * {@code auth_time} is no instant at all is refused (401) rather than failing the authorizer (500).
     */
    static Instant authTime(JWTClaimsSet claims) throws RejectedClaimException {
        Object value = claims.getClaim(AUTH_TIME);
        if (!(value instanceof Long || value instanceof Integer)) {
            throw new RejectedClaimException(new RejectionReason.MalformedToken(AUTH_TIME + " is not an integer"));
        }
        long seconds = ((Number) value).longValue();
        if (seconds < 0 || seconds > MAX_EPOCH_SECOND) {
            throw new RejectedClaimException(new RejectionReason.MalformedToken(AUTH_TIME + " is out of range"));
        }
        return Instant.ofEpochSecond(seconds);
    }

    @Override
    protected Date currentTime() {
        return Date.from(clock.instant());
    }

    private static String string(JWTClaimsSet claims, String name) throws RejectedClaimException {
        try {
            return claims.getStringClaim(name);
        } catch (ParseException e) {
            throw new RejectedClaimException(new RejectionReason.MalformedToken(name + " is not a string"));
        }
    }

    /** A claim check of ours failed; carries the precise reason past nimbus's processor. */
    static final class RejectedClaimException extends BadJWTException {
        private final transient RejectionReason reason;

        RejectedClaimException(RejectionReason reason) {
            super(reason.toString());
            this.reason = reason;
        }

        RejectionReason reason() {
            return reason;
        }
    }
}
