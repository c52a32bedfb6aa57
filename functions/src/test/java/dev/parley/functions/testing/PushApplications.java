package dev.parley.functions.testing;

import software.amazon.awssdk.services.sns.SnsClient;

import java.util.Map;
import java.util.UUID;

/** SNS platform applications in moto, as the CDK app's custom resources create them (moto checks no credential). */
public final class PushApplications {
    private PushApplications() {
    }

    /** A token-based APNs application (platform {@code APNS} or {@code APNS_SANDBOX}); returns its ARN. */
    public static String apns(SnsClient sns, String platform) {
        return create(sns, platform, Map.of("PlatformCredential", "-----BEGIN PRIVATE KEY-----test",
                "PlatformPrincipal", "KEYID12345", "ApplePlatformTeamID", "TEAMID1234", "ApplePlatformBundleID", "dev.parley.app"));
    }

    /** An FCM v1 application (SNS platform {@code GCM}); returns its ARN. */
    public static String fcm(SnsClient sns) {
        return create(sns, "GCM", Map.of("PlatformCredential", "{\"type\":\"service_account\"}"));
    }

    private static String create(SnsClient sns, String platform, Map<String, String> attributes) {
        return sns.createPlatformApplication(create -> create.name("parley-" + platform.toLowerCase() + "-" + UUID.randomUUID())
                .platform(platform).attributes(attributes)).platformApplicationArn();
    }
}
