package dev.parley.localenv.gateway;

import org.junit.jupiter.api.Test;

import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The moment between {@code $connect} succeeding and Jetty opening the server side: the client may
 * already hold its 101, and a peer's {@code @connections} call then must not find the connection gone
 * (a 410 makes Parley forget the connection, and the client would miss what was posted to it).
 */
class ConnectionRegistryTest {
    private final ConnectionRegistry registry = new ConnectionRegistry();
    private final Connection connection = new Connection("c1=", 0, "127.0.0.1", "test", "localhost");

    @Test
    void a_call_for_an_accepted_connection_waits_for_its_socket_to_open() throws Exception {
        registry.add(connection);
        connection.accept();
        AtomicReference<Thread> caller = new AtomicReference<>();
        CompletableFuture<Optional<Connection>> found = CompletableFuture.supplyAsync(() -> {
            caller.set(Thread.currentThread());
            try {
                return registry.open("c1=");
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        while (caller.get() == null || caller.get().getState() != Thread.State.TIMED_WAITING) {
            Thread.onSpinWait();
        }
        assertThat(found).isNotDone();

        connection.open(null);

        assertThat(found.get()).contains(connection);
    }

    @Test
    void a_connection_still_running_connect_or_closed_before_opening_is_gone_at_once() throws Exception {
        registry.add(connection);
        assertThat(registry.open("c1=")).as("$connect still running: AWS answers 410").isEmpty();

        connection.accept();
        connection.markClosed();
        assertThat(registry.open("c1=")).as("closed before it opened").isEmpty();
        assertThat(registry.open("unknown=")).isEmpty();
    }
}
