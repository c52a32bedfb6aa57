package dev.parley.functions.domain.push;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import dev.parley.functions.domain.delivery.PushPlatform;

/**
 * SNS in memory: endpoints keyed by token like SNS's, and every publish recorded. Endpoints can be
 * disabled (as when APNs rejects a token) or made to fail (as when SNS is unavailable).
 */
public final class FakePushEndpoints implements PushEndpoints {
    /** One publish that SNS accepted. */
    public record Published(String endpointArn, PushNotification notification) {
    }

    private final Set<PushPlatform> configured;
    private final Map<String, String> arnByToken = new HashMap<>();
    private final Map<String, String> ownerByArn = new HashMap<>();
    private final Set<String> disabled = new HashSet<>();
    private final Set<String> failing = new HashSet<>();
    private final Set<String> deleted = new HashSet<>();
    private final List<Published> published = new ArrayList<>();

    public FakePushEndpoints(PushPlatform... configured) {
        this.configured = configured.length == 0 ? EnumSet.noneOf(PushPlatform.class) : EnumSet.of(configured[0], configured);
    }

    public synchronized void disable(String arn) {
        disabled.add(arn);
    }

    public synchronized void fail(String arn) {
        failing.add(arn);
    }

    public synchronized List<Published> published() {
        return List.copyOf(published);
    }

    public synchronized Set<String> deleted() {
        return Set.copyOf(deleted);
    }

    @Override
    public boolean supports(PushPlatform platform) {
        return configured.contains(platform);
    }

    @Override
    public synchronized Endpoint register(PushPlatform platform, String token, String owner, String knownArn) {
        String arn = knownArn != null && !deleted.contains(knownArn) ? knownArn
                : arnByToken.computeIfAbsent(token, t -> "arn:aws:sns:us-east-1:123456789012:endpoint/" + platform + "/app/" + t);
        arnByToken.put(token, arn);
        String previous = ownerByArn.put(arn, owner);
        disabled.remove(arn);
        deleted.remove(arn);
        return new Endpoint(arn, previous != null && !previous.equals(owner) ? previous : null);
    }

    @Override
    public synchronized void delete(String endpointArn) {
        deleted.add(endpointArn);
        ownerByArn.remove(endpointArn);
        arnByToken.values().remove(endpointArn);
    }

    @Override
    public synchronized Delivery publish(String endpointArn, PushNotification notification) {
        if (failing.contains(endpointArn)) {
            throw new IllegalStateException("SNS is unavailable");
        }
        if (disabled.contains(endpointArn) || deleted.contains(endpointArn)) {
            return Delivery.ENDPOINT_DEAD;
        }
        published.add(new Published(endpointArn, notification));
        return Delivery.SENT;
    }
}
