package dev.parley.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * The JSON Schemas of the AsyncAPI document {@code docs/asyncapi.yaml}, so that tests can check
 * frames against the published contract rather than against their own idea of it.
 *
 * <p>AsyncAPI 3.0 schema objects are JSON Schema Draft 07 plus a few annotations, so the
 * validator runs Draft 07. The whole document is registered under one URI, and each schema is
 * addressed by a JSON pointer into it: {@code $ref}s into {@code components} resolve against
 * the document itself.
 */
public final class ProtocolSchemas {
    /** Where the module's tests run from (Maven's basedir is the module directory). */
    static final Path DOCUMENT = Path.of("..", "docs", "asyncapi.yaml");
    private static final String DOCUMENT_URI = "https://parley.dev/protocol/v1/asyncapi.yaml";
    private static final ProtocolSchemas INSTANCE = load(DOCUMENT);

    private final JsonNode document;
    private final JsonSchemaFactory factory;
    private final Map<String, JsonSchema> schemas = new ConcurrentHashMap<>();

    private ProtocolSchemas(String yaml) throws IOException {
        this.document = new YAMLMapper().readTree(yaml);
        this.factory = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V7,
                builder -> builder.schemaLoaders(loaders -> loaders.schemas(Map.of(DOCUMENT_URI, yaml))));
    }

    public static ProtocolSchemas instance() {
        return INSTANCE;
    }

    static ProtocolSchemas load(Path file) {
        try {
            return new ProtocolSchemas(Files.readString(file));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the AsyncAPI document " + file.toAbsolutePath().normalize(), e);
        }
    }

    /** The parsed document, for tests that walk it (its messages and their examples). */
    public JsonNode document() {
        return document;
    }

    /** What is wrong with {@code frame} as the payload of the message {@code components.messages.<name>}; empty if nothing. */
    public List<String> messageViolations(String messageName, JsonNode frame) {
        return violations("/components/messages/" + messageName + "/payload", frame);
    }

    /** What is wrong with {@code frame} against {@code components.schemas.<name>}; empty if nothing. */
    public List<String> schemaViolations(String schemaName, JsonNode frame) {
        return violations("/components/schemas/" + schemaName, frame);
    }

    /** The validator's findings themselves, for a caller that must tell a missing field from a wrong one. */
    public Set<ValidationMessage> messageFindings(String messageName, JsonNode frame) {
        return findings("/components/messages/" + messageName + "/payload", frame);
    }

    /** As {@link #messageFindings} for {@code components.schemas.<name>}. */
    public Set<ValidationMessage> schemaFindings(String schemaName, JsonNode frame) {
        return findings("/components/schemas/" + schemaName, frame);
    }

    private List<String> violations(String pointer, JsonNode frame) {
        return findings(pointer, frame).stream().map(ValidationMessage::getMessage).sorted().toList();
    }

    private Set<ValidationMessage> findings(String pointer, JsonNode frame) {
        if (document.at(pointer).isMissingNode()) {
            throw new IllegalArgumentException("docs/asyncapi.yaml has nothing at " + pointer);
        }
        JsonSchema schema = schemas.computeIfAbsent(pointer,
                p -> factory.getSchema(SchemaLocation.of(DOCUMENT_URI + "#" + p)));
        return schema.validate(frame);
    }

    /**
     * The message a frame the server sent must match: a reply by the action of the request it
     * answers ({@code sendMessage} -> {@code sendMessageReply}), an error by the error message,
     * an event by its {@code type} ({@code message} -> {@code messageEvent}). Empty when the
     * document has no such message, which is itself a finding: the server sent something the
     * contract does not describe.
     */
    public Optional<String> messageFor(JsonNode frame, Function<String, String> actionOfRequestId) {
        String type = frame.path("type").asText("");
        String name = switch (type) {
            case "reply" -> {
                String action = actionOfRequestId.apply(frame.path("requestId").asText(""));
                yield action == null ? null : action + "Reply";
            }
            case "error" -> "error";
            default -> type + "Event";
        };
        return name != null && document.path("components").path("messages").has(name) ? Optional.of(name) : Optional.empty();
    }

    /** Checks a frame the server sent; returns what is wrong with it, empty if nothing. */
    public List<String> receivedFrameViolations(String text, Function<String, String> actionOfRequestId) {
        JsonNode frame;
        try {
            frame = new ObjectMapper().readTree(text);
        } catch (IOException e) {
            return List.of("not JSON: " + e.getMessage());
        }
        return messageFor(frame, actionOfRequestId)
                .map(message -> messageViolations(message, frame))
                .orElseGet(() -> List.of("docs/asyncapi.yaml describes no such frame (type \"" + frame.path("type").asText()
                        + "\", requestId \"" + frame.path("requestId").asText() + "\")"));
    }
}
