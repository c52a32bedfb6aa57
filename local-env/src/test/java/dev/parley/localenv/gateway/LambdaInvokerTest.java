package dev.parley.localenv.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.parley.localenv.gateway.testfunctions.PlainFunction;
import dev.parley.localenv.gateway.testfunctions.StreamAndTypedFunction;
import dev.parley.localenv.gateway.testfunctions.TypedFunction;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Invoking handler classes in-process as the Lambda Java runtime does: bytes to a stream entry, or through its serialization to a typed one. */
class LambdaInvokerTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static LambdaInvoker invoker(String handler, Map<String, String> environment) {
        return new LambdaInvoker(new FunctionDefinition("Fn", handler, environment), "eu-west-1", "123456789012",
                LambdaInvokerTest.class.getClassLoader());
    }

    private static JsonNode invoke(LambdaInvoker invoker, String event) throws Exception {
        return JSON.readTree(invoker.invoke(event.getBytes(StandardCharsets.UTF_8), Instant.now().plusSeconds(29)));
    }

    @Test
    void a_typed_handler_gets_an_events_library_object_that_ignores_unknown_fields_and_answers_json() throws Exception {
        JsonNode response = invoke(invoker(TypedFunction.class.getName() + "::handleRequest", Map.of("GREETING", "hi")),
                "{\"requestContext\":{\"routeKey\":\"r\",\"connectionId\":\"c\",\"disconnectStatusCode\":1000,"
                        + "\"authorizer\":{\"userId\":\"u\"}},\"unknown\":true}");
        assertThat(response.get("statusCode").asInt()).isEqualTo(200);
        assertThat(response.get("body").asText()).isEqualTo("r|c|u|hi|true|Fn");
        assertThat(response.has("isBase64Encoded")).isTrue();
    }

    @Test
    void a_stream_handler_named_by_class_alone_gets_the_event_bytes_on_its_stream_entry_as_on_lambda() throws Exception {
        String event = "{\"requestContext\":{\"routeKey\":\"$default\"}}";

        JsonNode response = invoke(invoker(StreamAndTypedFunction.class.getName(), Map.of()), event);

        assertThat(response.get("entry").asText()).isEqualTo("stream");
        assertThat(response.get("bytes").asInt()).isEqualTo(event.length());
    }

    @Test
    void a_handler_without_an_environment_constructor_is_built_with_its_no_arg_constructor() throws Exception {
        JsonNode response = invoke(invoker(PlainFunction.class.getName(), Map.of()), "{\"x\":\"y\"}");
        assertThat(response.get("echo").asText()).isEqualTo("y");
        assertThat(response.get("remainingPositive").asBoolean()).isTrue();
    }

    @Test
    void the_invocation_is_named_on_its_thread_and_the_threads_it_starts_and_nowhere_once_it_returned() throws Exception {
        JsonNode response = invoke(invoker(PlainFunction.class.getName(), Map.of()), "{}");

        String invocation = "Fn/" + response.get("requestId").asText();
        assertThat(response.get("invocation").asText()).isEqualTo(invocation);
        assertThat(response.get("invocationInStartedThread").asText()).isEqualTo(invocation);
        assertThat(CurrentInvocation.get()).isEmpty();
    }

    @Test
    void sequential_invocations_reuse_a_warm_instance_and_concurrent_ones_get_their_own() throws Exception {
        LambdaInvoker invoker = invoker(PlainFunction.class.getName(), Map.of());
        int first = invoke(invoker, "{}").get("instance").asInt();
        assertThat(invoke(invoker, "{}").get("instance").asInt()).isEqualTo(first);
        try (ExecutorService threads = Executors.newFixedThreadPool(2)) {
            List<Future<Integer>> concurrent = threads.invokeAll(List.<Callable<Integer>>of(
                    () -> invoke(invoker, "{\"sleepMs\":300}").get("instance").asInt(),
                    () -> invoke(invoker, "{\"sleepMs\":300}").get("instance").asInt()));
            assertThat(List.of(concurrent.get(0).get(), concurrent.get(1).get())).doesNotHaveDuplicates();
        }
    }

    @Test
    void a_handler_exception_is_a_function_error_carrying_the_cause() {
        assertThatThrownBy(() -> invoke(invoker(PlainFunction.class.getName(), Map.of()), "{\"fail\":true}"))
                .isInstanceOf(LambdaFunctionException.class)
                .hasCauseInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void a_wrong_handler_name_fails_when_the_gateway_starts_not_on_first_use() {
        assertThatThrownBy(() -> invoker("dev.parley.NoSuchHandler::handleRequest", Map.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("NoSuchHandler");
        assertThatThrownBy(() -> invoker(PlainFunction.class.getName() + "::nope", Map.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("nope");
    }
}
