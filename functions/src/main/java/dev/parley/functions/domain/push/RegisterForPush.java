package dev.parley.functions.domain.push;

import dev.parley.functions.domain.Actor;
import dev.parley.functions.domain.RequestFields;
import dev.parley.model.Limits;
import dev.parley.model.v1.RegisterDeviceReply;

import java.time.Clock;
import java.util.Optional;
import java.util.regex.Pattern;
import dev.parley.functions.domain.delivery.PushPlatform;

/**
 * Use case (registerDevice): the calling device gets pushes while it has no live connection.
 * Covers the first registration, a token refresh, a switch of platform and re-enabling an endpoint
 * SNS disabled; the endpoint work follows AWS's recommended flow ({@link PushEndpoints#register}).
 *
 * <p>One token, one endpoint: SNS keys endpoints by token, so when a token another device
 * registered (an app reinstalled under a new device id, a phone handed to another user) comes
 * again, the newest registration wins. The endpoint then names this device, and the other device's
 * row, which still points at it, loses its registration here, once, conditional on the same
 * endpoint; the push worker never has to ask SNS whose endpoint it publishes to.
 */
public final class RegisterForPush {
    /** Tokens are hex (APNs) or URL-safe base64 with ':' (FCM): printable ASCII without spaces. */
    private static final Pattern TOKEN = Pattern.compile("[\\x21-\\x7E]{1," + Limits.MAX_PUSH_TOKEN_LENGTH + "}");

    private final PushRegistry registry;
    private final PushEndpoints endpoints;
    private final Clock clock;

    public RegisterForPush(PushRegistry registry, PushEndpoints endpoints, Clock clock) {
        this.registry = registry;
        this.endpoints = endpoints;
        this.clock = clock;
    }

    public RegisterDeviceReply register(Actor actor, Command command) {
        String name = RequestFields.required(command.platform(), "platform");
        PushPlatform platform = PushPlatform.named(name).orElseThrow(() -> RequestFields.badRequest(
                "Field \"platform\" must be APNS, APNS_SANDBOX or FCM."));
        String token = RequestFields.required(command.token(), "token");
        if (!TOKEN.matcher(token).matches()) {
            throw RequestFields.badRequest("Field \"token\" must be 1 to " + Limits.MAX_PUSH_TOKEN_LENGTH
                    + " printable ASCII characters without spaces, as the platform issued it.");
        }
        if (!endpoints.supports(platform)) {
            throw RequestFields.badRequest("Push to " + platform.name() + " is not configured on this deployment.");
        }
        Optional<PushRegistration> known = registry.find(actor.userId(), actor.deviceId());
        String knownArn = null;
        if (known.isPresent() && known.get().platform() == platform) {
            knownArn = known.get().endpointArn();
        } else if (known.isPresent()) {
            endpoints.delete(known.get().endpointArn());
        }
        String owner = PushRegistration.owner(actor.userId(), actor.deviceId());
        PushEndpoints.Endpoint endpoint = endpoints.register(platform, token, owner, knownArn);
        registry.save(new PushRegistration(actor.userId(), actor.deviceId(), platform, token, endpoint.arn(), true,
                clock.instant()));
        if (endpoint.previousOwner() != null && !endpoint.previousOwner().equals(owner)) {
            int slash = endpoint.previousOwner().lastIndexOf('/');
            if (slash > 0) {
                registry.removeIfEndpoint(endpoint.previousOwner().substring(0, slash),
                        endpoint.previousOwner().substring(slash + 1), endpoint.arn());
            }
        }
        return new RegisterDeviceReply(actor.deviceId(), platform.name(), "active");
    }

    /** What the caller asks for: the {@code registerDevice} action's fields, as the handler read them. */
    public record Command(String platform, String token) {
    }
}
