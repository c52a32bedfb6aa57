package dev.parley.functions.domain.push;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** What every {@link PushCollapse} does, run against the in-memory fake and against DynamoDB (moto). */
public abstract class PushCollapseContract {
    private static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");
    private static final Instant UNTIL = NOW.plus(DeliverMentionPushes.COLLAPSE);

    protected abstract PushCollapse collapse();

    /** A conversation no other test touches, so tests can share one table. */
    private static String newConversation() {
        return "g_" + UUID.randomUUID().toString().replace("-", "");
    }

    @Test
    void a_member_gets_one_claim_per_window_whichever_message_asks_and_a_fresh_one_once_it_ends() {
        String conversation = newConversation();

        boolean first = collapse().claim(conversation, "bob", 5, NOW, UNTIL);
        boolean later = collapse().claim(conversation, "bob", 9, NOW.plusSeconds(60), NOW.plusSeconds(60).plus(DeliverMentionPushes.COLLAPSE));
        boolean atTheLastMillisecond = collapse().claim(conversation, "bob", 10, UNTIL.minusMillis(1), UNTIL.plusSeconds(299));
        boolean afterwards = collapse().claim(conversation, "bob", 11, UNTIL, UNTIL.plus(DeliverMentionPushes.COLLAPSE));

        assertThat(first).isTrue();
        assertThat(later).isFalse();
        assertThat(atTheLastMillisecond).isFalse();
        assertThat(afterwards).isTrue();
    }

    @Test
    void the_same_message_claims_again_so_a_retried_job_still_pushes() {
        String conversation = newConversation();
        collapse().claim(conversation, "bob", 5, NOW, UNTIL);

        assertThat(collapse().claim(conversation, "bob", 5, NOW.plusSeconds(30), UNTIL.plusSeconds(30))).isTrue();
        assertThat(collapse().claim(conversation, "bob", 6, NOW.plusSeconds(31), UNTIL.plusSeconds(31))).isFalse();
    }

    @Test
    void each_member_and_each_conversation_has_its_own_window() {
        String conversation = newConversation();
        String other = newConversation();
        collapse().claim(conversation, "bob", 5, NOW, UNTIL);

        assertThat(collapse().claim(conversation, "carol", 5, NOW, UNTIL)).isTrue();
        assertThat(collapse().claim(other, "bob", 1, NOW, UNTIL)).isTrue();
        assertThat(collapse().claim(conversation, "bob", 6, NOW, UNTIL)).isFalse();
    }
}
