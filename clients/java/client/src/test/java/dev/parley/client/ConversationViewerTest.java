package dev.parley.client;

import dev.parley.model.ErrorCode;
import dev.parley.model.v1.ViewConversationReply;
import dev.parley.model.v1.ViewConversationRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** What the SDK tells the server of the conversation the app shows: refreshed before the TTL ends, again after a reconnect. */
class ConversationViewerTest {
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
    private final List<ViewConversationRequest> sent = new CopyOnWriteArrayList<>();
    private volatile ErrorCode refuseWith;

    private final ConversationViewer viewer = new ConversationViewer(new ParleyApi(new Requester() {
        @Override
        @SuppressWarnings("unchecked")
        public <T> CompletableFuture<T> request(String action, Object fields, Class<T> replyType) {
            ViewConversationRequest request = (ViewConversationRequest) fields;
            sent.add(request);
            if (refuseWith != null) {
                return CompletableFuture.failedFuture(new ParleyException.ServerError("r", refuseWith, refuseWith.name(), "not a member"));
            }
            return CompletableFuture.completedFuture((T) new ViewConversationReply(request.conversationId(),
                    request.conversationId() == null ? 0 : request.ttlSeconds() * 1000L));
        }
    }), timer, 2);

    @AfterEach
    void stopTimer() {
        timer.shutdownNow();
    }

    @Test
    void aViewIsSentAtOnceAndAgainEveryHalfTtlUntilStopped() {
        assertThat(viewer.view("g_1").join().expiresInMs()).isEqualTo(2000);

        await().atMost(Duration.ofSeconds(10)).until(() -> sent.size() >= 3);
        assertThat(sent).extracting(ViewConversationRequest::conversationId).containsOnly("g_1");
        assertThat(sent).extracting(ViewConversationRequest::ttlSeconds).containsOnly(2);

        viewer.stop();
        assertThat(sent).extracting(ViewConversationRequest::conversationId).as("the stop itself").containsNull();
        viewer.view("g_2");
        await().atMost(Duration.ofSeconds(10)).until(() -> sent.stream().filter(r -> "g_2".equals(r.conversationId())).count() >= 3);
        assertThat(sent.get(sent.size() - 1).conversationId()).as("g_1's refreshes ended with its view").isEqualTo("g_2");
    }

    @Test
    void aNewSocketViewsTheOpenConversationAgainAndNothingWhenNoneIsOpen() {
        viewer.connected();
        assertThat(sent).isEmpty();
        viewer.view("g_1");
        viewer.connected();
        assertThat(sent).extracting(ViewConversationRequest::conversationId).containsExactly("g_1", "g_1");
    }

    @Test
    void notFoundEndsTheViewAndItsRefreshes() {
        refuseWith = ErrorCode.NOT_FOUND;
        viewer.view("g_gone");

        assertThat(viewer.viewing()).isEmpty();
        viewer.connected();
        assertThat(sent).hasSize(1);
    }
}
