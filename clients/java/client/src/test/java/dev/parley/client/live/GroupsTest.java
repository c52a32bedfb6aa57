package dev.parley.client.live;

import dev.parley.client.GroupRefusal;
import dev.parley.client.Groups;
import dev.parley.client.ParleyClient;
import dev.parley.client.auth.Session;
import dev.parley.client.store.InMemoryStore;
import dev.parley.client.store.OutboxEntry;
import dev.parley.client.store.StoredConversation;
import dev.parley.model.ErrorCode;
import dev.parley.model.v1.ConversationSummary;
import dev.parley.model.v1.CreateInviteReply;
import dev.parley.model.v1.InviteInfo;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.awaitility.Awaitility.await;

/** client.groups(): roles, settings, members and invite links over real sockets, the store kept current. */
class GroupsTest extends LiveTest {

    @Test
    void anInviteAdmitsUntilRevokedAndRefusesTypedWhenNotValidUsedUpOrExpired() throws Exception {
        ParleyClient alice = connect("alice", new Recorder());
        ParleyClient bob = connect("bob", new Recorder());
        ParleyClient carol = connect("carol", new Recorder());
        List<ParleyClient> fresh = freshUsers(2);
        String group = newGroup(alice, bob);

        assertThat(refusal(bob.groups().createInvite(group, null, null))).isEqualTo(GroupRefusal.Reason.NOT_ALLOWED);
        CreateInviteReply invite = get(alice.groups().createInvite(group, Duration.ofHours(1), 2));
        assertThat(invite.maxUses()).isEqualTo(2);
        assertThat(invite.expiresAt()).isGreaterThan(System.currentTimeMillis() + 3_500_000);

        ConversationSummary joined = get(carol.groups().joinByInvite(invite.token()));
        assertThat(joined.role()).isEqualTo("member");
        assertThat(joined.memberCount()).isEqualTo(3);
        await().atMost(WAIT).until(() -> carol.store().conversation(group).isPresent());
        get(carol.groups().joinByInvite(invite.token())); // already a member: answered, no use counted
        String wrongSecret = invite.token().substring(0, invite.token().length() - 1)
                + (invite.token().endsWith("A") ? "B" : "A");
        assertThat(refusal(fresh.get(0).groups().joinByInvite(wrongSecret))).isEqualTo(GroupRefusal.Reason.INVITE_NOT_VALID);

        assertThat(get(alice.groups().allInvites(group))).singleElement()
                .satisfies(listed -> assertThat(List.of(listed.inviteId(), listed.uses(), listed.revoked()))
                        .containsExactly(invite.inviteId(), 1, false));
        assertThat(get(alice.groups().revokeInvite(group, invite.inviteId())).revoked()).isTrue();
        assertThat(refusal(fresh.get(0).groups().joinByInvite(invite.token()))).isEqualTo(GroupRefusal.Reason.INVITE_REVOKED);
        assertThat(get(alice.groups().allInvites(group))).extracting(InviteInfo::revoked).containsExactly(true);

        CreateInviteReply once = get(alice.groups().createInvite(group, null, 1));
        assertThat(get(fresh.get(0).groups().joinByInvite(once.token())).memberCount()).isEqualTo(4);
        assertThat(refusal(fresh.get(1).groups().joinByInvite(once.token()))).isEqualTo(GroupRefusal.Reason.INVITE_USED_UP);

        CreateInviteReply brief = get(alice.groups().createInvite(group, Duration.ofSeconds(1), null));
        await().atMost(WAIT).until(() -> System.currentTimeMillis() > brief.expiresAt() + 50);
        assertThat(refusal(fresh.get(1).groups().joinByInvite(brief.token()))).isEqualTo(GroupRefusal.Reason.INVITE_EXPIRED);
        assertThat(get(alice.groups().allInvites(group))).hasSize(3);
        assertThat(fresh.get(1).store().conversation(group)).isEmpty();
    }

