package dev.parley.localenv.template;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What provisioning created for each logical id: the value {@code Ref} returns (a table name,
 * a user pool id, ...) and the attributes {@code Fn::GetAtt} returns (Arn, ProviderURL, ...).
 */
public final class PhysicalIds {
    private final Map<String, String> refs = new ConcurrentHashMap<>();
    private final Map<String, Map<String, String>> attributes = new ConcurrentHashMap<>();

    public PhysicalIds putRef(String logicalId, String value) {
        refs.put(logicalId, value);
        return this;
    }

    public PhysicalIds putAttribute(String logicalId, String attribute, String value) {
        attributes.computeIfAbsent(logicalId, id -> new ConcurrentHashMap<>()).put(attribute, value);
        return this;
    }

    public Optional<String> ref(String logicalId) {
        return Optional.ofNullable(refs.get(logicalId));
    }

    public Optional<String> attribute(String logicalId, String attribute) {
        return Optional.ofNullable(attributes.getOrDefault(logicalId, Map.of()).get(attribute));
    }
}
