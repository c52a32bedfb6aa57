package dev.parley.it;

import dev.parley.model.v1.Actions;
import dev.parley.model.v1.ListMembersReply;
import dev.parley.model.v1.ListMembersRequest;
import dev.parley.model.v1.MemberInfo;
import org.junit.jupiter.api.Test;

import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * listMembers names the members who have connected (issue 18: a large group's members showed as ids):
 * the three test users are named by their Cognito usernames; a user id nobody signed in with is not.
 */
class MemberNamesTest extends WithThreeUsers {

    @Test
    void a_member_page_carries_the_username_of_every_member_who_has_connected() {
        try (Device a = Device.connect(alice); Device b = Device.connect(bob); Device c = Device.connect(carol)) {
            String stranger = UUID.randomUUID().toString();
            String id = a.createGroup("Names", false, bob.userId(), carol.userId(), stranger).conversationId();

            ListMembersReply page = b.call(Actions.LIST_MEMBERS, new ListMembersRequest(id, null, 100), ListMembersReply.class);

            assertThat(page.members()).containsExactlyInAnyOrder(
                    new MemberInfo(alice.userId(), "owner", alice.username()),
                    new MemberInfo(bob.userId(), "member", bob.username()),
                    new MemberInfo(carol.userId(), "member", carol.username()),
                    new MemberInfo(stranger, "member"));
        }
    }
}
