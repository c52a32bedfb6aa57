package dev.parley.functions.handler;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2WebSocketEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2WebSocketResponse;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parley.functions.testing.CapturedLogs;
import dev.parley.functions.testing.LambdaJson;
import dev.parley.model.ErrorCode;
import dev.parley.model.Frame;
import dev.parley.model.ProtocolCodec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class DefaultHandlerTest {
    @RegisterExtension
    final CapturedLogs logs = new CapturedLogs();

    private final DefaultHandler handler = new DefaultHandler(Map.of());

    /** The route response's JSON as Lambda returns it from the event's bytes, and the frame API Gateway sends on from its body. */
    private Frame.Error reply(String body) {
        ObjectNode event = LambdaJson.fixtureJson("message.json");
        if (body != null) {
            event.put("body", body);
        }
        JsonNode response = LambdaJson.invoke(handler, event.toString());
        assertThat(response.get("statusCode").asInt()).isEqualTo(200);
        return (Frame.Error) ProtocolCodec.instance().decodeFrame(response.get("body").asText());
    }

    @Test
    void an_unknown_action_is_answered_with_unknown_action_naming_it_and_echoing_the_request_id() throws IOException {
        APIGatewayV2WebSocketEvent event = LambdaJson.event("message.json", APIGatewayV2WebSocketEvent.class);

        APIGatewayV2WebSocketResponse response = handler.handleRequest(event, null);

        JsonNode frame = new ObjectMapper().readTree(response.getBody());
        assertThat(frame.get("type").asText()).isEqualTo("error");
        assertThat(frame.get("requestId").asText()).isEqualTo("1");
        assertThat(frame.get("code").asText()).isEqualTo("UNKNOWN_ACTION");
        assertThat(frame.get("message").asText()).startsWith("Unknown action \"nope\".");
    }

    @ParameterizedTest(name = "body {0} is a bad request")
    @ValueSource(strings = {"hello", "[1,2]", "\"text\"", "{\"action\":"})
    void a_body_that_is_not_a_json_object_is_a_bad_request_without_request_id(String body) {
        Frame.Error error = reply(body);

        assertThat(error.code()).isEqualTo(ErrorCode.BAD_REQUEST);
        assertThat(error.requestId()).isNull();
    }

    @Test
    void a_frame_without_an_action_is_a_bad_request_that_still_echoes_the_request_id() {
        Frame.Error error = reply("{\"requestId\":\"r-7\",\"text\":\"hi\"}");

        assertThat(error.code()).isEqualTo(ErrorCode.BAD_REQUEST);
        assertThat(error.requestId()).isEqualTo("r-7");
    }

    @Test
    void message_bodies_never_reach_the_log() {
        reply("{\"action\":\"sendSecret\",\"requestId\":\"2\",\"text\":\"the launch code is 0000\"}");
        reply("the launch code is 0000");

        assertThat(logs.text()).doesNotContain("launch code");
        assertThat(logs.lines()).allSatisfy(line -> assertThat(line.get("connectionId").asText()).isEqualTo("eRcq1dBfoAMCJfw="));
    }
}
