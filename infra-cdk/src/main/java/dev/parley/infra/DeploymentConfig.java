package dev.parley.infra;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * What running Parley for real users adds, read from CDK context (docs/deploy.md lists every key
 * with its default and what it costs).
 *
 * @param alarmEmails who the alarm topic mails (context {@code alarms.email}: comma-separated or a
 *     JSON array); none by default, and the topic still exists for other subscriptions
 * @param apiRateLimit steady messages per second the WebSocket stage accepts across all clients
 *     before API Gateway answers 429 (context {@code api.rateLimit})
 * @param apiBurstLimit the burst above it (context {@code api.burstLimit})
 * @param apiLoggingRole whether the stack sets the account's API Gateway CloudWatch Logs role, which
 *     execution logging needs (context {@code api.cloudWatchRole}, default true; false when the
 *     account already has one, since it is one setting per account and region)
 * @param workerConcurrency at most this many concurrent invocations per SQS worker
 * @param email Cognito's mail through SES (context {@code email.*}); Cognito's own sender otherwise
 * @param mediaDomain a custom domain and certificate for the media CDN (context {@code media.domainName},
 *     {@code media.certificateArn}); CloudFront's default domain otherwise
 * @param signingKeys the media URL signing keys CloudFront trusts and the one that signs (rotation)
 * @param posts how every function that posts to sockets paces and retries its {@code @connections} calls
 */
