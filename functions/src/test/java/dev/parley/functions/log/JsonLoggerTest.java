package dev.parley.functions.log;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parley.functions.testing.CapturedLogs;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;

class JsonLoggerTest {
    @RegisterExtension
    final CapturedLogs logs = new CapturedLogs();

    private final JsonLogger log = JsonLogger.of(JsonLoggerTest.class);

    @Test
    void each_event_is_one_json_line_with_a_constant_message_and_values_in_keys() {
        log.info("connection registered", JsonLogger.fields("connectionId", "eRcq1dBfoAMCJfw=", "attempt", 2, "retried", true));

        assertThat(logs.text().lines()).hasSize(1);
        JsonNode line = logs.lines().getFirst();
        assertThat(line.get("level").asText()).isEqualTo("INFO");
        assertThat(line.get("logger").asText()).isEqualTo("JsonLoggerTest");
        assertThat(line.get("message").asText()).isEqualTo("connection registered");
        assertThat(line.get("connectionId").asText()).isEqualTo("eRcq1dBfoAMCJfw=");
        assertThat(line.get("attempt").asInt()).isEqualTo(2);
        assertThat(line.get("retried").asBoolean()).isTrue();
        assertThat(line.get("timestamp").asText()).isNotBlank();
    }

    @Test
    void quotes_and_newlines_in_values_cannot_break_the_line() {
        log.warn("request rejected", JsonLogger.fields("action", "x\"}\n{\"level\":\"FAKE"));

        assertThat(logs.text().lines()).hasSize(1);
        assertThat(logs.lines().getFirst().get("action").asText()).isEqualTo("x\"}\n{\"level\":\"FAKE");
    }

    @Test
    void an_error_carries_its_type_message_and_stack_trace_on_the_same_line() {
        log.error("connection not registered", JsonLogger.fields("requestId", "r1"), new IllegalStateException("boom"));

        JsonNode line = logs.lines().getFirst();
        assertThat(line.get("level").asText()).isEqualTo("ERROR");
        assertThat(line.get("errorType").asText()).isEqualTo("java.lang.IllegalStateException");
        assertThat(line.get("errorMessage").asText()).isEqualTo("boom");
        assertThat(line.get("stackTrace").asText()).contains("JsonLoggerTest");
    }
}
