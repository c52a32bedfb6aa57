package dev.parley.localenv.template;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A synthesized CloudFormation template (cdk.out/Parley.template.json), the single source of
 * truth local-env reads its tables, user pool, routes and functions from.
 */
public final class CloudTemplate {
    private final ObjectNode root;

    private CloudTemplate(ObjectNode root) {
        this.root = root;
    }

    public static CloudTemplate read(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new IllegalStateException("No synthesized template at " + file
                    + ". Build it first: ./parley build (or mvn package at the repository root).");
        }
        try {
            return parse(new ObjectMapper().readTree(file.toFile()));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the template " + file, e);
        }
    }

    public static CloudTemplate parse(JsonNode tree) {
        if (!(tree instanceof ObjectNode object) || !object.path("Resources").isObject()) {
            throw new IllegalArgumentException("Not a CloudFormation template: it has no Resources object");
        }
        return new CloudTemplate(object);
    }

    /** Every resource by logical id, in template order. */
    public Map<String, Resource> resources() {
        Map<String, Resource> out = new LinkedHashMap<>();
        root.get("Resources").fields().forEachRemaining(e -> out.put(e.getKey(), new Resource(e.getKey(), e.getValue())));
        return out;
    }

    /** The resources of one CloudFormation type, such as {@code AWS::DynamoDB::Table}, in template order. */
    public Map<String, Resource> resourcesOfType(String type) {
        Map<String, Resource> out = new LinkedHashMap<>();
        resources().forEach((id, resource) -> {
            if (resource.type().equals(type)) {
                out.put(id, resource);
            }
        });
        return out;
    }

    public Optional<Resource> resource(String logicalId) {
        JsonNode node = root.get("Resources").get(logicalId);
        return node == null ? Optional.empty() : Optional.of(new Resource(logicalId, node));
    }

    /** Logical ids named by {@code Ref} or {@code Fn::GetAtt} anywhere in the value, in order (pseudo parameters included). */
    public static List<String> references(JsonNode value) {
        List<String> ids = new ArrayList<>();
        collectReferences(value, ids);
        return ids;
    }

    private static void collectReferences(JsonNode value, List<String> ids) {
        if (value.isObject()) {
            if (value.has("Ref")) {
                ids.add(value.get("Ref").asText());
            } else if (value.has("Fn::GetAtt")) {
                JsonNode target = value.get("Fn::GetAtt");
                ids.add(target.isArray() ? target.path(0).asText() : target.asText().split("\\.")[0]);
            } else {
                value.forEach(child -> collectReferences(child, ids));
            }
        } else if (value.isArray()) {
            value.forEach(child -> collectReferences(child, ids));
        }
    }

    /** The template's Outputs section (empty when absent). */
    public JsonNode outputs() {
        return root.path("Outputs");
    }

    /** One resource: its logical id, type and properties (an empty object when it has none). */
    public record Resource(String logicalId, JsonNode node) {
        public String type() {
            return node.path("Type").asText();
        }

        public JsonNode properties() {
            JsonNode properties = node.path("Properties");
            return properties.isMissingNode() ? new ObjectMapper().createObjectNode() : properties;
        }
    }
}
