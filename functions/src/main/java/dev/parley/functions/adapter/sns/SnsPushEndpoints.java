package dev.parley.functions.adapter.sns;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.parley.functions.domain.push.PushEndpoints;
import dev.parley.functions.domain.push.PushNotification;
import dev.parley.functions.domain.delivery.PushPlatform;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sns.model.EndpointDisabledException;
import software.amazon.awssdk.services.sns.model.InvalidParameterException;
import software.amazon.awssdk.services.sns.model.MessageAttributeValue;
import software.amazon.awssdk.services.sns.model.NotFoundException;

import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * SNS mobile push: one platform application per platform (their ARNs come from the environment),
 * one platform endpoint per device token.
 *
 * <p>Registration follows AWS's recommended flow: create the endpoint when the device has none
 * (CreatePlatformEndpoint is idempotent for the same token and attributes; for the same token with
 * other attributes SNS refuses and names the existing endpoint in its message, which is parsed as
 * AWS documents), then GetEndpointAttributes (not found: it was deleted, create it again) and, when
 * its token differs, it is disabled or it names another device, SetEndpointAttributes with the
 * token, Enabled=true and this device as CustomUserData. Usually 2 calls.
 *
 * <p>Publish: {@code MessageStructure=json} with the platform's key ({@code APNS}, {@code APNS_SANDBOX}
 * or {@code GCM}) and a {@code default}; for APNs the collapse id (the conversation), push type
 * {@code alert} and priority 10 as {@code AWS.SNS.MOBILE.APNS.*} message attributes.
 */
public final class SnsPushEndpoints implements PushEndpoints {
    private static final Pattern EXISTING = Pattern.compile("Endpoint (arn:\\S+) already exists with the same [Tt]oken");
    private static final String DEFAULT_TEXT = "New message";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final SnsClient sns;
    private final Map<PushPlatform, String> applications;

    /** @param applications the platform application ARN of each configured platform */
    public SnsPushEndpoints(SnsClient sns, Map<PushPlatform, String> applications) {
        this.sns = sns;
        this.applications = applications.isEmpty() ? Map.of() : new EnumMap<>(applications);
    }

    @Override
    public boolean supports(PushPlatform platform) {
        return applications.containsKey(platform);
    }

    @Override
    public Endpoint register(PushPlatform platform, String token, String owner, String knownArn) {
        String arn = knownArn != null ? knownArn : create(platform, token, owner);
        Map<String, String> attributes;
        try {
            attributes = attributes(arn);
        } catch (NotFoundException deleted) {
            arn = create(platform, token, owner);
            attributes = attributes(arn);
        }
        String userData = attributes.get("CustomUserData");
        boolean otherOwner = userData != null && !userData.isEmpty() && !userData.equals(owner);
        if (!token.equals(attributes.get("Token")) || !"true".equalsIgnoreCase(attributes.get("Enabled"))
                || !owner.equals(userData)) {
            String endpointArn = arn;
            sns.setEndpointAttributes(set -> set.endpointArn(endpointArn)
                    .attributes(Map.of("Token", token, "Enabled", "true", "CustomUserData", owner)));
        }
        return new Endpoint(arn, otherOwner ? userData : null);
    }

    @Override
    public void delete(String endpointArn) {
        sns.deleteEndpoint(delete -> delete.endpointArn(endpointArn));
    }

    @Override
    public Delivery publish(String endpointArn, PushNotification notification) {
        Map<String, String> message = new LinkedHashMap<>();
        message.put("default", DEFAULT_TEXT);
        message.put(notification.platform().snsKey(), notification.payload());
        Map<String, MessageAttributeValue> attributes = new LinkedHashMap<>();
        if (notification.platform().apple()) {
            attributes.put("AWS.SNS.MOBILE.APNS.COLLAPSE_ID", string(notification.collapseId()));
            attributes.put("AWS.SNS.MOBILE.APNS.PUSH_TYPE", string("alert"));
            attributes.put("AWS.SNS.MOBILE.APNS.PRIORITY", string("10"));
        }
        try {
            sns.publish(publish -> publish.targetArn(endpointArn)
                    .messageStructure("json")
                    .message(json(message))
                    .messageAttributes(attributes));
            return Delivery.SENT;
        } catch (EndpointDisabledException | NotFoundException dead) {
            return Delivery.ENDPOINT_DEAD;
        }
    }

    private String create(PushPlatform platform, String token, String owner) {
        String application = applications.get(platform);
        if (application == null) {
            throw new IllegalStateException("no platform application for " + platform);
        }
        try {
            return sns.createPlatformEndpoint(create -> create.platformApplicationArn(application)
                    .token(token).customUserData(owner)).endpointArn();
        } catch (InvalidParameterException e) {
            Matcher existing = EXISTING.matcher(String.valueOf(e.awsErrorDetails() == null ? e.getMessage()
                    : e.awsErrorDetails().errorMessage()));
            if (existing.find()) {
                return existing.group(1);
            }
            throw e;
        }
    }

    private Map<String, String> attributes(String arn) {
        return sns.getEndpointAttributes(get -> get.endpointArn(arn)).attributes();
    }

    private static String json(Map<String, String> message) {
        try {
            return JSON.writeValueAsString(message);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a map of strings always serializes", e);
        }
    }

    private static MessageAttributeValue string(String value) {
        return MessageAttributeValue.builder().dataType("String").stringValue(value).build();
    }
}
