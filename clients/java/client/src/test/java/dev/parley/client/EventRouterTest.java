package dev.parley.client;

import dev.parley.client.connection.Backoff;
import dev.parley.client.connection.PendingRequests;
import dev.parley.client.store.InMemoryStore;
import dev.parley.client.sync.SyncEngine;
import dev.parley.client.store.StoredConversation;
import dev.parley.model.ErrorCode;
import dev.parley.model.v1.ConversationActivityEvent;
import dev.parley.model.v1.ConversationSummary;
import dev.parley.model.v1.MessageEvent;
import dev.parley.model.v1.PingReply;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.awaitility.Awaitility.await;

/** Frames as the server might send them, good and bad: bad ones are logged and skipped, never thrown. */
class EventRouterTest {
    private static final String GROUP = "g_0f1e2d3c4b5a69788796a5b4c3d2e1f0";
    private final ScheduledExecutorService worker = Executors.newSingleThreadScheduledExecutor();
    private final InMemoryStore store = new InMemoryStore();
    private final List<MessageEvent> delivered = new CopyOnWriteArrayList<>();
    private final List<String> others = new CopyOnWriteArrayList<>();
    private final List<ConversationActivityEvent> activity = new CopyOnWriteArrayList<>();
    private final PendingRequests pending = new PendingRequests("t", worker, 10_000);
    private final EventRouter router;

    EventRouterTest() {
        Listeners listeners = new Listeners();
        listeners.add(new ParleyListener() {
            @Override
            public void onMessage(MessageEvent message) {
                delivered.add(message);
            }

            @Override
            public void onConversationActivity(ConversationActivityEvent event) {
                activity.add(event);
            }

            @Override
            public void onOtherEvent(String type, com.fasterxml.jackson.databind.node.ObjectNode payload) {
                others.add(type + " " + payload);
            }
        });
        ParleyApi offline = new ParleyApi(new Requester() {
            @Override
            public <T> CompletableFuture<T> request(String action, Object fields, Class<T> replyType) {
                return CompletableFuture.failedFuture(new ParleyException.ConnectionLost("offline in this test"));
            }
        });
        SyncEngine sync = new SyncEngine(offline, store, listeners, worker, new Backoff(10, 100, new Random()), "u1", 50,
                message -> { }, () -> { });
        router = new EventRouter(pending, sync, listeners);
    }

    @AfterEach
    void stop() {
        worker.shutdownNow();
    }

    @Test
    void eventTypesTheCoreSdkDoesNotHandleReachOnOtherEventWithoutTheirType() {
        router.onText("{\"type\":\"keysLow\",\"oneTimePreKeys\":3,\"oneTimeKyberPreKeys\":40,\"threshold\":10}");
        assertThat(others).containsExactly("keysLow {\"oneTimePreKeys\":3,\"oneTimeKyberPreKeys\":40,\"threshold\":10}");
        assertThat(router.skipped()).isZero();
    }

    @Test
    void conversationActivityMovesTheHeldLastSeqUpThenReachesTheListener() {
        store.putConversation(new StoredConversation(new ConversationSummary(GROUP, "group", "big", false, 500, 40, 1, 0,
                "member", ConversationSummary.LARGE, "everyone"), List.of(), 40, 40, false));

        router.onText("{\"type\": \"conversationActivity\", \"conversationId\": \"" + GROUP + "\", \"seq\": 47, \"unreadHint\": 7}");
        await().until(() -> activity.size() == 1);
        router.onText("{\"type\": \"conversationActivity\", \"conversationId\": \"" + GROUP + "\", \"seq\": 45, \"unreadHint\": 5}");
        await().until(() -> activity.size() == 2);

        assertThat(activity.get(0)).isEqualTo(new ConversationActivityEvent(GROUP, 47, 7));
        ConversationSummary held = store.conversation(GROUP).orElseThrow().summary();
        assertThat(held.lastSeq()).as("a late, older hint takes nothing back").isEqualTo(47);
        assertThat(held.unreadCount()).isEqualTo(7);
        assertThat(held.tier()).isEqualTo(ConversationSummary.LARGE);
        assertThat(others).isEmpty();
    }

    @Test
    void malformedFramesAreSkippedAndTheNextGoodEventStillArrives() {
        router.onText("not json");
        router.onText("[1, 2]");
        router.onText("{\"type\": \"message\", \"conversationId\": \"" + GROUP + "\", \"seq\": \"abc\"}");
        router.onText("{\"type\": \"message\"}");
        router.onText("{\"type\": \"receipt\", \"conversationId\": \"" + GROUP + "\", \"readSeq\": {}}");
        router.onText("{\"message\": \"Internal server error\", \"connectionId\": \"x\", \"requestId\": \"y\"}");
        router.onText("{\"type\": \"somethingNewer\", \"field\": 1}");
        router.onText("{\"type\": \"message\", \"conversationId\": \"" + GROUP + "\", \"seq\": 1, \"senderId\": \"u2\","
                + " \"senderDeviceId\": \"d2\", \"sentAt\": 5, \"clientMessageId\": \"c1\", \"text\": \"hi\", \"future\": true}");

        await().until(() -> delivered.size() == 1);
        assertThat(delivered.get(0).text()).isEqualTo("hi");
        assertThat(store.messages(GROUP, 0, 10)).hasSize(1);
        assertThat(router.skipped()).isEqualTo(6);
    }

    @Test
    void anErrorFrameFailsItsRequestTypedEvenWithACodeThisSdkDoesNotKnow() {
        CompletableFuture<PingReply> known = pending.register("t1", PingReply.class);
        CompletableFuture<PingReply> unknown = pending.register("t2", PingReply.class);

        router.onText("{\"type\": \"error\", \"requestId\": \"t1\", \"code\": \"UNAVAILABLE\", \"message\": \"throttled\"}");
        router.onText("{\"type\": \"error\", \"requestId\": \"t2\", \"code\": \"SOMETHING_NEW\", \"message\": \"later\"}");

        ParleyException.ServerError first = serverError(known);
        assertThat(first.code()).isEqualTo(ErrorCode.UNAVAILABLE);
        assertThat(first.retryable()).isTrue();
        assertThat(first.serverMessage()).isEqualTo("throttled");
        ParleyException.ServerError second = serverError(unknown);
        assertThat(second.code()).isNull();
        assertThat(second.codeName()).isEqualTo("SOMETHING_NEW");
        assertThat(second.retryable()).isFalse();
    }

    @Test
    void aReplyThatIsNotTheDocumentedRecordFailsAsMalformed() {
        CompletableFuture<PingReply> ping = pending.register("t3", PingReply.class);

        router.onText("{\"type\": \"reply\", \"requestId\": \"t3\", \"serverTime\": \"noon\"}");

        Throwable failed = catchThrowable(() -> ping.get(5, TimeUnit.SECONDS));
        assertThat(failed).isInstanceOf(ExecutionException.class).hasCauseInstanceOf(ParleyException.MalformedReply.class);
    }

    private static ParleyException.ServerError serverError(CompletableFuture<?> future) {
        Throwable failed = catchThrowable(() -> future.get(5, TimeUnit.SECONDS));
        assertThat(failed).isInstanceOf(ExecutionException.class);
        return (ParleyException.ServerError) failed.getCause();
    }
}
