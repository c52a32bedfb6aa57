package dev.parley.client.signal.live;

import dev.parley.client.auth.Session;
import dev.parley.client.signal.SignalCipher;
import dev.parley.client.signal.UndecryptableMessage;
import dev.parley.model.Limits;
import dev.parley.model.v1.ConversationSummary;
import dev.parley.model.v1.MemberInfo;
import dev.parley.model.v1.MessageEvent;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * An end-to-end encrypted group past 64 members over real sockets: its sync lists nobody and no
 * event tells its members of an add, so the sender's SDK finds whom to give its sender key with
 * listMembers (every page), once: it keeps the list with its membership epoch and lists again only
 * when a send naming that epoch is refused (CONFLICT) after a change. A member whose app views the
 * conversation gets and decrypts the message live, one that does not reads it with sync.
 */
@Tag("live")
class LargeGroupLiveTest extends LiveDevices {
    /** Members nobody signs in with (membership is not checked against the directory): past 64 and past one page. */
    private static final int STRANGERS = 100;

    @Test
    void theSenderKeyReachesAMemberFoundOnlyThroughListMembersAndAViewingMemberDecryptsLive() throws Exception {
        Session alice = cloud.newUser("alice");
        Session bob = cloud.newUser("bob");
        Session carol = cloud.newUser("carol");
        LivePhone alice1 = phone(alice, "alice-laptop");
        LivePhone bob1 = phone(bob, "bob-phone");
        LivePhone carol1 = phone(carol, "carol-phone");
        String group = create(alice1, "group", List.of(bob1.userId()));
        List<String> strangers = IntStream.range(0, STRANGERS).mapToObj(i -> UUID.randomUUID().toString()).toList();
        for (int from = 0; from < STRANGERS; from += Limits.MAX_ADD_MEMBERS) {
            LivePhone.get(alice1.client.api().addMembers(group, strangers.subList(from, Math.min(STRANGERS, from + Limits.MAX_ADD_MEMBERS))));
        }
        // Carol joins the large group: the other members' devices are not told of it.
        ConversationSummary large = LivePhone.get(alice1.client.api().addMembers(group, List.of(carol1.userId()))).conversation();
        assertThat(large.tier()).isEqualTo(ConversationSummary.LARGE);
        assertThat(large.memberCount()).isEqualTo(STRANGERS + 3);
        known(group, alice1, bob1, carol1);
        assertThat(alice1.client.store().conversation(group).orElseThrow().members())
                .as("a large group's sync lists no members").doesNotContain(carol1.userId());
        assertThat(LivePhone.get(alice1.client.listMembers(group))).extracting(MemberInfo::userId)
                .hasSize(STRANGERS + 3).contains(alice1.userId(), bob1.userId(), carol1.userId());

        assertThat(LivePhone.get(bob1.client.viewConversation(group)).expiresInMs()).isPositive();
        long bobSyncs = bob1.client.requestsSent("sync");
        long listed = alice1.client.requestsSent("listMembers");
        alice1.client.send(group, "hello, large group");

        shown(group, "hello, large group", bob1);
        assertThat(bob1.client.requestsSent("sync")).as("bob's phone got it live, without a sync").isEqualTo(bobSyncs);
        assertThat(alice1.client.requestsSent("listMembers") - listed).as("the send read both pages of members").isEqualTo(2);
        carol1.client.syncNow();
        shown(group, "hello, large group", carol1);
        for (LivePhone phone : List.of(alice1, bob1, carol1)) {
            assertThat(phone.undecryptable).as(phone.client.deviceId()).isEmpty();
            assertThat(phone.stuck).isEmpty();
        }
        assertThat(bob1.client.store().messages(group, 0, 100)).extracting(MessageEvent::alg).contains(SignalCipher.SENDER_KEY_V1);

        // Still viewing after the view's refresh is due: a second message comes live too.
        bob1.client.stopViewing();
        LivePhone.get(bob1.client.viewConversation(group));
        alice1.client.send(group, "and again");
        shown(group, "and again", bob1);
        assertThat(bob1.client.requestsSent("sync")).isEqualTo(bobSyncs);
        assertThat(alice1.client.requestsSent("listMembers") - listed)
                .as("the second send kept the list: the membership did not change").isEqualTo(2);

        // Dave joins between two sends: the send naming the old epoch is refused, the outbox lists again and dave gets the key.
        Session dave = cloud.newUser("dave");
        LivePhone dave1 = phone(dave, "dave-phone");
        long beforeDave = LivePhone.get(alice1.client.api().addMembers(group, List.of(dave1.userId()))).conversation().lastSeq();
        long sends = alice1.client.requestsSent("sendMessage");
        alice1.client.send(group, "welcome, dave");
        await().atMost(LivePhone.WAIT).until(() -> alice1.client.store().outbox().isEmpty());
        assertThat(alice1.client.requestsSent("listMembers") - listed).as("listed once more, after the CONFLICT").isEqualTo(4);
        assertThat(alice1.client.requestsSent("sendMessage") - sends)
                .as("the refused sender-key send, dave's key batch and the resend").isGreaterThanOrEqualTo(3);
        known(group, dave1);
        shown(group, "welcome, dave", dave1);
        assertThat(alice1.undecryptable).isEmpty();
        assertThat(alice1.stuck).isEmpty();
        assertThat(dave1.undecryptable).extracting(UndecryptableMessage::seq)
                .as("only what was sent before dave joined, under a key he was never given").allMatch(seq -> seq <= beforeDave);
    }
}
