package dev.parley.functions.adapter.jwt;

import com.nimbusds.jose.KeySourceException;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSelector;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.CachingJWKSetSource;
import com.nimbusds.jose.jwk.source.JWKSetCacheRefreshEvaluator;
import com.nimbusds.jose.jwk.source.JWKSetSource;
import com.nimbusds.jose.jwk.source.JWKSetUnavailableException;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.RateLimitReachedException;
import com.nimbusds.jose.jwk.source.RateLimitedJWKSetSource;
import com.nimbusds.jose.jwk.source.RetryingJWKSetSource;
import com.nimbusds.jose.jwk.source.URLBasedJWKSetSource;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jose.util.DefaultResourceRetriever;

import java.net.MalformedURLException;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

/**
 * The user pool's signing keys, fetched from its JWKS URL and cached, with nimbus's layers (cache over
 * rate limit over one retry over HTTP) but not nimbus's {@code JWKSetBasedJWKSource} on top, because
 * that one lets the rate limit's {@link RateLimitReachedException} out whether or not a key set is held.
 * Here a key id is unknown (a refusal) only when a key set is held and lacks it; when no valid key set
 * is held, a refetch the rate limit forbids is a failure to obtain the keys ({@link JWKSetUnavailableException}),
 * like the failed fetch that came before it. Otherwise a cold authorizer whose first fetches timed out
 * under load would tell every valid token it does not know its key, and clients would sign their users out.
 *
 * <p>Timing, chosen for a cold Lambda under a connect flood:
 * <ul>
 *   <li>{@link #HTTP_TIMEOUT} 2 s to connect and 2 s to read, tried twice: at most 8 s, inside the
 *       authorizer's 10 s Lambda timeout with room for the revocation read. Cognito serves the JWKS in
 *       tens of milliseconds; a longer wait would only turn a 500 from the authorizer into API Gateway's
 *       own 500 after the timeout, with the Lambda billed for it.</li>
 *   <li>{@link #REFETCH_INTERVAL} 30 s (nimbus's default) between rounds of two fetches: what bounds the
 *       JWKS requests a stream of forged key ids can cause, and, after two failed fetches, how long an
 *       instance answers 500 without trying again, so a flood does not keep an overloaded endpoint busy.</li>
 *   <li>{@link #REFRESH_WAIT} how long a verification waits for another thread's fetch before trying its
 *       own: the longest one fetch can take. Lambda never runs two invocations in one instance (nor does
 *       local-env's invoker), so it only matters to code that shares a verifier; nimbus's default 15 s
 *       would outlast the authorizer's timeout.</li>
 * </ul>
 */
final class CognitoSigningKeys implements JWKSource<SecurityContext> {
    /** How long a fetched JWKS is trusted without asking again; a removed key stays usable this long. */
    static final Duration CACHE_TIME_TO_LIVE = Duration.ofMinutes(15);
    static final Duration HTTP_TIMEOUT = Duration.ofSeconds(2);
    static final Duration REFETCH_INTERVAL = Duration.ofSeconds(30);
    /** Connect and read, twice (nimbus's retry). */
    static final Duration REFRESH_WAIT = HTTP_TIMEOUT.multipliedBy(4);
    private static final int SIZE_LIMIT_BYTES = 64 * 1024;

    private final JWKSetSource<SecurityContext> keySets;
    private final Clock clock;

    CognitoSigningKeys(URI jwksUrl, Clock clock) {
        this.keySets = cachedRateLimitedRetrying(jwksUrl);
        this.clock = clock;
    }

    private static JWKSetSource<SecurityContext> cachedRateLimitedRetrying(URI jwksUrl) {
        int timeoutMillis = Math.toIntExact(HTTP_TIMEOUT.toMillis());
        try {
            JWKSetSource<SecurityContext> http = new URLBasedJWKSetSource<>(jwksUrl.toURL(),
                    new DefaultResourceRetriever(timeoutMillis, timeoutMillis, SIZE_LIMIT_BYTES));
            // Refreshed on demand only: a background refresher would be frozen between Lambda invocations.
            return new CachingJWKSetSource<>(
                    new RateLimitedJWKSetSource<>(new RetryingJWKSetSource<>(http, null), REFETCH_INTERVAL.toMillis(), null),
                    CACHE_TIME_TO_LIVE.toMillis(), REFRESH_WAIT.toMillis(), null);
        } catch (MalformedURLException | IllegalArgumentException e) {
            throw new IllegalArgumentException("not a URL: " + jwksUrl, e);
        }
    }

    /**
     * The keys the selector matches in the held key set; when none does, in a key set fetched again
     * (key rotation), or none when the rate limit forbids fetching again.
     *
     * @throws KeySourceException when no valid key set is held and none can be fetched now, or when the
     *                            held set lacks the key and fetching again failed (the key may be a new one)
     */
    @Override
    public List<JWK> get(JWKSelector selector, SecurityContext context) throws KeySourceException {
        long now = clock.millis();
        JWKSet held;
        try {
            held = keySets.getJWKSet(JWKSetCacheRefreshEvaluator.noRefresh(), now, context);
        } catch (RateLimitReachedException e) {
            throw new JWKSetUnavailableException("No valid key set is held, and the JWKS was fetched too often in the last "
                    + REFETCH_INTERVAL.toSeconds() + " s to try again yet", e);
        }
        List<JWK> keys = selector.select(held);
        if (!keys.isEmpty()) {
            return keys;
        }
        try {
            return selector.select(keySets.getJWKSet(JWKSetCacheRefreshEvaluator.referenceComparison(held), now, context));
        } catch (RateLimitReachedException e) {
            return List.of();
        }
    }
}
