package dev.parley.functions.log;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;

import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One JSON object per line on standard output, which Lambda ships to CloudWatch as is.
 *
 * <p>The message is a constant that says what happened ("connection registered"); the values
 * go in keys (requestId, connectionId, route, userId, ...). Never pass tokens or message bodies:
 * nothing here can tell them apart from other strings.
 */
public final class JsonLogger {
    private static final JsonFactory JSON = new JsonFactory();

    private final String name;

    private JsonLogger(String name) {
        this.name = name;
    }

    public static JsonLogger of(Class<?> type) {
        return new JsonLogger(type.getSimpleName());
    }

    /** Alternating keys and values, for example {@code fields("userId", id, "deviceId", device)}. */
    public static Map<String, Object> fields(Object... keysAndValues) {
        if (keysAndValues.length % 2 != 0) {
            throw new IllegalArgumentException("fields come in key-value pairs");
        }
        Map<String, Object> fields = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            fields.put(String.valueOf(keysAndValues[i]), keysAndValues[i + 1]);
        }
        return fields;
    }

    public void info(String message, Map<String, ?> fields) {
        write("INFO", message, fields, null);
    }

    public void warn(String message, Map<String, ?> fields) {
        write("WARN", message, fields, null);
    }

    public void error(String message, Map<String, ?> fields, Throwable error) {
        write("ERROR", message, fields, error);
    }

    private void write(String level, String message, Map<String, ?> fields, Throwable error) {
        StringWriter line = new StringWriter(256);
        try (JsonGenerator json = JSON.createGenerator(line)) {
            json.writeStartObject();
            json.writeStringField("timestamp", Instant.now().toString());
            json.writeStringField("level", level);
            json.writeStringField("logger", name);
            json.writeStringField("message", message);
            for (Map.Entry<String, ?> field : fields.entrySet()) {
                writeField(json, field.getKey(), field.getValue());
            }
            if (error != null) {
                json.writeStringField("errorType", error.getClass().getName());
                json.writeStringField("errorMessage", String.valueOf(error.getMessage()));
                json.writeStringField("stackTrace", stackTrace(error));
            }
            json.writeEndObject();
        } catch (IOException e) {
            throw new IllegalStateException("writing to a StringWriter cannot fail", e);
        }
        PrintStream out = System.out;
        out.println(line);
    }

    private static void writeField(JsonGenerator json, String key, Object value) throws IOException {
        switch (value) {
            case null -> json.writeNullField(key);
            case Number number when number instanceof Integer || number instanceof Long -> json.writeNumberField(key, number.longValue());
            case Boolean bool -> json.writeBooleanField(key, bool);
            default -> json.writeStringField(key, value.toString());
        }
    }

    private static String stackTrace(Throwable error) {
        StringWriter trace = new StringWriter();
        error.printStackTrace(new PrintWriter(trace));
        return trace.toString();
    }
}
