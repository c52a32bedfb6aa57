package dev.parley.cli;

import dev.parley.model.v1.ConversationSummary;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** How the chat describes a group: the tier decides what the user is told to expect. */
class GroupCommandsTest {

    @Test
    void aLargeAnnouncementGroupSaysItHasNoPerMemberReceiptsAndWhoMayPost() {
        ConversationSummary large = new ConversationSummary("g_5b1f0c2e9d4a4f6e8a7b3c2d1e0f9a8b", "group", "news", false, 1204,
                9, 1, 0, "member", ConversationSummary.LARGE, "admins");

        assertThat(GroupCommands.details(large)).isEqualTo(
                "1204 members, large group (no per-member receipts, no typing), you: member, announcement group: only admins post");
        assertThat(GroupCommands.listed(large)).isEqualTo(" \u00b7 large, 1204 members, announcements");
    }

    @Test
    void aSmallGroupListsItsMemberCountAndADirectChatNothing() {
        ConversationSummary small = new ConversationSummary("g_5b1f0c2e9d4a4f6e8a7b3c2d1e0f9a8b", "group", "crew", false, 3,
                9, 1, 0, "admin", ConversationSummary.SMALL, "everyone");
        ConversationSummary direct = new ConversationSummary("d_3f9a1c0e5b7d2e4f6a8b0c1d2e3f4a5b", "direct", null, false, 2,
                9, 1, 0, "member", ConversationSummary.SMALL);

        assertThat(GroupCommands.details(small)).isEqualTo("3 members, small group, you: admin");
        assertThat(GroupCommands.listed(small)).isEqualTo(" \u00b7 3 members");
        assertThat(GroupCommands.listed(direct)).isEmpty();
    }

    @Test
    void onlyTheGroupCommandsAreHandledHere() {
        assertThat(GroupCommands.handles("/invite --uses 3")).isTrue();
        assertThat(GroupCommands.handles("/invites")).isTrue();
        assertThat(GroupCommands.handles("/join g_x.1.y")).isTrue();
        assertThat(GroupCommands.handles("/list")).isFalse();
        assertThat(GroupCommands.handles("/inviter")).isFalse();
    }
}
