package dev.parley.functions.domain.connection;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class RemoveConnectionTest {
    private static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");

    private final InMemoryConnectionRepository connections = new InMemoryConnectionRepository();
    private final RemoveConnection removeConnection = new RemoveConnection(connections);

    @Test
    void a_closed_connection_no_longer_receives_messages_but_the_users_other_devices_do() {
        connections.save(Connection.opened("PPPPPPPPPPPPPPP=", "alice", "phone", NOW));
        connections.save(Connection.opened("LLLLLLLLLLLLLLL=", "alice", "laptop", NOW));

        removeConnection.remove("PPPPPPPPPPPPPPP=", "alice");

        assertThat(connections.findLive(List.of("alice"), NOW))
                .extracting(Connection::connectionId)
                .containsExactly("LLLLLLLLLLLLLLL=");
    }

    @Test
    void a_disconnect_delivered_twice_is_harmless() {
        connections.save(Connection.opened("PPPPPPPPPPPPPPP=", "alice", "phone", NOW));

        removeConnection.remove("PPPPPPPPPPPPPPP=", "alice");
        removeConnection.remove("PPPPPPPPPPPPPPP=", "alice");

        assertThat(connections.findLive(List.of("alice"), NOW)).isEmpty();
    }
}
