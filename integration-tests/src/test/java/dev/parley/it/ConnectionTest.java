package dev.parley.it;

import dev.parley.model.ErrorCode;
import dev.parley.model.Frame;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** What a client sees when it connects and sends its first frames. */
class ConnectionTest {
    private static final Duration WAIT = Duration.ofSeconds(15);
    private static TargetStack target;
    private static String token;

    @BeforeAll
    static void signIn() {
        target = TargetStack.fromEnvironment();
        token = target.accessToken(target.user(0));
    }

    private static String device() {
        return "it-" + UUID.randomUUID().toString().substring(0, 8);
    }

    @Test
    void a_signed_in_device_connects_and_an_unknown_action_gets_UNKNOWN_ACTION_with_its_request_id() {
        try (WsClient client = WsClient.connect(target.connectUrl(token, device()))) {
            client.send("{\"action\":\"nope\",\"requestId\":\"1\"}");

            Frame frame = client.next(WAIT);
            assertThat(frame).isInstanceOfSatisfying(Frame.Error.class, error -> {
                assertThat(error.code()).isEqualTo(ErrorCode.UNKNOWN_ACTION);
                assertThat(error.requestId()).isEqualTo("1");
                assertThat(error.message()).contains("nope");
            });
        }
    }

    @Test
    void malformed_json_gets_BAD_REQUEST_and_the_connection_stays_usable() {
        try (WsClient client = WsClient.connect(target.connectUrl(token, device()))) {
            client.send("{not json");
            assertThat(client.next(WAIT)).isInstanceOfSatisfying(Frame.Error.class,
                    error -> assertThat(error.code()).isEqualTo(ErrorCode.BAD_REQUEST));

            client.send("{\"action\":\"stillThere\",\"requestId\":\"2\"}");
            assertThat(client.next(WAIT)).isInstanceOfSatisfying(Frame.Error.class, error -> {
                assertThat(error.code()).isEqualTo(ErrorCode.UNKNOWN_ACTION);
                assertThat(error.requestId()).isEqualTo("2");
            });
        }
    }

    @Test
    void a_connection_without_a_token_is_refused_with_401() {
        assertThatThrownBy(() -> WsClient.connect(target.connectUrl(null, device())))
                .isInstanceOfSatisfying(WsClient.HandshakeRefused.class, e -> assertThat(e.status()).isEqualTo(401));
    }

    @Test
    void a_token_with_a_forged_signature_is_refused_with_401() {
        String[] parts = token.split("\\.");
        String forged = parts[0] + "." + parts[1] + "." + new StringBuilder(parts[2]).reverse();
        assertThatThrownBy(() -> WsClient.connect(target.connectUrl(forged, device())))
                .isInstanceOfSatisfying(WsClient.HandshakeRefused.class, e -> assertThat(e.status()).isEqualTo(401));
    }

    @Test
    void a_valid_token_without_a_device_id_is_refused_with_401() {
        assertThatThrownBy(() -> WsClient.connect(target.connectUrl(token, null)))
                .isInstanceOfSatisfying(WsClient.HandshakeRefused.class, e -> assertThat(e.status()).isEqualTo(401));
    }

    @Test
    void a_message_over_128_KB_closes_the_socket_with_1009() {
        try (WsClient client = WsClient.connect(target.connectUrl(token, device()))) {
            client.send("{\"action\":\"x\",\"pad\":\"" + "a".repeat(140 * 1024) + "\"}");
            assertThat(client.closeCode(WAIT)).isEqualTo(1009);
        }
    }

    @Test
    void a_binary_frame_closes_the_socket_with_1003() {
        try (WsClient client = WsClient.connect(target.connectUrl(token, device()))) {
            client.sendBinary(new byte[]{1, 2, 3});
            assertThat(client.closeCode(WAIT)).isEqualTo(1003);
        }
    }
}
