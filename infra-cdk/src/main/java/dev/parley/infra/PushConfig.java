package dev.parley.infra;

import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Which push platforms the stack sets up, read from CDK context (docs/push-setup.md). Context only
 * <em>names</em> a Secrets Manager secret the deployer created; the credentials never appear in
 * context or in the template.
 *
 * @param apnsSecret context {@code push.apns.secret}: the secret with the APNs token key (JSON keys
 *     {@code signingKey}, {@code keyId}, {@code teamId}, {@code bundleId}); creates the APNS and
 *     APNS_SANDBOX platform applications. Null leaves APNs out.
 * @param fcmSecret context {@code push.fcm.secret}: the secret with the Firebase service account
 *     (JSON key {@code serviceAccountJson}); creates the FCM (v1) platform application. Null leaves FCM out.
 */
public record PushConfig(String apnsSecret, String fcmSecret) {

    public static final String APNS_SECRET = "push.apns.secret";
    public static final String FCM_SECRET = "push.fcm.secret";

    /** Secrets Manager's own rule for secret names. */
    private static final Pattern SECRET_NAME = Pattern.compile("[A-Za-z0-9/_+=.@-]{1,512}");

    public PushConfig {
        check(APNS_SECRET, apnsSecret);
        check(FCM_SECRET, fcmSecret);
    }

    /** No push at all: registerDevice answers that push is not configured. */
    public static PushConfig none() {
        return new PushConfig(null, null);
    }

    /** @param context looks a context key up, returning null when it is not set */
    public static PushConfig from(Function<String, Object> context) {
        return new PushConfig(text(context.apply(APNS_SECRET)), text(context.apply(FCM_SECRET)));
    }

    public Optional<String> apns() {
        return Optional.ofNullable(apnsSecret);
    }

    public Optional<String> fcm() {
        return Optional.ofNullable(fcmSecret);
    }

    private static void check(String key, String secretName) {
        if (secretName != null && !SECRET_NAME.matcher(secretName).matches()) {
            throw new IllegalArgumentException("Context " + key + " must be a Secrets Manager secret name"
                    + " (letters, digits and /_+=.@-), got: " + secretName);
        }
    }

    /** Context from the command line arrives as text, from cdk.json as JSON values; blank counts as unset. */
    private static String text(Object value) {
        return value == null || value.toString().isBlank() ? null : value.toString().trim();
    }
}
