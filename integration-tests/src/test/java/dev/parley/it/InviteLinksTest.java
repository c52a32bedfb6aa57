package dev.parley.it;

import dev.parley.model.ErrorCode;
import dev.parley.model.v1.Actions;
import dev.parley.model.v1.ConversationEvent;
import dev.parley.model.v1.ConversationReply;
import dev.parley.model.v1.ConversationSummary;
import dev.parley.model.v1.CreateInviteReply;
import dev.parley.model.v1.CreateInviteRequest;
import dev.parley.model.v1.JoinByInviteRequest;
import dev.parley.model.v1.ListInvitesReply;
import dev.parley.model.v1.ListInvitesRequest;
import dev.parley.model.v1.RevokeInviteReply;
import dev.parley.model.v1.RevokeInviteRequest;
import org.junit.jupiter.api.Test;

import java.util.concurrent.locks.LockSupport;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Invite links over real sockets (issue 18 item 5): an admin makes a link, whoever holds it joins, and expiry,
 * revocation, maximum uses, a wrong or malformed token and a non-admin creator are refused as documented.
 */
class InviteLinksTest extends WithThreeUsers {

    private static CreateInviteReply invite(Device admin, String id, Long seconds, Integer maxUses) {
        return admin.call(Actions.CREATE_INVITE, new CreateInviteRequest(id, seconds, maxUses), CreateInviteReply.class);
    }

    private static ConversationSummary join(Device device, String token) {
        return device.call(Actions.JOIN_BY_INVITE, new JoinByInviteRequest(token), ConversationReply.class).conversation();
    }

    /** The refusal's {@code details.reason} for apps, and its message for people; returns the message. */
    private static String assertRefusedBecause(Device device, String token, String reason, String wording) {
        var error = device.refused(Actions.JOIN_BY_INVITE, new JoinByInviteRequest(token), ErrorCode.FORBIDDEN);
        assertThat(error.details()).as("details of " + error.message()).isNotNull();
        assertThat(error.details().path("reason").asText()).isEqualTo(reason);
        assertThat(error.message()).contains(wording);
        return error.message();
    }

    @Test
    void a_holder_of_the_link_joins_the_members_are_told_and_a_second_join_counts_no_use() {
        try (Device a = Device.connect(alice); Device b = Device.connect(bob); Device c = Device.connect(carol)) {
            String id = a.createGroup("Invites", false, bob.userId()).conversationId();
            CreateInviteReply invite = invite(a, id, null, 2);
            assertThat(invite.maxUses()).isEqualTo(2);

            ConversationSummary joined = join(c, invite.token());
            assertThat(joined.conversationId()).isEqualTo(id);
            assertThat(joined.role()).isEqualTo("member");
            ConversationEvent added = b.awaitConversationEvent(id, "membersAdded");
            assertThat(added.members()).containsExactly(carol.userId());
            assertThat(join(c, invite.token()).conversationId()).isEqualTo(id);

            ListInvitesReply listed = a.call(Actions.LIST_INVITES, new ListInvitesRequest(id, null, null), ListInvitesReply.class);
            assertThat(listed.invites()).singleElement().satisfies(info -> {
                assertThat(info.inviteId()).isEqualTo(invite.inviteId());
                assertThat(info.uses()).isEqualTo(1);
                assertThat(info.createdBy()).isEqualTo(alice.userId());
            });
            c.assertAlive();
        }
    }

    @Test
    void revoked_used_up_wrong_and_malformed_links_are_refused_and_only_admins_make_them() {
        try (Device a = Device.connect(alice); Device b = Device.connect(bob); Device c = Device.connect(carol)) {
            String id = a.createGroup("Guarded", false).conversationId();
            b.refused(Actions.CREATE_INVITE, new CreateInviteRequest(id, null, null), ErrorCode.NOT_FOUND);
            CreateInviteReply once = invite(a, id, null, 1);
            join(b, once.token());
            b.refused(Actions.CREATE_INVITE, new CreateInviteRequest(id, null, null), ErrorCode.FORBIDDEN);
            assertRefusedBecause(c, once.token(), "usedUp", "used");

            CreateInviteReply revoked = invite(a, id, null, null);
            assertThat(a.call(Actions.REVOKE_INVITE, new RevokeInviteRequest(id, revoked.inviteId()), RevokeInviteReply.class)
                    .revoked()).isTrue();
            assertRefusedBecause(c, revoked.token(), "revoked", "revoked");

            String wrong = revoked.token().substring(0, revoked.token().lastIndexOf('.') + 1) + "A".repeat(43);
            String unknown = id + ".42." + "A".repeat(43);
            String wrongMessage = assertRefusedBecause(c, wrong, "notValid", "not valid");
            assertThat(assertRefusedBecause(c, unknown, "notValid", "not valid")).isEqualTo(wrongMessage);
            c.refused(Actions.JOIN_BY_INVITE, new JoinByInviteRequest("not-a-token"), ErrorCode.BAD_REQUEST);
            c.refused(Actions.CREATE_INVITE, new CreateInviteRequest(id, 0L, null), ErrorCode.BAD_REQUEST);
            c.assertAlive();
        }
    }

    @Test
    void an_expired_link_is_refused() {
        try (Device a = Device.connect(alice); Device c = Device.connect(carol)) {
            String id = a.createGroup("Brief", false).conversationId();
            CreateInviteReply invite = invite(a, id, 1L, null);

            // The condition is the clock passing the invite's expiry; local-env's functions share this machine's clock.
            while (System.currentTimeMillis() <= invite.expiresAt()) {
                LockSupport.parkUntil(invite.expiresAt() + 1);
            }
            assertRefusedBecause(c, invite.token(), "expired", "expired");
            assertThat(a.get(id).members()).hasSize(1);
        }
    }
}
