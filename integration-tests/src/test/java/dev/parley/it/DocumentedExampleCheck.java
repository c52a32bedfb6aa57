package dev.parley.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonNodePath;
import com.networknt.schema.ValidationMessage;
import dev.parley.it.DocumentedExamples.Direction;
import dev.parley.it.DocumentedExamples.Example;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;

/**
 * Holds each documented example to {@code docs/asyncapi.yaml} as {@link ProtocolSchemas} holds the
 * frames of the socket tests: a request by its {@code action}, a server frame by its {@code type},
 * a reply by the action of the request with its {@code requestId} shown earlier in the same
 * document.
 *
 * <p>One convention of the docs is honoured, narrowly: an object with a {@code "..."} member
 * stands for more fields than it shows. The member is dropped, and on that very object only two
 * findings are forgiven: a required field missing, and "none of the alternatives matches" (the
 * field that picks one, such as {@code text} or {@code ciphertext}, may be among those left out).
 * Every field it does show is checked, as is every object without the member.
 */
final class DocumentedExampleCheck {
    static final String ELISION = "...";

    private final ProtocolSchemas schemas;

    DocumentedExampleCheck(ProtocolSchemas schemas) {
        this.schemas = schemas;
    }

    /** What is wrong with each example of one document, in order; an empty list for a valid one. */
    Map<Example, List<String>> findings(List<Example> ofOneDocument) {
        Map<String, String> actionOfRequestId = new HashMap<>();
        Map<Example, List<String>> findings = new LinkedHashMap<>();
        for (Example example : ofOneDocument) {
            findings.put(example, findings(example, actionOfRequestId));
        }
        return findings;
    }

    private List<String> findings(Example example, Map<String, String> actionOfRequestId) {
        if (!example.json().isObject()) {
            return List.of("not a JSON object");
        }
        ObjectNode shown = example.json().deepCopy();
        Set<List<Object>> abridged = new HashSet<>();
        dropElisions(shown, new ArrayList<>(), abridged);

        Set<ValidationMessage> found;
        if (example.schema().isPresent()) {
            found = schemas.schemaFindings(example.schema().get(), shown);
        } else if (shown.has("action")) {
            if (example.direction() == Direction.SERVER_TO_CLIENT) {
                return List.of("a request (it has an action) shown as sent by the server");
            }
            String action = shown.path("action").asText();
            actionOfRequestId.put(shown.path("requestId").asText(), action);
            String message = action + "Request";
            found = schemas.document().path("components").path("messages").has(message)
                    ? schemas.messageFindings(message, shown)
                    : schemas.schemaFindings("RequestEnvelope", shown);
        } else if (shown.has("type")) {
            if (example.direction() == Direction.CLIENT_TO_SERVER) {
                return List.of("a server frame (it has a type) shown as sent by the client");
            }
            var message = schemas.messageFor(shown, actionOfRequestId::get);
            if (message.isEmpty()) {
                return List.of("docs/asyncapi.yaml has no message for it (a reply needs its request, with the same requestId, "
                        + "earlier in the same document)");
            }
            found = schemas.messageFindings(message.get(), shown);
        } else {
            return List.of("neither a request (action) nor a server frame (type), and no <!-- schema: Name --> note before its block");
        }
        return found.stream()
                .filter(finding -> !(abridged.contains(elements(finding.getInstanceLocation())) && leftOut(finding)))
                .map(ValidationMessage::getMessage)
                .sorted()
                .toList();
    }

    /** A finding that fields left out of an abridged object would answer. */
    private static boolean leftOut(ValidationMessage finding) {
        return switch (finding.getType()) {
            case "required" -> true;
            case "oneOf" -> finding.getArguments().length > 0 && "0".equals(String.valueOf(finding.getArguments()[0]));
            default -> false;
        };
    }

    private static void dropElisions(JsonNode node, List<Object> path, Set<List<Object>> abridged) {
        if (node instanceof ObjectNode object) {
            if (object.remove(ELISION) != null) {
                abridged.add(List.copyOf(path));
            }
            object.properties().forEach(field -> dropElisions(field.getValue(), append(path, field.getKey()), abridged));
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                dropElisions(node.get(i), append(path, i), abridged);
            }
        }
    }

    private static List<Object> append(List<Object> path, Object element) {
        List<Object> longer = new ArrayList<>(path);
        longer.add(element);
        return longer;
    }

    private static List<Object> elements(JsonNodePath location) {
        return IntStream.range(0, location.getNameCount()).mapToObj(location::getElement).toList();
    }
}
