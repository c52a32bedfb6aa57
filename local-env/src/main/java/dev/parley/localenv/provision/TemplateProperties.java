package dev.parley.localenv.provision;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import dev.parley.localenv.template.IntrinsicResolver;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * A resource's (or a nested property's) CloudFormation properties, read with intrinsics
 * resolved on the way out, so {@code {"Ref": "UserPool"}} reads as the provisioned pool id.
 * Only the values a provisioner reads are resolved: an intrinsic local-env cannot evaluate in a
 * property nobody uses does not fail provisioning.
 */
final class TemplateProperties {
    private final JsonNode node;
    private final IntrinsicResolver resolver;

    TemplateProperties(JsonNode node, IntrinsicResolver resolver) {
        this.node = node == null ? MissingNode.getInstance() : node;
        this.resolver = resolver;
    }

    boolean has(String name) {
        JsonNode value = node.path(name);
        return !value.isMissingNode() && !value.isNull() && !isNoValue(value);
    }

    String text(String name) {
        return optionalText(name).orElseThrow(() -> new IllegalStateException("The template lacks " + name + " in " + node));
    }

    Optional<String> optionalText(String name) {
        return has(name) ? Optional.of(resolver.resolve(node.get(name))) : Optional.empty();
    }

    boolean bool(String name, boolean fallback) {
        return optionalText(name).map(Boolean::parseBoolean).orElse(fallback);
    }

    Optional<Integer> integer(String name) {
        return optionalText(name).map(Integer::valueOf);
    }

    Optional<Long> longValue(String name) {
        return optionalText(name).map(Long::valueOf);
    }

    /** A list of scalars (or intrinsics), empty when absent. */
    List<String> texts(String name) {
        List<String> out = new ArrayList<>();
        if (has(name)) {
            node.get(name).forEach(item -> out.add(resolver.resolve(item)));
        }
        return out;
    }

    /** Hands a non-empty list of scalars to {@code setter}; an absent or empty list is left unset. */
    void ifTexts(String name, Consumer<List<String>> setter) {
        List<String> values = texts(name);
        if (!values.isEmpty()) {
            setter.accept(values);
        }
    }

    Optional<TemplateProperties> object(String name) {
        return has(name) ? Optional.of(new TemplateProperties(node.get(name), resolver)) : Optional.empty();
    }

    void ifObject(String name, Consumer<TemplateProperties> reader) {
        object(name).ifPresent(reader);
    }

    /** A list of objects, empty when absent. */
    List<TemplateProperties> objects(String name) {
        List<TemplateProperties> out = new ArrayList<>();
        if (has(name)) {
            node.get(name).forEach(item -> out.add(new TemplateProperties(item, resolver)));
        }
        return out;
    }

    /** The names of this object's properties, in template order. */
    List<String> names() {
        List<String> out = new ArrayList<>();
        node.fieldNames().forEachRemaining(out::add);
        return out;
    }

    private static boolean isNoValue(JsonNode value) {
        return value.isObject() && value.size() == 1 && "AWS::NoValue".equals(value.path("Ref").asText(null));
    }

    @Override
    public String toString() {
        return node.toString();
    }
}
