package dev.parley.client.signal.live;

import dev.parley.client.auth.Session;
import dev.parley.model.v1.CreateConversationRequest;
import org.junit.jupiter.api.AfterEach;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * What the live E2EE tests share: the local cloud, each test's devices (closed after it, newest
 * first), and conversations between them as apps make them.
 */
abstract class LiveDevices {
    final SignalCloud cloud = SignalCloud.get();
    private final List<AutoCloseable> toClose = new ArrayList<>();

    @AfterEach
    void closeAll() throws Exception {
        for (int i = toClose.size() - 1; i >= 0; i--) {
            toClose.get(i).close();
        }
    }

    LivePhone phone(Session user, String label) {
        return keep(LivePhone.connected(cloud, user, label));
    }

    <T extends AutoCloseable> T keep(T closeable) {
        toClose.add(closeable);
        return closeable;
    }

    void forget(AutoCloseable closed) {
        toClose.remove(closed);
    }

    /** Alice with a laptop and a phone, Bob with a phone, and Alice's E2EE direct chat with Bob, known to all three. */
    Trio trio() throws Exception {
        Session alice = cloud.newUser("alice");
        Session bob = cloud.newUser("bob");
        LivePhone alice1 = phone(alice, "alice-laptop");
        LivePhone alice2 = phone(alice, "alice-phone");
        LivePhone bob1 = phone(bob, "bob-phone");
        String direct = create(alice1, "direct", List.of(bob1.userId()));
        known(direct, alice1, alice2, bob1);
        return new Trio(alice1, alice2, bob1, direct);
    }

    record Trio(LivePhone alice1, LivePhone alice2, LivePhone bob1, String direct) {
    }

    /** An E2EE conversation ({@code kind} direct or group) the creator makes with the others. */
    static String create(LivePhone creator, String kind, List<String> others) throws Exception {
        return LivePhone.get(creator.client.api().createConversation(new CreateConversationRequest(kind, others,
                "group".equals(kind) ? "e2ee" : null, true))).conversation().conversationId();
    }

    /** Waits until every phone holds the conversation (its creation reached them through sync). */
    static void known(String conversationId, LivePhone... phones) {
        for (LivePhone phone : phones) {
            long sent = phone.client.requestsSent("sync");
            phone.client.syncNow();
            // Until this sync (or the one it was folded into) completed: a sync still under way would otherwise
            // land in whatever the test counts next.
            await().atMost(LivePhone.WAIT).until(() -> phone.client.store().conversation(conversationId).isPresent()
                    && phone.client.requestsSent("sync") > sent && phone.syncsSettled());
        }
    }

    /** Waits until every phone's app was shown the text in the conversation. */
    static void shown(String conversationId, String text, LivePhone... phones) {
        for (LivePhone phone : phones) {
            await().atMost(LivePhone.WAIT).untilAsserted(() -> assertThat(phone.texts(conversationId))
                    .as("%s: undecryptable %s, stuck %s", phone.client.deviceId(), phone.undecryptable, phone.stuck)
                    .contains(text));
        }
    }
}
