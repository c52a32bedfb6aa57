package dev.parley.client.live;

import dev.parley.client.ConnectionState;
import dev.parley.client.ParleyClient;
import dev.parley.client.auth.Session;
import dev.parley.client.store.InMemoryStore;
import dev.parley.client.store.ParleyStore;
import dev.parley.model.v1.CreateConversationRequest;
import dev.parley.model.v1.MessageEvent;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import static org.awaitility.Awaitility.await;

/** Tests over real sockets against the local cloud (./parley test starts it). */
@Tag("live")
abstract class LiveTest {
    static final Duration WAIT = Duration.ofSeconds(60);
    final TestCloud cloud = TestCloud.get();
    private final List<AutoCloseable> toClose = new ArrayList<>();

    @AfterEach
    void closeAll() throws Exception {
        for (int i = toClose.size() - 1; i >= 0; i--) {
            toClose.get(i).close();
        }
    }

    <T extends AutoCloseable> T closeLater(T closeable) {
        toClose.add(closeable);
        return closeable;
    }

    ParleyClient connect(String user, Recorder recorder) {
        return connect(cloud.session(user), cloud.webSocketUrl, new InMemoryStore(), recorder, options -> { });
    }

    ParleyClient connect(Session session, String url, ParleyStore store, Recorder recorder,
                         Consumer<ParleyClient.Options> tweak) {
        ParleyClient client = closeLater(cloud.client(url, session, TestCloud.newDeviceId("sdk"), store, tweak));
        client.addListener(recorder);
        client.addStateListener(recorder);
        client.start();
        awaitConnected(client);
        return client;
    }

    static void awaitConnected(ParleyClient client) {
        await().atMost(WAIT).until(() -> client.state() instanceof ConnectionState.Connected);
    }

    /** A new group of the creator and the others: every test gets conversations of its own. */
    static String newGroup(ParleyClient creator, ParleyClient... others) throws Exception {
        List<String> members = Arrays.stream(others).map(ParleyClient::userId).toList();
        return creator.api().createConversation(new CreateConversationRequest("group", members, "sdk test", null))
                .get(30, TimeUnit.SECONDS).conversation().conversationId();
    }

    static List<Long> seqs(List<MessageEvent> messages) {
        return messages.stream().map(MessageEvent::seq).toList();
    }

    static List<String> texts(List<MessageEvent> messages) {
        return messages.stream().map(MessageEvent::text).toList();
    }
}
