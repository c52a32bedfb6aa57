package dev.parley.client.live;

import dev.parley.client.ParleyClient;
import dev.parley.client.store.SqliteStore;

import java.time.Duration;

import static org.awaitility.Awaitility.await;

/**
 * The app process of {@link KilledProcessTest}: opens the SQLite store, connects, and exits 0
 * once its outbox is empty. The test kills it with SIGKILL midway and starts it again.
 * Arguments: endpoints file, user, device id, store path.
 */
public final class OutboxChild {
    private OutboxChild() {
    }

    public static void main(String[] args) {
        System.setProperty("parley.endpoints", args[0]);
        TestCloud cloud = TestCloud.get();
        try (SqliteStore store = SqliteStore.open(args[3]);
             ParleyClient client = cloud.client(cloud.session(args[1]), args[2], store, options -> { })) {
            client.start();
            System.out.println("started with " + store.outbox().size() + " queued");
            await().atMost(Duration.ofMinutes(2)).until(() -> store.outbox().isEmpty());
            System.out.println("DRAINED");
        }
        System.exit(0);
    }
}
