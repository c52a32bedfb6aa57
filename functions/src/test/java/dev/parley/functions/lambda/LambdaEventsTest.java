package dev.parley.functions.lambda;

import com.amazonaws.services.lambda.runtime.events.APIGatewayCustomAuthorizerEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2WebSocketEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2WebSocketResponse;
import com.amazonaws.services.lambda.runtime.events.IamPolicyResponseV1;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.amazonaws.services.lambda.runtime.serialization.PojoSerializer;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import dev.parley.functions.testing.LambdaJson;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The functions' own event reading and response writing agree with what Lambda's runtime
 * serialization ({@code aws-lambda-java-serialization}, kept as a test-only reference) makes of the
 * same JSON, on every event shape Parley's functions receive and every response they return.
 */
class LambdaEventsTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @ParameterizedTest
    @ValueSource(strings = {"connect.json", "disconnect.json", "message.json", "ping.json", "send-message.json",
            "create-conversation.json"})
    void a_websocket_route_event_reads_as_the_runtime_reads_it(String fixture) {
        assertReadsAsTheRuntime(fixture, APIGatewayV2WebSocketEvent.class);
    }

    @Test
    void unusual_values_of_a_route_event_read_as_the_runtime_reads_them() {
        APIGatewayV2WebSocketEvent event = assertReadsAsTheRuntime("route-event-unusual-values.json", APIGatewayV2WebSocketEvent.class);

        assertThat(event.getRequestContext().getConnectedAt()).isEqualTo(1674162806344L);
        assertThat(event.isIsBase64Encoded()).isTrue();
        assertThat(event.getHeaders()).containsEntry("X-Count", "3").containsEntry("X-None", null);
        assertThat(event.getRequestContext().getAuthorizer()).containsEntry("integrationLatency", 142)
                .containsEntry("big", 1674162806344L).containsEntry("ratio", 0.5);
    }

    @Test
    void a_route_event_that_is_not_an_object_is_refused_as_the_bean_reader_refuses_it() {
        assertThatThrownBy(() -> LambdaEvents.readerFor(APIGatewayV2WebSocketEvent.class).read("[1,2]"))
                .isInstanceOf(MismatchedInputException.class);
        assertThatThrownBy(() -> LambdaEvents.readerFor(APIGatewayV2WebSocketEvent.class).read("{\"requestContext\":\"x\"}"))
                .isInstanceOf(MismatchedInputException.class);
    }

    @Test
    void the_authorizer_request_reads_as_the_runtime_reads_it() {
        APIGatewayCustomAuthorizerEvent event = assertReadsAsTheRuntime("authorizer-request.json", APIGatewayCustomAuthorizerEvent.class);

        assertThat(event.getMethodArn()).isEqualTo("arn:aws:execute-api:us-east-1:123456789012:abcdef123/dev/$connect");
        assertThat(event.getQueryStringParameters()).containsEntry("deviceId", "iphone-7f3a");
        assertThat(event.getRequestContext().getRequestId()).isEqualTo("eRcq1FpCoAMFdXw=");
    }

    @Test
    void an_sqs_batch_reads_its_records_and_queue_arn_as_sqs_spells_them() {
        SQSEvent event = assertReadsAsTheRuntime("sqs-batch.json", SQSEvent.class);

        assertThat(event.getRecords()).extracting(SQSEvent.SQSMessage::getMessageId)
                .containsExactly("059f36b4-87a3-44ab-83d2-661975830a7d", "2e1424d4-f796-459a-8184-9c92662be6da");
        SQSEvent.SQSMessage first = event.getRecords().getFirst();
        assertThat(first.getEventSourceArn()).isEqualTo("arn:aws:sqs:us-east-2:123456789012:my-queue");
        assertThat(first.getAttributes()).containsEntry("ApproximateReceiveCount", "1");
        assertThat(first.getMessageAttributes().get("origin").getStringValue()).isEqualTo("sendMessage");
        assertThat(first.getMessageAttributes().get("digest").getBinaryValue()).isEqualTo(ByteBuffer.wrap(new byte[]{0, 1, 2, 3, 4}));
    }

    @ParameterizedTest
    @ValueSource(strings = {"post-confirmation.json", "post-authentication.json"})
    void a_cognito_trigger_event_reads_as_the_json_it_is(String fixture) throws IOException {
        Map<?, ?> event = LambdaJson.event(fixture, Map.class);

        JsonNode read = JSON.valueToTree(event);
        assertThat(read).isEqualTo(JSON.readTree(LambdaJson.fixture(fixture)));
    }

    @Test
    void an_allow_policy_is_written_as_api_gateway_reads_it() throws IOException {
        IamPolicyResponseV1 allow = IamPolicyResponseV1.builder()
                .withPrincipalId("user-1")
                .withPolicyDocument(IamPolicyResponseV1.PolicyDocument.builder()
                        .withVersion(IamPolicyResponseV1.VERSION_2012_10_17)
                        .withStatement(List.of(IamPolicyResponseV1.allowStatement("arn:aws:execute-api:us-east-1:1:a/dev/$connect")))
                        .build())
                .withContext(Map.of("userId", "user-1", "authTime", 1674162806L))
                .build();

        JsonNode written = writtenAsTheRuntime(allow, IamPolicyResponseV1.class);

        assertThat(written).isEqualTo(JSON.readTree("""
                {"principalId": "user-1",
                 "policyDocument": {"Version": "2012-10-17", "Statement": [
                     {"Action": "execute-api:Invoke", "Effect": "Allow", "Resource": ["arn:aws:execute-api:us-east-1:1:a/dev/$connect"]}]},
                 "context": {"userId": "user-1", "authTime": 1674162806}}"""));
    }

    @Test
    void a_batch_failure_response_is_written_as_the_event_source_mapping_reads_it() throws IOException {
        JsonNode written = writtenAsTheRuntime(new SQSBatchResponse(List.of(new SQSBatchResponse.BatchItemFailure("m-2"))),
                SQSBatchResponse.class);

        assertThat(written).isEqualTo(JSON.readTree("""
                {"batchItemFailures": [{"itemIdentifier": "m-2"}]}"""));
    }

    @Test
    void a_route_response_is_written_as_api_gateway_reads_it() throws IOException {
        APIGatewayV2WebSocketResponse response = new APIGatewayV2WebSocketResponse();
        response.setStatusCode(200);
        response.setBody("{\"type\":\"reply\"}");

        JsonNode written = writtenAsTheRuntime(response, APIGatewayV2WebSocketResponse.class);

        assertThat(written).isEqualTo(JSON.readTree("""
                {"statusCode": 200, "body": "{\\"type\\":\\"reply\\"}", "isBase64Encoded": false}"""));
    }

    @Test
    void a_route_response_with_headers_is_written_as_the_runtime_writes_it() throws IOException {
        APIGatewayV2WebSocketResponse response = new APIGatewayV2WebSocketResponse();
        response.setStatusCode(403);
        response.setIsBase64Encoded(true);
        java.util.Map<String, String> headers = new java.util.LinkedHashMap<>();
        headers.put("Sec-WebSocket-Protocol", "parley.v1");
        headers.put("X-None", null);
        response.setHeaders(headers);
        java.util.Map<String, String[]> multi = new java.util.LinkedHashMap<>();
        multi.put("Set-Cookie", new String[]{"a=1", "b=2"});
        multi.put("X-None", null);
        response.setMultiValueHeaders(multi);

        writtenAsTheRuntime(response, APIGatewayV2WebSocketResponse.class);
    }

    private static <T> T assertReadsAsTheRuntime(String fixture, Class<T> type) {
        T ours = LambdaJson.event(fixture, type);
        T runtimes = runtimeSerializer(type).fromJson(LambdaJson.fixture(fixture));
        assertThat(ours).usingRecursiveComparison().withEqualsForType(ByteBuffer::equals, ByteBuffer.class).isEqualTo(runtimes);
        return ours;
    }

    /** What the functions write, checked equal to what the runtime would have written for the same response. */
    private static <T> JsonNode writtenAsTheRuntime(T response, Class<T> type) throws IOException {
        ByteArrayOutputStream runtimes = new ByteArrayOutputStream();
        runtimeSerializer(type).toJson(response, runtimes);
        JsonNode ours = JSON.readTree(LambdaEvents.toJson(response));
        assertThat(ours).isEqualTo(JSON.readTree(runtimes.toByteArray()));
        return ours;
    }

    private static <T> PojoSerializer<T> runtimeSerializer(Class<T> type) {
        return LambdaEventSerializers.serializerFor(type, LambdaEventsTest.class.getClassLoader());
    }
}
