package dev.parley.localenv.gateway;

import java.time.Duration;
import java.util.Objects;

/**
 * Emulator settings. {@link #defaults()} are API Gateway's own values; tests shorten the timeouts.
 *
 * @param region             reported in ARNs and given to functions as {@code AWS_REGION}
 * @param accountId          reported in ARNs (the authorizer's {@code methodArn})
 * @param apiId              {@code requestContext.apiId}
 * @param integrationTimeout API Gateway's integration timeout (29 s); also the deadline a function's
 *                           {@code Context.getRemainingTimeInMillis()} counts down to
 * @param idleTimeout        a connection with no data frame for this long is closed with 1001 (10 min)
 * @param maxLifetime        every connection is closed with 1001 after this long (2 h)
 * @param lostClientDisconnectDelay how long after a client vanished without a close frame (1006)
 *                           {@code $disconnect} fires; zero (the default) fires it at once. During the
 *                           delay the connection is already gone for {@code @connections} (410), as on
 *                           AWS when a phone loses its network and the gateway notices before the
 *                           {@code $disconnect} integration runs, so senders meet the 410 path.
 * @param maxConcurrentHandshakes how many handshakes (authorizer and {@code $connect}) may run at once;
 *                           one more is refused 429 at once, as a Lambda concurrency limit throttles the
 *                           authorizer. Zero (the default): no limit. The local cloud's functions share one
 *                           moto that serves a call at a time: without a limit, connects arriving faster than
 *                           it serves them queue until each waits longer than the client's handshake
 *                           timeout, and every one is abandoned after its work was done (docs/local-env.md).
 * @param maxConcurrentDisconnects how many {@code $disconnect} invocations may run at once; the rest wait
 *                           their turn (never dropped, each runs once), as they are best effort and
 *                           asynchronous on AWS. Zero (the default): no limit. Locally, a thousand clients
 *                           dropped at once would otherwise hold the one moto for a minute, ahead of every
 *                           reconnect's handshake (docs/local-env.md).
 * @param requestQuota       the account's request quota ({@link Quota}); off by default
 */
