package dev.parley.functions.domain.connection;

import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class RegisterConnectionTest {
    private static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");

    private final InMemoryConnectionRepository connections = new InMemoryConnectionRepository();
    private final RegisterConnection registerConnection =
            new RegisterConnection(connections, Clock.fixed(NOW, ZoneOffset.UTC));

    @Test
    void a_registered_connection_can_be_reached_through_its_user() {
        Connection connection = registerConnection.register("eRcq1dBfoAMCJfw=", "alice", "iphone");

        assertThat(connections.findLive(List.of("alice"), NOW)).containsExactly(connection);
        assertThat(connection.deviceId()).isEqualTo("iphone");
        assertThat(connection.connectedAt()).isEqualTo(NOW);
    }

    @Test
    void a_connection_stays_live_past_api_gateways_two_hour_limit_and_then_expires() {
        registerConnection.register("eRcq1dBfoAMCJfw=", "alice", "iphone");

        assertThat(connections.findLive(List.of("alice"), NOW.plus(Duration.ofHours(2)).plusSeconds(1))).hasSize(1);
        assertThat(connections.findLive(List.of("alice"), NOW.plus(Duration.ofMinutes(130)))).isEmpty();
    }

    @Test
    void a_second_device_of_the_same_user_does_not_replace_the_first() {
        registerConnection.register("PPPPPPPPPPPPPPP=", "alice", "phone");
        registerConnection.register("LLLLLLLLLLLLLLL=", "alice", "laptop");

        assertThat(connections.findLive(List.of("alice"), NOW))
                .extracting(Connection::deviceId)
                .containsExactlyInAnyOrder("phone", "laptop");
    }
}
