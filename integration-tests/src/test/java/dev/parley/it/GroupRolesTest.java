package dev.parley.it;

import dev.parley.model.ErrorCode;
import dev.parley.model.Limits;
import dev.parley.model.v1.Actions;
import dev.parley.model.v1.AddMembersRequest;
import dev.parley.model.v1.ConversationEvent;
import dev.parley.model.v1.ConversationReply;
import dev.parley.model.v1.ConversationSummary;
import dev.parley.model.v1.MemberInfo;
import dev.parley.model.v1.RemoveMembersRequest;
import dev.parley.model.v1.SendMessageRequest;
import dev.parley.model.v1.SetRoleRequest;
import dev.parley.model.v1.UpdateGroupRequest;
import dev.parley.model.v1.ViewConversationReply;
import dev.parley.model.v1.ViewConversationRequest;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Roles and announcement groups over real sockets (issue 18 item 5): the owner appoints admins, only admins change a
 * group's settings, and in an admins-only group a plain member's send is FORBIDDEN with nothing stored, on both tiers.
 */
class GroupRolesTest extends WithThreeUsers {

    private static SendMessageRequest text(String id, String body) {
        return new SendMessageRequest(id, Device.uniqueId("m"), body, null, null, null, null);
    }

    private static ConversationSummary setRole(Device caller, String id, String userId, String role) {
        return caller.call(Actions.SET_ROLE, new SetRoleRequest(id, userId, role), ConversationReply.class).conversation();
    }

    private static ConversationSummary announce(Device caller, String id, String policy) {
        return caller.call(Actions.UPDATE_GROUP, new UpdateGroupRequest(id, null, policy), ConversationReply.class).conversation();
    }

    /** Alice's group with bob and carol, made large by adding strangers (ids nobody signs in with). */
    private static String largeGroup(Device alice) {
        String id = alice.createGroup("Large", false, bob.userId(), carol.userId()).conversationId();
        List<String> strangers = IntStream.range(0, Limits.MAX_MEMBERS).mapToObj(i -> UUID.randomUUID().toString()).toList();
        ConversationSummary after = alice.call(Actions.ADD_MEMBERS, new AddMembersRequest(id, strangers), ConversationReply.class)
                .conversation();
        assertThat(after.tier()).isEqualTo("large");
        return id;
    }

    @Test
    void the_owner_appoints_an_admin_who_may_then_add_and_only_the_owner_changes_roles() {
        try (Device a = Device.connect(alice); Device b = Device.connect(bob); Device c = Device.connect(carol)) {
            ConversationSummary group = a.createGroup("Roles", false, bob.userId(), carol.userId());
            String id = group.conversationId();
            assertThat(group.role()).isEqualTo("owner");

            b.refused(Actions.SET_ROLE, new SetRoleRequest(id, bob.userId(), "admin"), ErrorCode.FORBIDDEN);
            setRole(a, id, bob.userId(), "admin");
            ConversationEvent changed = c.awaitConversationEvent(id, "roleChanged");
            assertThat(changed.members()).containsExactly(bob.userId());
            assertThat(a.get(id).members()).contains(new MemberInfo(alice.userId(), "owner"), new MemberInfo(bob.userId(), "admin"));

            b.refused(Actions.SET_ROLE, new SetRoleRequest(id, carol.userId(), "admin"), ErrorCode.FORBIDDEN);
            b.refused(Actions.REMOVE_MEMBERS, new RemoveMembersRequest(id, List.of(alice.userId())), ErrorCode.FORBIDDEN);
            b.call(Actions.REMOVE_MEMBERS, new RemoveMembersRequest(id, List.of(carol.userId())), ConversationReply.class);
            a.refused(Actions.SET_ROLE, new SetRoleRequest(id, alice.userId(), "member"), ErrorCode.BAD_REQUEST);
            a.refused(Actions.SET_ROLE, new SetRoleRequest(id, carol.userId(), "admin"), ErrorCode.BAD_REQUEST);
            a.refused(Actions.SET_ROLE, new SetRoleRequest(id, bob.userId(), "emperor"), ErrorCode.BAD_REQUEST);

            assertThat(setRole(a, id, bob.userId(), "owner").role()).isEqualTo("admin");
            assertThat(b.get(id).conversation().role()).isEqualTo("owner");
            a.assertAlive();
            b.assertAlive();
        }
    }

    @Test
    void in_a_small_announcement_group_a_member_is_refused_with_nothing_stored_and_an_admin_posts() {
        try (Device a = Device.connect(alice); Device b = Device.connect(bob); Device c = Device.connect(carol)) {
            String id = a.createGroup("News", false, bob.userId(), carol.userId()).conversationId();
            c.refused(Actions.UPDATE_GROUP, new UpdateGroupRequest(id, null, "admins"), ErrorCode.FORBIDDEN);
            assertThat(announce(a, id, "admins").postPolicy()).isEqualTo("admins");
            b.awaitConversationEvent(id, "settingsChanged");

            b.refused(Actions.SEND_MESSAGE, text(id, "may I?"), ErrorCode.FORBIDDEN);
            assertThat(a.lastSeq(id)).isZero();

            long seq = a.send(id, Device.uniqueId("news"), "announcement").seq();
            b.awaitMessage(id, seq);
            setRole(a, id, carol.userId(), "admin");
            long fromCarol = c.send(id, Device.uniqueId("admin"), "from an admin").seq();
            b.awaitMessage(id, fromCarol);

            announce(a, id, "everyone");
            assertThat(b.send(id, Device.uniqueId("open"), "open again").seq()).isEqualTo(fromCarol + 1);
            b.assertAlive();
        }
    }

    @Test
    void in_a_large_announcement_group_a_member_is_refused_and_an_appointed_admin_posts() {
        try (Device a = Device.connect(alice); Device b = Device.connect(bob); Device c = Device.connect(carol)) {
            String id = largeGroup(a);
            c.call(Actions.VIEW_CONVERSATION, new ViewConversationRequest(id, null), ViewConversationReply.class);
            announce(a, id, "admins");

            b.refused(Actions.SEND_MESSAGE, text(id, "may I?"), ErrorCode.FORBIDDEN);
            assertThat(a.lastSeq(id)).isZero();

            setRole(a, id, bob.userId(), "admin");
            b.awaitConversationEvent(id, "roleChanged");
            long seq = b.send(id, Device.uniqueId("admin"), "from an admin").seq();
            c.awaitMessage(id, seq);
            setRole(a, id, bob.userId(), "member");
            b.refused(Actions.SEND_MESSAGE, text(id, "again?"), ErrorCode.FORBIDDEN);
            assertThat(a.lastSeq(id)).isEqualTo(seq);
            b.assertAlive();
        }
    }
}
