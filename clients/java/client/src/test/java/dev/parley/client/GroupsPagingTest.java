package dev.parley.client;

import dev.parley.client.connection.Backoff;
import dev.parley.client.store.InMemoryStore;
import dev.parley.client.sync.SyncEngine;
import dev.parley.model.ErrorCode;
import dev.parley.model.v1.AddMembersRequest;
import dev.parley.model.v1.ConversationReply;
import dev.parley.model.v1.ConversationSummary;
import dev.parley.model.v1.InviteInfo;
import dev.parley.model.v1.ListInvitesReply;
import dev.parley.model.v1.ListInvitesRequest;
import dev.parley.model.v1.RemoveMembersRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * What Groups sends where the server takes at most a page: additions in requests of 99, removals of 91, invites followed
 * page by page.
 */
class GroupsPagingTest {
    private static final String GROUP = "g_0f1e2d3c4b5a69788796a5b4c3d2e1f0";
    private final ScheduledExecutorService worker = Executors.newSingleThreadScheduledExecutor();
    private final List<Object> sent = new CopyOnWriteArrayList<>();

    @AfterEach
    void stop() {
        worker.shutdownNow();
    }

    @Test
    void twoHundredFiftyUsersGoAsThreeRequestsInOrderAndAFailureStopsTheRest() throws Exception {
        List<String> users = new ArrayList<>();
        for (int i = 0; i < 250; i++) {
            users.add("u" + i);
        }
        Groups groups = groups(request -> {
            AddMembersRequest add = (AddMembersRequest) request;
            return new ConversationReply(summary(2 + (sent.size() - 1) * 99 + add.userIds().size())); // 2 before, 99 per earlier request
        });

        ConversationSummary after = groups.addMembers(GROUP, users).get(5, TimeUnit.SECONDS);

        assertThat(sent).extracting(r -> ((AddMembersRequest) r).userIds())
                .containsExactly(users.subList(0, 99), users.subList(99, 198), users.subList(198, 250));
        assertThat(after.memberCount()).as("the last request's summary").isEqualTo(252);

        sent.clear();
        Groups refusing = groups(request -> {
            if (sent.size() == 2) { // the second of three
                throw new ParleyException.ServerError("r", ErrorCode.LIMIT_EXCEEDED, "LIMIT_EXCEEDED", "full");
            }
            return new ConversationReply(summary(10));
        });
        Throwable failed = catchThrowable(() -> refusing.addMembers(GROUP, users).get(5, TimeUnit.SECONDS));
        assertThat(failed).isInstanceOf(ExecutionException.class).hasCauseInstanceOf(GroupRefusal.class);
        assertThat(((GroupRefusal) failed.getCause()).reason()).isEqualTo(GroupRefusal.Reason.LIMIT_EXCEEDED);
        assertThat(sent).as("the third request is never sent").hasSize(2);
    }

    @Test
    void aRemovalGoesInRequestsOf91SoTheServerTakesEachInOneTransaction() throws Exception {
        List<String> users = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            users.add("u" + i);
        }
        Groups groups = groups(request -> new ConversationReply(summary(500 - ((RemoveMembersRequest) request).userIds().size())));

        groups.removeMembers(GROUP, users).get(5, TimeUnit.SECONDS);

        assertThat(sent).extracting(r -> ((RemoveMembersRequest) r).userIds())
                .containsExactly(users.subList(0, 91), users.subList(91, 100));
    }

    @Test
    void allInvitesAsksAfterTheLastIdWhileTheServerHasMore() throws Exception {
        Groups groups = groups(request -> {
            Long after = ((ListInvitesRequest) request).afterInviteId();
            long first = after == null ? 1 : after + 1;
            List<InviteInfo> page = new ArrayList<>();
            for (long id = first; id < first + 100 && id <= 230; id++) {
                page.add(new InviteInfo(id, "u1", 1, 2, 10, 0, false));
            }
            return new ListInvitesReply(GROUP, page, first + 100 <= 230);
        });

        List<InviteInfo> all = groups.allInvites(GROUP).get(5, TimeUnit.SECONDS);

        assertThat(all).extracting(InviteInfo::inviteId).hasSize(230).doesNotHaveDuplicates().startsWith(1L).endsWith(230L);
        assertThat(sent).extracting(r -> ((ListInvitesRequest) r).afterInviteId()).containsExactly(null, 100L, 200L);
        assertThat(sent).extracting(r -> ((ListInvitesRequest) r).limit()).containsOnly(100);
    }

    private Groups groups(Function<Object, Object> server) {
        Requester requester = new Requester() {
            @Override
            @SuppressWarnings("unchecked")
            public <T> CompletableFuture<T> request(String action, Object fields, Class<T> replyType) {
                CompletableFuture<T> answer = new CompletableFuture<>();
                try {
                    sent.add(fields);
                    answer.complete((T) server.apply(fields));
                } catch (ParleyException e) {
                    answer.completeExceptionally(e);
                }
                return answer;
            }
        };
        ParleyApi api = new ParleyApi(requester);
        InMemoryStore store = new InMemoryStore();
        SyncEngine sync = new SyncEngine(api, store, new Listeners(), worker, new Backoff(10, 100, new Random()), "u1", 50,
                message -> { }, () -> { });
        return new Groups(api, store, sync.summaries());
    }

    private static ConversationSummary summary(int members) {
        return new ConversationSummary(GROUP, "group", "t", false, members, 0, 1, 0, "owner",
                members > 64 ? ConversationSummary.LARGE : ConversationSummary.SMALL, "everyone");
    }
}
