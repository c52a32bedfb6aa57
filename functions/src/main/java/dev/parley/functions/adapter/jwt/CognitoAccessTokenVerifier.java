package dev.parley.functions.adapter.jwt;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.KeySourceException;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.BadJWSException;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWT;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.JWTParser;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.jwt.proc.BadJWTException;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import com.nimbusds.jwt.proc.ExpiredJWTException;
import dev.parley.functions.domain.identity.RejectionReason;
import dev.parley.functions.domain.identity.SigningKeysUnavailableException;
import dev.parley.functions.domain.identity.TokenVerifier;

import java.net.URI;
import java.text.ParseException;
import java.time.Clock;
import java.util.Set;

/**
 * Verifies Cognito access tokens with nimbus-jose-jwt.
 *
 * <ul>
 *   <li>RS256 only: the algorithm is checked before anything else, so {@code none}, HS256 signed
 *       with the public key, and every other algorithm are refused outright.</li>
 *   <li>Keys come from the JWKS URL and are cached across invocations ({@link CognitoSigningKeys}). A
 *       token with an unknown {@code kid} makes the verifier fetch the JWKS again (key rotation), at
 *       most twice per 30 s, so forged key ids cannot turn the authorizer into a JWKS flood. An unknown
 *       {@code kid} is a refusal only when a key set is held; keys that cannot be obtained (a fetch
 *       failed, or failed and may not be retried yet) are {@link SigningKeysUnavailableException}, which
 *       the authorizer answers with 500, never 401.</li>
 *   <li>Claims: {@code token_use} is {@code access}, {@code iss} is the configured issuer,
 *       {@code client_id} is an accepted app client, and {@code exp}/{@code nbf} hold within
 *       {@link #CLOCK_SKEW_SECONDS}.</li>
 * </ul>
 */
public final class CognitoAccessTokenVerifier implements TokenVerifier {
    /** Tolerated difference between Cognito's clock and ours when checking exp and nbf. */
    public static final int CLOCK_SKEW_SECONDS = 60;
    /** Cognito access tokens are 1 to 2 KB; a far larger one is not worth parsing. */
    static final int MAX_TOKEN_CHARS = 16 * 1024;

    private final DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();

    public CognitoAccessTokenVerifier(URI jwksUrl, String issuer, Set<String> clientIds, Clock clock) {
        this(new CognitoSigningKeys(jwksUrl, clock), issuer, clientIds, clock);
    }

    CognitoAccessTokenVerifier(JWKSource<SecurityContext> keys, String issuer, Set<String> clientIds, Clock clock) {
        processor.setJWSKeySelector(new JWSVerificationKeySelector<>(JWSAlgorithm.RS256, keys));
        processor.setJWTClaimsSetVerifier(new AccessTokenClaimsVerifier(issuer, clientIds, clock, CLOCK_SKEW_SECONDS));
    }

    @Override
    public TokenVerification verify(String token) {
        if (token.length() > MAX_TOKEN_CHARS) {
            return rejected(new RejectionReason.MalformedToken("longer than " + MAX_TOKEN_CHARS + " characters"));
        }
        JWT jwt;
        try {
            jwt = JWTParser.parse(token);
        } catch (ParseException e) {
            return rejected(new RejectionReason.MalformedToken(e.getMessage()));
        }
        if (!(jwt instanceof SignedJWT signed) || !JWSAlgorithm.RS256.equals(signed.getHeader().getAlgorithm())) {
            return rejected(new RejectionReason.UnacceptedAlgorithm(jwt.getHeader().getAlgorithm().getName()));
        }
        String keyId = signed.getHeader().getKeyID();
        try {
            JWTClaimsSet claims = processor.process(signed, null);
            // nimbus turns a numeric sub into a string; a Cognito sub is always a JSON string.
            if (!(signed.getPayload().toJSONObject().get("sub") instanceof String)) {
                return rejected(new RejectionReason.MalformedToken("sub is not a string"));
            }
            return new Verified(claims.getSubject(), claims.getStringClaim(AccessTokenClaimsVerifier.USERNAME),
                    AccessTokenClaimsVerifier.authTime(claims));
        } catch (AccessTokenClaimsVerifier.RejectedClaimException e) {
            return rejected(e.reason());
        } catch (ExpiredJWTException e) {
            return rejected(new RejectionReason.Expired());
        } catch (BadJWTException e) {
            return rejected(new RejectionReason.InvalidClaims(e.getMessage()));
        } catch (BadJWSException e) {
            return rejected(new RejectionReason.InvalidSignature(keyId));
        } catch (BadJOSEException e) {
            // The held key set has no key with this id, even fetched again (or fetched too often to try).
            return rejected(new RejectionReason.UnknownSigningKey(keyId));
        } catch (KeySourceException e) {
            throw new SigningKeysUnavailableException("The JWKS could not be fetched", e);
        } catch (ParseException e) {
            return rejected(new RejectionReason.MalformedToken(e.getMessage()));
        } catch (JOSEException e) {
            throw new IllegalStateException("RS256 verification failed unexpectedly", e);
        }
    }

    private static TokenVerification rejected(RejectionReason reason) {
        return new Rejected(reason);
    }
}
