package dev.parley.functions.domain.viewing;

import dev.parley.functions.domain.conversation.ConversationId;
import dev.parley.functions.domain.delivery.Recipient;
import dev.parley.functions.domain.viewing.ActivityRounds.Round;
import dev.parley.functions.domain.viewing.ReadCursors.ReadMark;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/** Which socket an activity round tells, rule by rule, against the previous round at seq 40. */
class ActivityHintsTest {
    private static final String TEAM = ConversationId.newGroup();
    private static final String OTHER = ConversationId.newGroup();
    /** The previous round: 30 s into one of the team's refresh windows. */
    private static final Instant PREVIOUS = ActivityHints.nextWindow(TEAM, Instant.parse("2026-12-07T07:00:00Z")).plusSeconds(30);
    private static final Instant NOW = PREVIOUS.plusSeconds(30);
    private static final Round SINCE = new Round(PREVIOUS, 40);
    private static final Recipient PHONE = new Recipient("bob", "conn-bob", "phone");
    private static final Instant LONG_AGO = PREVIOUS.minusSeconds(3600);
    /** Bob's socket, connected an hour ago, viewing nothing since. */
    private static final Watcher QUIET = new Watcher(PHONE, null, null, LONG_AGO);
    /** Bob has read up to 25 (he was told of 40 by the previous round, or an earlier one), joined an hour ago. */
    private static final ReadMark BEHIND = new ReadMark(25, LONG_AGO);

    private static boolean tells(Watcher watcher, ReadMark mark) {
        return ActivityHints.tells(TEAM, ActivityHints.since(TEAM, new Round(PREVIOUS, 40), NOW), watcher, mark);
    }

    @Test
    void a_socket_with_a_hint_outstanding_is_not_told_again() {
        assertThat(ActivityHints.since(TEAM, SINCE, NOW)).isEqualTo(SINCE);
        assertThat(tells(QUIET, BEHIND)).isFalse();
        assertThat(tells(QUIET, new ReadMark(39, LONG_AGO))).as("read all but the last it was told of").isFalse();
    }

    @Test
    void a_member_who_read_up_to_the_previous_rounds_seq_starts_a_new_episode_on_every_device() {
        ReadMark caughtUp = new ReadMark(40, LONG_AGO);
        assertThat(tells(QUIET, caughtUp)).isTrue();
        assertThat(tells(new Watcher(new Recipient("bob", "conn-bob-laptop", "laptop"), null, null, LONG_AGO), caughtUp))
                .as("the cursor is the member's: every device of theirs").isTrue();
        assertThat(tells(QUIET, new ReadMark(41, LONG_AGO))).isTrue();
    }

    @Test
    void a_member_who_never_read_counts_as_having_read_nothing() {
        assertThat(tells(QUIET, new ReadMark(0, LONG_AGO))).isFalse();
    }

    @Test
    void a_socket_connected_or_a_member_joined_since_the_previous_round_is_told() {
        assertThat(tells(new Watcher(PHONE, null, null, PREVIOUS.plusSeconds(1)), BEHIND)).isTrue();
        assertThat(tells(new Watcher(PHONE, null, null, PREVIOUS), BEHIND)).as("at the round's own instant").isTrue();
        assertThat(tells(new Watcher(PHONE, null, null, PREVIOUS.minusMillis(1)), BEHIND)).isFalse();
        assertThat(tells(QUIET, new ReadMark(0, PREVIOUS.plusSeconds(5)))).as("joined after it").isTrue();
    }

    @Test
    void a_socket_that_viewed_this_conversation_since_the_previous_round_began_is_told_what_came_after() {
        assertThat(tells(new Watcher(PHONE, TEAM, PREVIOUS.plusSeconds(10)), BEHIND)).as("stopped viewing since").isTrue();
        assertThat(tells(new Watcher(PHONE, TEAM, PREVIOUS.minusSeconds(1)), BEHIND)).as("stopped before it").isFalse();
        assertThat(tells(new Watcher(PHONE, OTHER, NOW.plusSeconds(60)), BEHIND))
                .as("viewing another conversation says nothing of this one").isFalse();
    }

    @Test
    void a_member_whose_row_is_not_readable_yet_is_told_rather_than_missed() {
        assertThat(tells(QUIET, null)).isTrue();
    }

    @Test
    void the_first_round_a_round_after_a_quiet_spell_and_the_first_of_each_refresh_window_tell_everyone() {
        assertThat(ActivityHints.since(TEAM, null, NOW)).as("the conversation's first round").isNull();
        assertThat(ActivityHints.tells(TEAM, null, QUIET, BEHIND)).isTrue();
        assertThat(ActivityHints.since(TEAM, new Round(NOW.minus(ActivityHints.REFRESH), 40), NOW)).as("quiet for REFRESH").isNull();
        Instant nextWindow = ActivityHints.nextWindow(TEAM, NOW);
        assertThat(ActivityHints.since(TEAM, new Round(nextWindow.minusSeconds(20), 40), nextWindow.plusSeconds(10)))
                .as("the first round of a window, in a busy conversation").isNull();
        assertThat(ActivityHints.since(TEAM, new Round(nextWindow, 40), nextWindow.plusSeconds(30))).isNotNull();
    }

    @Test
    void refresh_windows_are_offset_per_conversation_and_one_refresh_long() {
        Instant at = Instant.parse("2026-12-07T07:00:00Z");
        Instant window = ActivityHints.nextWindow(TEAM, at);
        assertThat(window).isBetween(at, at.plus(ActivityHints.REFRESH));
        assertThat(ActivityHints.nextWindow(TEAM, window)).isEqualTo(window);
        assertThat(ActivityHints.nextWindow(TEAM, window.plusMillis(1))).isEqualTo(window.plus(ActivityHints.REFRESH));
        assertThat(ActivityHints.nextWindow("g_00000000000000000000000000000001", at))
                .isNotEqualTo(ActivityHints.nextWindow("g_00000000000000000000000000000002", at));
    }
}