    @Test
    void aMemberMadeAdminAddsOthersAndHoldsTheNewRole() throws Exception {
        ParleyClient alice = connect("alice", new Recorder());
        ParleyClient bob = connect("bob", new Recorder());
        ParleyClient carol = connect("carol", new Recorder());
        String group = newGroup(alice, bob);
        await().atMost(WAIT).until(() -> bob.groups().role(group).equals(Optional.of(Groups.Role.MEMBER)));

        assertThat(refusal(bob.groups().addMembers(group, List.of(carol.userId())))).isEqualTo(GroupRefusal.Reason.NOT_ALLOWED);
        assertThat(refusal(bob.groups().setRole(group, alice.userId(), Groups.Role.MEMBER)))
                .isEqualTo(GroupRefusal.Reason.NOT_ALLOWED);
        assertThat(bob.requestsSent("addMembers")).isEqualTo(1);

        ConversationSummary afterSetRole = get(alice.groups().setRole(group, bob.userId(), Groups.Role.ADMIN));
        assertThat(afterSetRole.role()).isEqualTo("owner"); // the caller's own view
        // bob's device hears roleChanged (no summary in it) and fetches the summary into its store.
        await().atMost(WAIT).until(() -> bob.groups().role(group).equals(Optional.of(Groups.Role.ADMIN)));

        ConversationSummary added = get(bob.groups().addMembers(group, List.of(carol.userId())));
        assertThat(added.memberCount()).isEqualTo(3);
        assertThat(bob.store().conversation(group).orElseThrow().summary().memberCount()).isEqualTo(3);
        await().atMost(WAIT).until(() -> carol.groups().role(group).equals(Optional.of(Groups.Role.MEMBER)));
        await().atMost(WAIT).until(() -> alice.store().conversation(group).map(c -> c.summary().memberCount()).orElse(0) == 3);
    }

    @Test
    void aMembersPostToAnAnnouncementGroupIsRefusedTypedAndNothingIsStored() throws Exception {
        Group g = aliceAndBob();
        assertThat(g.bob().groups().mayPost(g.id())).isTrue();

        ConversationSummary announcement = get(g.alice().groups().updateGroup(g.id(), null, Groups.PostPolicy.ADMINS));
        assertThat(announcement.postPolicy()).isEqualTo("admins");
        await().atMost(WAIT).until(() -> !g.bob().groups().mayPost(g.id()));
        assertThat(g.alice().groups().mayPost(g.id())).isTrue();
        assertThat(refusal(g.bob().groups().updateGroup(g.id(), "not mine to rename", null))).isEqualTo(GroupRefusal.Reason.NOT_ALLOWED);

        OutboxEntry refused = g.bob().send(g.id(), "may I?");
        await().atMost(WAIT).until(() -> g.bobSaw().count("STUCK " + refused.clientMessageId()) == 1);
        OutboxEntry.Stuck stuck = g.bob().store().outbox().get(0).stuck();
        assertThat(stuck.code()).isEqualTo(ErrorCode.FORBIDDEN);
        assertThat(GroupRefusal.of(stuck)).contains(GroupRefusal.Reason.ANNOUNCEMENT_ONLY);

        OutboxEntry news = g.alice().send(g.id(), "news from the admin");
        await().atMost(WAIT).until(() -> g.bobSaw().in(g.id()).size() == 1);
        assertThat(texts(g.bobSaw().in(g.id()))).containsExactly("news from the admin");
        assertThat(texts(get(g.alice().api().history(g.id(), null, 10)).messages())).containsExactly("news from the admin");
        assertThat(news.clientMessageId()).isNotEqualTo(refused.clientMessageId());
    }

