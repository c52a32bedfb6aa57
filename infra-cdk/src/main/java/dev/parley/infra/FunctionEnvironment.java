package dev.parley.infra;

/**
 * Names of the functions' environment variables: the contract with the functions module (and with
 * local-env, which reads them from the synthesized template).
 */
final class FunctionEnvironment {

    static final String CONNECTIONS_TABLE = "CONNECTIONS_TABLE";
    static final String MESSAGES_TABLE = "MESSAGES_TABLE";
    static final String MEMBERSHIPS_TABLE = "MEMBERSHIPS_TABLE";
    static final String USERS_TABLE = "USERS_TABLE";
    static final String RATE_LIMITS_TABLE = "RATE_LIMITS_TABLE";
    static final String VIEWERS_TABLE = "VIEWERS_TABLE";
    static final String MANAGEMENT_ENDPOINT = "APIGW_MANAGEMENT_ENDPOINT";
    /** Set only with context {@code delivery.postsPerSecond} / {@code delivery.postAttempts} ({@link DeploymentConfig.PostPacing}). */
    static final String POSTS_PER_SECOND = "CONNECTIONS_POSTS_PER_SECOND";
    static final String POST_ATTEMPTS = "CONNECTIONS_POST_ATTEMPTS";
    /** Set on the fan-out worker only, which posts the pages of a batch at once ({@link FanOut}). */
    static final String POSTS_IN_FLIGHT = "CONNECTIONS_POSTS_IN_FLIGHT";
    static final String DEVICES_TABLE = "DEVICES_TABLE";
    static final String KEYS_TABLE = "KEYS_TABLE";
    static final String USER_POOL_ID = "USER_POOL_ID";
    static final String APP_CLIENT_IDS = "APP_CLIENT_IDS";
    static final String TOKEN_ISSUER = "TOKEN_ISSUER";
    static final String PRESENCE_QUEUE_URL = "PRESENCE_QUEUE_URL";
    static final String PUSH_QUEUE_URL = "PUSH_QUEUE_URL";
    static final String FANOUT_QUEUE_URL = "FANOUT_QUEUE_URL";
    static final String ACTIVITY_QUEUE_URL = "ACTIVITY_QUEUE_URL";
    static final String MEDIA_BUCKET = "MEDIA_BUCKET";
    static final String MEDIA_TABLE = "MEDIA_TABLE";
    /** Set on AWS only: without them getMediaUrl hands out S3 presigned GET URLs (local-env). */
    static final String MEDIA_CDN_DOMAIN = "MEDIA_CDN_DOMAIN";
    static final String MEDIA_CDN_KEY_PAIR_ID = "MEDIA_CDN_KEY_PAIR_ID";
    static final String MEDIA_CDN_PRIVATE_KEY_SECRET = "MEDIA_CDN_PRIVATE_KEY_SECRET";

    private FunctionEnvironment() {
    }
}