public record GatewaySettings(String region, String accountId, String apiId, Duration integrationTimeout,
                              Duration idleTimeout, Duration maxLifetime, Duration lostClientDisconnectDelay,
                              int maxConcurrentHandshakes, int maxConcurrentDisconnects, Quota requestQuota) {
    public static final Duration INTEGRATION_TIMEOUT = Duration.ofSeconds(29);
    public static final Duration IDLE_TIMEOUT = Duration.ofMinutes(10);
    public static final Duration MAX_LIFETIME = Duration.ofHours(2);

    public GatewaySettings {
        Objects.requireNonNull(region, "region");
        Objects.requireNonNull(accountId, "accountId");
        Objects.requireNonNull(apiId, "apiId");
        requirePositive(integrationTimeout, "integrationTimeout");
        requirePositive(idleTimeout, "idleTimeout");
        requirePositive(maxLifetime, "maxLifetime");
        Objects.requireNonNull(lostClientDisconnectDelay, "lostClientDisconnectDelay");
        if (lostClientDisconnectDelay.isNegative()) {
            throw new IllegalArgumentException("lostClientDisconnectDelay must not be negative: " + lostClientDisconnectDelay);
        }
        if (maxConcurrentHandshakes < 0) {
            throw new IllegalArgumentException("maxConcurrentHandshakes must not be negative: " + maxConcurrentHandshakes);
        }
        if (maxConcurrentDisconnects < 0) {
            throw new IllegalArgumentException("maxConcurrentDisconnects must not be negative: " + maxConcurrentDisconnects);
        }
        Objects.requireNonNull(requestQuota, "requestQuota");
    }

    /**
     * The account's request quota, which every {@code @connections} call and every inbound message
     * shares: a token bucket of {@code burst} refilled at {@code requestsPerSecond}. A {@code @connections}
     * call over it is answered 429 {@code LimitExceededException}, as API Gateway answers; an inbound
     * message takes a token when there is one and is never refused (what AWS does to an inbound frame over
     * the account quota is not documented). {@link #OFF} (the default): no quota.
     *
     * @param requestsPerSecond 0 for none; AWS's default account quota is 10,000 ({@link #AWS_DEFAULT})
     * @param burst             the bucket's size; AWS's default is 5,000
     */
    public record Quota(int requestsPerSecond, int burst) {
        public static final Quota OFF = new Quota(0, 0);
        public static final Quota AWS_DEFAULT = new Quota(10_000, 5_000);

        public Quota {
            if (requestsPerSecond < 0 || burst < 0) {
                throw new IllegalArgumentException("a request quota is not negative: " + requestsPerSecond + "/s, burst " + burst);
            }
            if (requestsPerSecond > 0 && burst == 0) {
                throw new IllegalArgumentException("a request quota of " + requestsPerSecond + "/s needs a burst of at least 1");
            }
        }

        /** {@code requestsPerSecond} with AWS's ratio of burst to rate (one half), at least 1. */
        public static Quota perSecond(int requestsPerSecond) {
            return requestsPerSecond == 0 ? OFF : new Quota(requestsPerSecond, Math.max(1, requestsPerSecond / 2));
        }
    }

    /** us-east-1, moto's account id, a fixed api id, and API Gateway's timeouts. */
    public static GatewaySettings defaults() {
        return new GatewaySettings("us-east-1", "123456789012", "parleylocal", INTEGRATION_TIMEOUT, IDLE_TIMEOUT,
                MAX_LIFETIME, Duration.ZERO, 0, 0, Quota.OFF);
    }

    public GatewaySettings withRegion(String newRegion) {
        return new GatewaySettings(newRegion, accountId, apiId, integrationTimeout, idleTimeout, maxLifetime,
                lostClientDisconnectDelay, maxConcurrentHandshakes, maxConcurrentDisconnects, requestQuota);
    }

    public GatewaySettings withAccountId(String newAccountId) {
        return new GatewaySettings(region, newAccountId, apiId, integrationTimeout, idleTimeout, maxLifetime,
                lostClientDisconnectDelay, maxConcurrentHandshakes, maxConcurrentDisconnects, requestQuota);
    }

    public GatewaySettings withIntegrationTimeout(Duration timeout) {
        return new GatewaySettings(region, accountId, apiId, timeout, idleTimeout, maxLifetime,
                lostClientDisconnectDelay, maxConcurrentHandshakes, maxConcurrentDisconnects, requestQuota);
    }

    public GatewaySettings withIdleTimeout(Duration timeout) {
        return new GatewaySettings(region, accountId, apiId, integrationTimeout, timeout, maxLifetime,
                lostClientDisconnectDelay, maxConcurrentHandshakes, maxConcurrentDisconnects, requestQuota);
    }

    public GatewaySettings withMaxLifetime(Duration lifetime) {
        return new GatewaySettings(region, accountId, apiId, integrationTimeout, idleTimeout, lifetime,
                lostClientDisconnectDelay, maxConcurrentHandshakes, maxConcurrentDisconnects, requestQuota);
    }

    public GatewaySettings withLostClientDisconnectDelay(Duration delay) {
        return new GatewaySettings(region, accountId, apiId, integrationTimeout, idleTimeout, maxLifetime,
                delay, maxConcurrentHandshakes, maxConcurrentDisconnects, requestQuota);
    }

    public GatewaySettings withMaxConcurrentHandshakes(int limit) {
        return new GatewaySettings(region, accountId, apiId, integrationTimeout, idleTimeout, maxLifetime,
                lostClientDisconnectDelay, limit, maxConcurrentDisconnects, requestQuota);
    }

    public GatewaySettings withMaxConcurrentDisconnects(int limit) {
        return new GatewaySettings(region, accountId, apiId, integrationTimeout, idleTimeout, maxLifetime,
                lostClientDisconnectDelay, maxConcurrentHandshakes, limit, requestQuota);
    }

    public GatewaySettings withRequestQuota(Quota quota) {
        return new GatewaySettings(region, accountId, apiId, integrationTimeout, idleTimeout, maxLifetime,
                lostClientDisconnectDelay, maxConcurrentHandshakes, maxConcurrentDisconnects, quota);
    }

    private static void requirePositive(Duration duration, String name) {
        Objects.requireNonNull(duration, name);
        if (duration.isZero() || duration.isNegative()) {
            throw new IllegalArgumentException(name + " must be positive: " + duration);
        }
    }
}