    @Test
    void aNewTitleReachesTheOtherMembersStoreAndListener() throws Exception {
        Group g = aliceAndBob();
        String title = "renamed " + UUID.randomUUID().toString().substring(0, 6);

        assertThat(get(g.alice().groups().updateGroup(g.id(), title, null)).title()).isEqualTo(title);

        await().atMost(WAIT).until(() -> title.equals(g.bob().store().conversation(g.id()).orElseThrow().summary().title()));
        assertThat(g.bobSaw().conversations).anyMatch(e -> e.conversationId().equals(g.id()) && "settingsChanged".equals(e.change()));
        await().atMost(WAIT).until(() -> held(g.alice(), g.id(), c -> title.equals(c.summary().title())));
    }

    /**
     * 100 users added in one call go as two requests (99 is the most one may name); the group
     * passes 64 and becomes large; a member who does not view it hears of a message by
     * conversationActivity, and the store's lastSeq moves with it.
     */
    @Test
    void addingPastTheSmallLimitGoesInPagesAndMakesTheGroupLargeWithActivityHints() throws Exception {
        Group g = aliceAndBob();
        List<String> crowd = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            crowd.add(UUID.randomUUID().toString());
        }

        ConversationSummary large = get(g.alice().groups().addMembers(g.id(), crowd));

        assertThat(g.alice().requestsSent("addMembers")).isEqualTo(2);
        assertThat(large.tier()).isEqualTo(ConversationSummary.LARGE);
        assertThat(large.memberCount()).isEqualTo(102);
        // g.alice() made the g.id() through the raw api(): her device holds it once the sync this started brings it.
        await().atMost(WAIT).until(() -> held(g.alice(), g.id(), c -> ConversationSummary.LARGE.equals(c.summary().tier())));
        await().atMost(WAIT).until(() -> held(g.bob(), g.id(), c -> ConversationSummary.LARGE.equals(c.summary().tier())));

        g.alice().send(g.id(), "to the crowd");
        await().atMost(WAIT).until(() -> g.bobSaw().activity.stream().anyMatch(e -> e.conversationId().equals(g.id())));
        assertThat(g.bobSaw().activity).filteredOn(e -> e.conversationId().equals(g.id()))
                .allSatisfy(e -> assertThat(e.unreadHint()).isPositive());
        await().atMost(WAIT).until(() -> held(g.bob(), g.id(), c -> c.summary().lastSeq() >= 1));
    }

    /** alice's new group with bob, held by bob's device. */
    private Group aliceAndBob() throws Exception {
        ParleyClient alice = connect("alice", new Recorder());
        Recorder bobSaw = new Recorder();
        ParleyClient bob = connect("bob", bobSaw);
        String group = newGroup(alice, bob);
        await().atMost(WAIT).until(() -> bob.store().conversation(group).isPresent());
        return new Group(alice, bob, bobSaw, group);
    }

    private record Group(ParleyClient alice, ParleyClient bob, Recorder bobSaw, String id) {
    }

    private static boolean held(ParleyClient client, String group, Predicate<StoredConversation> condition) {
        return client.store().conversation(group).filter(condition).isPresent();
    }

    private List<ParleyClient> freshUsers(int count) throws Exception {
        List<ParleyClient> clients = new ArrayList<>();
        for (var tokens : new CrowdUsers(cloud).create(count, "groups-" + UUID.randomUUID().toString().substring(0, 6))) {
            clients.add(connect(new Session(tokens, cloud.cognito), cloud.webSocketUrl, new InMemoryStore(), new Recorder(),
                    options -> { }));
        }
        return clients;
    }

    private static <T> T get(CompletableFuture<T> future) throws Exception {
        return future.get(30, TimeUnit.SECONDS);
    }

    private static GroupRefusal.Reason refusal(CompletableFuture<?> future) {
        Throwable failed = catchThrowable(() -> future.get(30, TimeUnit.SECONDS));
        assertThat(failed).isInstanceOf(ExecutionException.class).hasCauseInstanceOf(GroupRefusal.class);
        GroupRefusal refusal = (GroupRefusal) failed.getCause();
        assertThat(refusal.retryable()).isFalse();
        assertThat(refusal.serverError().serverMessage()).isNotBlank();
        return refusal.reason();
    }
}
