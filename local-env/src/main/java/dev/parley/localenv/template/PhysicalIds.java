package dev.parley.localenv.template;

import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What provisioning created for each logical id: the value {@code Ref} returns (a table name,
 * a user pool id, ...) and the attributes {@code Fn::GetAtt} returns (Arn, ProviderURL, ...),
 * and which logical ids are deliberately not emulated locally (CloudFront, ...).
 */
public final class PhysicalIds {
    private final Map<String, String> refs = new ConcurrentHashMap<>();
    private final Map<String, Map<String, String>> attributes = new ConcurrentHashMap<>();
    private final Set<String> notEmulated = ConcurrentHashMap.newKeySet();

    public PhysicalIds putRef(String logicalId, String value) {
        refs.put(logicalId, value);
        return this;
    }

    public PhysicalIds putAttribute(String logicalId, String attribute, String value) {
        attributes.computeIfAbsent(logicalId, id -> new ConcurrentHashMap<>()).put(attribute, value);
        return this;
    }

    /** Records that the resource exists on AWS only: values referring to it resolve to nothing locally. */
    public PhysicalIds putNotEmulated(String logicalId) {
        notEmulated.add(logicalId);
        return this;
    }

    public boolean isNotEmulated(String logicalId) {
        return notEmulated.contains(logicalId);
    }

    public Optional<String> ref(String logicalId) {
        return Optional.ofNullable(refs.get(logicalId));
    }

    public Optional<String> attribute(String logicalId, String attribute) {
        return Optional.ofNullable(attributes.getOrDefault(logicalId, Map.of()).get(attribute));
    }
}
