package dev.parley.functions.adapter.dynamodb;

import dev.parley.functions.adapter.aws.AwsCallCounter;
import dev.parley.functions.adapter.aws.AwsClients;
import dev.parley.functions.domain.conversation.Conversation;
import dev.parley.functions.domain.conversation.ConversationId;
import dev.parley.functions.domain.conversation.ConversationRepository.Consistency;
import dev.parley.functions.domain.conversation.ConversationRepository.Outcome;
import dev.parley.functions.domain.conversation.Invite;
import dev.parley.functions.domain.conversation.InviteUse;
import dev.parley.functions.domain.conversation.Kind;
import dev.parley.functions.domain.conversation.MembershipChange;
import dev.parley.functions.testing.ConversationTables;
import dev.parley.functions.testing.MessagesTable;
import dev.parley.functions.testing.MotoServer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** Invite links against a real moto server: the documented item, paging by id, and a join's use conditions. */
class DynamoDbInvitesTest {
    @RegisterExtension
    static final MotoServer MOTO = new MotoServer();
    private static final Instant NOW = Instant.parse("2026-03-01T12:00:00.123Z");

    private static DynamoDbClient dynamoDb;
    private static String messagesTable;
    private static DynamoDbConversationRepository conversations;
    private static DynamoDbInvites invites;

    @BeforeAll
    static void createTables() {
        dynamoDb = new AwsClients("us-east-1", new AwsCallCounter()).dynamoDb();
        messagesTable = MessagesTable.create(dynamoDb);
        conversations = new DynamoDbConversationRepository(dynamoDb, messagesTable, ConversationTables.memberships(dynamoDb));
        invites = new DynamoDbInvites(dynamoDb, messagesTable);
    }

    private static Conversation group(String admin) {
        Conversation group = Conversation.created(ConversationId.newGroup(), Kind.GROUP, null, false, Set.of(admin), Set.of(admin), NOW, admin);
        conversations.create(group);
        return group;
    }

    private static Invite invite(String conversationId, long id, String by, int maxUses) {
        return new Invite(conversationId, id, "ab".repeat(32), by, NOW, NOW.plus(Duration.ofHours(1)), maxUses, 0, false);
    }

    private static Outcome join(Invite invite, String userId, Instant at, String hash) {
        return conversations.apply(new MembershipChange.Add(invite.conversationId(), invite.createdBy(), Set.of(userId), 64, at),
                new InviteUse(invite.conversationId(), invite.inviteId(), hash, at));
    }

    @Test
    void an_invite_is_stored_beside_its_group_read_back_and_paged_by_id() {
        String alice = "alice-" + UUID.randomUUID();
        String id = group(alice).conversationId();
        for (long inviteId : new long[] {30, 10, 20}) {
            assertThat(invites.create(invite(id, inviteId, alice, 5))).isEqualTo(Outcome.APPLIED);
        }
        assertThat(invites.create(invite(id, 10, alice, 5))).isEqualTo(Outcome.REFUSED);

        Map<String, AttributeValue> item = dynamoDb.getItem(get -> get.tableName(messagesTable).key(Map.of(
                "conversationId", AttributeValue.fromS("invite#" + id), "seq", AttributeValue.fromN("10")))).item();
        assertThat(item).containsKeys("secretHash", "createdBy", "createdAt", "validUntil", "expiresAt", "maxUses", "uses")
                .doesNotContainKey("revoked");
        assertThat(item.get("expiresAt").n()).isEqualTo(Long.toString(NOW.plus(Duration.ofHours(1)).getEpochSecond() + 1));
        assertThat(invites.find(id, 10)).contains(invite(id, 10, alice, 5));
        assertThat(invites.find(id, 11)).isEmpty();

        var first = invites.list(id, null, 2);
        assertThat(first.invites()).extracting(Invite::inviteId).containsExactly(10L, 20L);
        assertThat(first.hasMore()).isTrue();
        var rest = invites.list(id, 20L, 2);
        assertThat(rest.invites()).extracting(Invite::inviteId).containsExactly(30L);
        assertThat(rest.hasMore()).isFalse();
        assertThat(conversations.find(id, Consistency.STRONG).orElseThrow().members()).containsExactly(alice);
    }

    @Test
    void a_join_counts_its_use_in_the_same_write_and_is_refused_with_nothing_written_when_the_invite_no_longer_admits() {
        String alice = "alice-" + UUID.randomUUID();
        String id = group(alice).conversationId();
        Invite invite = invite(id, 7, alice, 1);
        invites.create(invite);

        assertThat(join(invite, "eve", NOW, "cd".repeat(32))).isEqualTo(Outcome.REFUSED);
        assertThat(join(invite, "eve", NOW.plus(Duration.ofHours(1)), invite.secretHash())).isEqualTo(Outcome.REFUSED);
        assertThat(join(invite, "bob", NOW, invite.secretHash())).isEqualTo(Outcome.APPLIED);
        assertThat(invites.find(id, 7).orElseThrow().uses()).isEqualTo(1);
        assertThat(join(invite, "carol", NOW, invite.secretHash())).isEqualTo(Outcome.REFUSED);

        Invite open = invite(id, 8, alice, 10);
        invites.create(open);
        assertThat(invites.revoke(id, 8)).isEqualTo(Outcome.APPLIED);
        assertThat(invites.revoke(id, 9)).isEqualTo(Outcome.REFUSED);
        assertThat(join(open, "dave", NOW, open.secretHash())).isEqualTo(Outcome.REFUSED);
        assertThat(invites.find(id, 8).orElseThrow().revoked()).isTrue();

        Invite notAdmins = invite(id, 9, "bob", 10);
        invites.create(notAdmins);
        assertThat(join(notAdmins, "dave", NOW, notAdmins.secretHash())).isEqualTo(Outcome.REFUSED);
        assertThat(conversations.find(id, Consistency.STRONG).orElseThrow().members()).containsExactlyInAnyOrder(alice, "bob");
    }
}
