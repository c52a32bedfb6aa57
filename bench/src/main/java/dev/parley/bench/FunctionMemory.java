package dev.parley.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;

/** Each Lambda function's MemorySize as the CDK app set it, from the synthesized template the local cloud runs. */
final class FunctionMemory {

    private FunctionMemory() {
    }

    static Map<String, Integer> read(Path template) {
        JsonNode resources;
        try {
            resources = new ObjectMapper().readTree(template.toFile()).path("Resources");
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the template " + template, e);
        }
        Map<String, Integer> memory = new TreeMap<>();
        resources.properties().forEach(resource -> {
            JsonNode properties = resource.getValue().path("Properties");
            if (resource.getValue().path("Type").asText().equals("AWS::Lambda::Function")
                    && properties.path("MemorySize").canConvertToInt()) {
                memory.put(resource.getKey(), properties.path("MemorySize").asInt());
            }
        });
        return memory;
    }
}
