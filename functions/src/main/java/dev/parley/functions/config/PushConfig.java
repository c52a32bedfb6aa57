package dev.parley.functions.config;

import java.util.Optional;

/**
 * Configuration of registerDevice: the SNS platform application of each push platform. Each is
 * optional; a deployment without one answers registerDevice for that platform with BAD_REQUEST
 * "not configured". (unregisterDevice and revocations delete endpoints by ARN and need none.)
 *
 * @param region      {@code AWS_REGION}
 * @param apns        {@code PUSH_APP_ARN_APNS}: production APNs
 * @param apnsSandbox {@code PUSH_APP_ARN_APNS_SANDBOX}: APNs sandbox (development builds)
 * @param fcm         {@code PUSH_APP_ARN_FCM}: Firebase Cloud Messaging (HTTP v1)
 */
public record PushConfig(String region, Optional<String> apns, Optional<String> apnsSandbox, Optional<String> fcm) {
    public static final String PUSH_APP_ARN_APNS = "PUSH_APP_ARN_APNS";
    public static final String PUSH_APP_ARN_APNS_SANDBOX = "PUSH_APP_ARN_APNS_SANDBOX";
    public static final String PUSH_APP_ARN_FCM = "PUSH_APP_ARN_FCM";

    public static PushConfig from(Environment environment) {
        return new PushConfig(AwsRegion.from(environment), environment.optional(PUSH_APP_ARN_APNS),
                environment.optional(PUSH_APP_ARN_APNS_SANDBOX), environment.optional(PUSH_APP_ARN_FCM));
    }
}