public record DeploymentConfig(List<String> alarmEmails, double apiRateLimit, int apiBurstLimit,
                               boolean apiLoggingRole, WorkerConcurrency workerConcurrency,
                               Optional<SesEmail> email, Optional<MediaDomain> mediaDomain,
                               MediaSigningKeys signingKeys, PostPacing posts) {

    public static final String ALARM_EMAIL = "alarms.email";
    public static final String API_RATE_LIMIT = "api.rateLimit";
    public static final String API_BURST_LIMIT = "api.burstLimit";
    public static final String API_CLOUDWATCH_ROLE = "api.cloudWatchRole";
    public static final String SES_IDENTITY = "email.sesIdentity";
    public static final String EMAIL_FROM = "email.from";
    public static final String EMAIL_FROM_NAME = "email.fromName";
    public static final String SES_REGION = "email.sesRegion";
    public static final String MEDIA_DOMAIN = "media.domainName";
    public static final String MEDIA_CERTIFICATE = "media.certificateArn";

    /**
     * 500 frames a second steady, 1,000 in a burst, for the whole stage: about 25 warm route functions
     * at 50 ms each, well inside Lambda's default 1,000 concurrent executions, and far above what a
     * deployment of a few thousand users sends. Per-user limits stay in the code.
     */
    static final double DEFAULT_RATE_LIMIT = 500;
    static final int DEFAULT_BURST_LIMIT = 1000;

    private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");

    public DeploymentConfig {
        alarmEmails = List.copyOf(alarmEmails);
        Objects.requireNonNull(workerConcurrency, "workerConcurrency");
        Objects.requireNonNull(email, "email");
        Objects.requireNonNull(mediaDomain, "mediaDomain");
        Objects.requireNonNull(signingKeys, "signingKeys");
        Objects.requireNonNull(posts, "posts");
        for (String address : alarmEmails) {
            if (!EMAIL.matcher(address).matches()) {
                throw new IllegalArgumentException("Context " + ALARM_EMAIL + " must list email addresses, got: " + address);
            }
        }
        if (!(apiRateLimit > 0) || apiBurstLimit < 1) {
            throw new IllegalArgumentException("Context " + API_RATE_LIMIT + " and " + API_BURST_LIMIT
                    + " must be positive, got: " + apiRateLimit + ", " + apiBurstLimit);
        }
    }

    /** No context: no alarm mail, the default limits, Cognito's sender, CloudFront's domain, signing key 1. */
    public static DeploymentConfig defaults() {
        return new DeploymentConfig(List.of(), DEFAULT_RATE_LIMIT, DEFAULT_BURST_LIMIT, true,
                WorkerConcurrency.defaults(), Optional.empty(), Optional.empty(), MediaSigningKeys.defaults(),
                PostPacing.NONE);
    }

    /** @param context looks a context key up, returning null when it is not set */
    public static DeploymentConfig from(Function<String, Object> context) {
        String rate = text(context, API_RATE_LIMIT);
        String burst = text(context, API_BURST_LIMIT);
        String role = text(context, API_CLOUDWATCH_ROLE);
        return new DeploymentConfig(
                list(context.apply(ALARM_EMAIL)),
                rate == null ? DEFAULT_RATE_LIMIT : number(API_RATE_LIMIT, rate),
                burst == null ? DEFAULT_BURST_LIMIT : integer(API_BURST_LIMIT, burst),
                role == null || Boolean.parseBoolean(role),
                WorkerConcurrency.from(context),
                SesEmail.from(context),
                MediaDomain.from(context),
                MediaSigningKeys.from(context),
                PostPacing.from(context));
    }

    /**
     * Each function instance's share of the account's API Gateway request quota (10,000 a second,
     * shared by every API, every inbound message and every {@code @connections} call), and how often a
     * post answered 429 or 5xx is tried: context {@code delivery.postsPerSecond} and
     * {@code delivery.postAttempts}, given to every function that posts as
     * {@code CONNECTIONS_POSTS_PER_SECOND} and {@code CONNECTIONS_POST_ATTEMPTS}. Unset (the default):
     * the functions' own defaults, unpaced and 3 attempts.
     */
    public record PostPacing(Optional<Double> postsPerSecond, Optional<Integer> postAttempts) {
        public static final String POSTS_PER_SECOND = "delivery.postsPerSecond";
        public static final String POST_ATTEMPTS = "delivery.postAttempts";
        static final PostPacing NONE = new PostPacing(Optional.empty(), Optional.empty());

        public PostPacing {
            postsPerSecond.filter(rate -> !(rate > 0)).ifPresent(rate -> {
                throw new IllegalArgumentException("Context " + POSTS_PER_SECOND + " must be positive, got: " + rate);
            });
            postAttempts.filter(attempts -> attempts < 1 || attempts > 30).ifPresent(attempts -> {
                throw new IllegalArgumentException("Context " + POST_ATTEMPTS + " must be 1 to 30, got: " + attempts);
            });
        }

        static PostPacing from(Function<String, Object> context) {
            String rate = text(context, POSTS_PER_SECOND);
            String attempts = text(context, POST_ATTEMPTS);
            return new PostPacing(Optional.ofNullable(rate).map(value -> number(POSTS_PER_SECOND, value)),
                    Optional.ofNullable(attempts).map(value -> integer(POST_ATTEMPTS, value)));
        }

        /** The variables to add to a function that posts to sockets: none when nothing is set. */
        java.util.Map<String, String> environment() {
            java.util.Map<String, String> variables = new java.util.LinkedHashMap<>();
            postsPerSecond.ifPresent(rate -> variables.put(FunctionEnvironment.POSTS_PER_SECOND, String.valueOf(rate)));
            postAttempts.ifPresent(attempts -> variables.put(FunctionEnvironment.POST_ATTEMPTS, String.valueOf(attempts)));
            return variables;
        }
    }

    /**
     * The most concurrent invocations of each SQS worker (Lambda's {@code MaximumConcurrency}, 2 to
     * 1,000), so that a burst of one kind of work cannot take the concurrency the chat routes need.
     * Context {@code presence.maxConcurrency} (default 10), {@code push.maxConcurrency} (10),
     * {@code media.maxConcurrency} (5: a photo keeps most of a vCPU busy for half a second), and for
     * large conversations {@code fanOut.maxConcurrency} (10: pages of a message's viewers, each a
     * Query and up to 500 posts) and {@code activity.maxConcurrency} (5: pages of activity rounds,
     * which have their own queue so a round never holds up the viewers of a message; a round of
     * 10,000 members is 20 pages).
     */
    public record WorkerConcurrency(int presence, int push, int media, int fanOut, int activity) {

        public static final String PRESENCE = "presence.maxConcurrency";
        public static final String PUSH = "push.maxConcurrency";
        public static final String MEDIA = "media.maxConcurrency";
        public static final String FAN_OUT = "fanOut.maxConcurrency";
        public static final String ACTIVITY = "activity.maxConcurrency";

        public WorkerConcurrency {
            check(PRESENCE, presence);
            check(PUSH, push);
            check(MEDIA, media);
            check(FAN_OUT, fanOut);
            check(ACTIVITY, activity);
        }

        static WorkerConcurrency defaults() {
            return new WorkerConcurrency(10, 10, 5, 10, 5);
        }

        static WorkerConcurrency from(Function<String, Object> context) {
            WorkerConcurrency defaults = defaults();
            return new WorkerConcurrency(
                    value(context, PRESENCE, defaults.presence()),
                    value(context, PUSH, defaults.push()),
                    value(context, MEDIA, defaults.media()),
                    value(context, FAN_OUT, defaults.fanOut()),
                    value(context, ACTIVITY, defaults.activity()));
        }

        private static int value(Function<String, Object> context, String key, int fallback) {
            String text = text(context, key);
            return text == null ? fallback : integer(key, text);
        }

        private static void check(String key, int value) {
            if (value < 2 || value > 1000) {
                throw new IllegalArgumentException("Context " + key + " must be 2 to 1000 (Lambda's range), got: " + value);
            }
        }
    }

    /**
     * Cognito mails verification codes and password resets through SES rather than its own sender
     * (50 mails a day). {@code email.sesIdentity} is the SES identity verified in {@code email.sesRegion}
     * (default: the stack's region): an address, which is also the sender, or a domain, whose
     * {@code no-reply@} is the sender unless {@code email.from} names another address of it.
     */
    public record SesEmail(String identity, String fromEmail, String fromName, Optional<String> region) {

        public SesEmail {
            Objects.requireNonNull(identity, "identity");
            Objects.requireNonNull(fromEmail, "fromEmail");
            Objects.requireNonNull(fromName, "fromName");
            Objects.requireNonNull(region, "region");
            if (!EMAIL.matcher(fromEmail).matches()) {
                throw new IllegalArgumentException("Context " + EMAIL_FROM + " must be an email address, got: " + fromEmail);
            }
            if (isDomain(identity) && !fromEmail.endsWith("@" + identity)) {
                throw new IllegalArgumentException("Context " + EMAIL_FROM + " (" + fromEmail
                        + ") must be an address of the verified domain " + identity);
            }
        }

        /** The verified domain, when the identity is one (an address identity verifies only itself). */
        Optional<String> verifiedDomain() {
            return isDomain(identity) ? Optional.of(identity) : Optional.empty();
        }

        private static boolean isDomain(String identity) {
            return !identity.contains("@");
        }

        static Optional<SesEmail> from(Function<String, Object> context) {
            String identity = text(context, SES_IDENTITY);
            if (identity == null) {
                return Optional.empty();
            }
            String from = text(context, EMAIL_FROM);
            if (from == null) {
                from = isDomain(identity) ? "no-reply@" + identity : identity;
            }
            return Optional.of(new SesEmail(identity, from,
                    Objects.requireNonNullElse(text(context, EMAIL_FROM_NAME), "Parley"),
                    Optional.ofNullable(text(context, SES_REGION))));
        }
    }

    /**
     * The media CDN's own name: {@code media.domainName} and an ACM certificate for it in us-east-1
     * ({@code media.certificateArn}, CloudFront's rule). Both or neither. The DNS record pointing the
     * name at the distribution is the deployer's (docs/deploy.md).
     */
    public record MediaDomain(String domainName, String certificateArn) {

        public MediaDomain {
            Objects.requireNonNull(domainName, "domainName");
            Objects.requireNonNull(certificateArn, "certificateArn");
            if (!certificateArn.startsWith("arn:") || !certificateArn.contains(":acm:us-east-1:")) {
                throw new IllegalArgumentException("Context " + MEDIA_CERTIFICATE
                        + " must be the ARN of an ACM certificate in us-east-1 (CloudFront's rule), got: " + certificateArn);
            }
        }

        static Optional<MediaDomain> from(Function<String, Object> context) {
            String domain = text(context, MEDIA_DOMAIN);
            String certificate = text(context, MEDIA_CERTIFICATE);
            if (domain == null && certificate == null) {
                return Optional.empty();
            }
            if (domain == null || certificate == null) {
                throw new IllegalArgumentException("A media domain needs both " + MEDIA_DOMAIN + " and "
                        + MEDIA_CERTIFICATE + " (or neither)");
            }
            return Optional.of(new MediaDomain(domain, certificate));
        }
    }

    private static double number(String key, String text) {
        try {
            return Double.parseDouble(text);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("Context " + key + " must be a number, got: " + text, e);
        }
    }

    private static int integer(String key, String text) {
        try {
            return Integer.parseInt(text);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("Context " + key + " must be a whole number, got: " + text, e);
        }
    }

    /** Context from the command line arrives as text, from cdk.json as JSON values (here a list). */
    static List<String> list(Object value) {
        if (value == null) {
            return List.of();
        }
        List<String> items = value instanceof List<?> list ? list.stream().map(Object::toString).toList()
                : Arrays.asList(value.toString().split(","));
        return items.stream().map(String::trim).filter(item -> !item.isEmpty()).toList();
    }

    /** Blank counts as unset. */
    private static String text(Function<String, Object> context, String key) {
        Object value = context.apply(key);
        return value == null || value.toString().isBlank() ? null : value.toString().trim();
    }
}
