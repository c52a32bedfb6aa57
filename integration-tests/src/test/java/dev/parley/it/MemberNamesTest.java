package dev.parley.it;

import dev.parley.model.v1.Actions;
import dev.parley.model.v1.ListMembersReply;
import dev.parley.model.v1.ListMembersRequest;
import dev.parley.model.v1.MemberInfo;
import org.junit.jupiter.api.Test;

import java.util.Optional;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

/**
 * listMembers names the members who have connected or signed in (issue 18: a large group's members showed
 * as ids): the three test users are named by their Cognito usernames, an account that signed in but never
 * connected by its own (the user pool trigger wrote it); a user id nobody signed in with is not.
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

    @Test
    void a_member_who_signed_in_but_never_connected_is_named_by_the_user_pool_trigger() {
        Optional<TestUsers.TestUser> signedIn = TestUsers.target().newAccount("named");
        assumeThat(signedIn).as("a target where the tests may create accounts").isPresent();
        TestUsers.TestUser dana = signedIn.orElseThrow();
        try (Device a = Device.connect(alice)) {
            String id = a.createGroup("Named", false, dana.userId()).conversationId();

            ListMembersReply page = a.call(Actions.LIST_MEMBERS, new ListMembersRequest(id, null, 100), ListMembersReply.class);

            assertThat(page.members()).containsExactlyInAnyOrder(
                    new MemberInfo(alice.userId(), "owner", alice.username()),
                    new MemberInfo(dana.userId(), "member", dana.username()));
        }
    }
}
