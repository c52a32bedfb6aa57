package dev.parley.it;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The JSON examples a reader finds in the README and the protocol docs, so that a test can hold
 * them to {@code docs/asyncapi.yaml}. Two forms are examples, both only inside fenced code blocks:
 * <ul>
 *   <li>every value of a {@code ```json} block (a block may hold several);</li>
 *   <li>in any other block, a transcript line: {@code > } then a frame the client sends, or
 *       {@code < } then a frame the server sends (as wscat prints them).</li>
 * </ul>
 * A {@code ```json} value that is not a frame (neither {@code action} nor {@code type}) names the
 * schema it shows in an HTML comment on the line before its fence: {@code <!-- schema: ConversationSummary -->}.
 */
final class DocumentedExamples {
    /** Where the documents are from the module directory (Maven's basedir). */
    private static final Path ROOT = Path.of("..");
    private static final Pattern FENCE = Pattern.compile("^```\\s*(\\w*)\\s*$");
    private static final Pattern SCHEMA_NOTE = Pattern.compile("^<!--\\s*schema:\\s*(\\w+)\\s*-->$");
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Who sends the frame, when the document says so (a transcript line); otherwise the frame's fields tell. */
    enum Direction { CLIENT_TO_SERVER, SERVER_TO_CLIENT, UNSTATED }

    record Example(String document, int line, Direction direction, Optional<String> schema, JsonNode json) {
        String where() {
            return document + ":" + line;
        }
    }

    private DocumentedExamples() {
    }

    /** The README, {@code docs/protocol.md} and every {@code docs/protocol/*.md}. */
    static List<Path> documents() {
        List<Path> documents = new ArrayList<>(List.of(Path.of("README.md"), Path.of("docs", "protocol.md")));
        try (Stream<Path> parts = Files.list(ROOT.resolve("docs").resolve("protocol"))) {
            parts.filter(p -> p.getFileName().toString().endsWith(".md")).sorted()
                    .forEach(p -> documents.add(ROOT.relativize(p)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return documents;
    }

    static List<Example> in(Path document) {
        try {
            return parse(document.toString(), Files.readString(ROOT.resolve(document)));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + ROOT.resolve(document).toAbsolutePath().normalize(), e);
        }
    }

    static List<Example> parse(String document, String markdown) {
        List<Example> examples = new ArrayList<>();
        String[] lines = markdown.split("\n", -1);
        String fenceLanguage = null;
        int fenceLine = 0;
        Optional<String> schema = Optional.empty();
        StringBuilder block = new StringBuilder();
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].stripTrailing();
            Matcher fence = FENCE.matcher(line);
            if (fenceLanguage == null) {
                if (fence.matches()) {
                    fenceLanguage = fence.group(1);
                    fenceLine = i + 1;
                    Matcher note = i > 0 ? SCHEMA_NOTE.matcher(lines[i - 1].strip()) : SCHEMA_NOTE.matcher("");
                    schema = note.matches() ? Optional.of(note.group(1)) : Optional.empty();
                    block.setLength(0);
                }
            } else if (line.equals("```")) {
                if (fenceLanguage.equals("json")) {
                    for (JsonNode value : values(document, fenceLine, block.toString())) {
                        examples.add(new Example(document, fenceLine, Direction.UNSTATED, schema, value));
                    }
                }
                fenceLanguage = null;
            } else if (fenceLanguage.equals("json")) {
                block.append(line).append('\n');
            } else if (line.startsWith("> ") || line.startsWith("< ")) {
                Direction direction = line.charAt(0) == '>' ? Direction.CLIENT_TO_SERVER : Direction.SERVER_TO_CLIENT;
                examples.add(new Example(document, i + 1, direction, Optional.empty(), value(document, i + 1, line.substring(2))));
            }
        }
        if (fenceLanguage != null) {
            throw new IllegalArgumentException(document + ":" + fenceLine + ": a code block that never closes");
        }
        return examples;
    }

    private static JsonNode value(String document, int line, String text) {
        try {
            return JSON.readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(document + ":" + line + ": not JSON: " + text, e);
        }
    }

    private static List<JsonNode> values(String document, int line, String text) {
        try (MappingIterator<JsonNode> values = JSON.readerFor(JsonNode.class).readValues(text)) {
            List<JsonNode> all = values.readAll();
            if (all.isEmpty()) {
                throw new IllegalArgumentException(document + ":" + line + ": an empty json block");
            }
            return all;
        } catch (IOException e) {
            throw new IllegalArgumentException(document + ":" + line + ": not JSON: " + text, e);
        }
    }
}
