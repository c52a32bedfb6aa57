package dev.parley.functions.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** Captures standard output (where the JSON logger writes) during each test. */
public final class CapturedLogs implements BeforeEachCallback, AfterEachCallback {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final ByteArrayOutputStream captured = new ByteArrayOutputStream();
    private PrintStream original;

    @Override
    public void beforeEach(ExtensionContext context) {
        captured.reset();
        original = System.out;
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
    }

    @Override
    public void afterEach(ExtensionContext context) {
        System.setOut(original);
    }

    public String text() {
        return captured.toString(StandardCharsets.UTF_8);
    }

    /** Every line parsed as JSON; fails if a line is not JSON. */
    public List<JsonNode> lines() {
        return text().lines().map(line -> {
            try {
                return MAPPER.readTree(line);
            } catch (IOException e) {
                throw new UncheckedIOException("not a JSON log line: " + line, e);
            }
        }).toList();
    }
}
