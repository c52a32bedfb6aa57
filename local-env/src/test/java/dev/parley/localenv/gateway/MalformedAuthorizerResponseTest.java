package dev.parley.localenv.gateway;

import dev.parley.localenv.gateway.testfunctions.RawAuthorizer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.net.URI;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An authorizer that answers successfully with something that is not an authorizer response gets 500,
 * as on AWS: only an error whose message is "Unauthorized" is a 401, so even a successful
 * {@code "Unauthorized"} string is a malformed response.
 */
class MalformedAuthorizerResponseTest {
    private static WebSocketGateway gateway;

    @BeforeAll
    static void start() throws Exception {
        FunctionDefinition raw = new FunctionDefinition("RawAuthorizer", RawAuthorizer.class.getName(), Map.of());
        gateway = TestApis.start(TestApis.full(TestApis.recorderName(), Optional.of(raw)), GatewaySettings.defaults());
    }

    @AfterAll
    static void stop() throws Exception {
        gateway.stop();
    }

    private static URI uri(String token) {
        return URI.create(gateway.webSocketUri() + "?token=" + token);
    }

    @Test
    void a_well_formed_allow_written_as_raw_bytes_connects_so_each_refusal_below_is_about_its_shape() {
        TestSocket.connect(uri("allow")).session().close();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"not-json", "string", "array", "no-policy", "no-statement", "policy-string", "numeric-principal"})
    void a_malformed_authorizer_response_refuses_the_handshake_with_500(String response) {
        assertThat(TestSocket.refusedStatus(uri(response))).isEqualTo(500);
    }
}
