package dev.parley.bench;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The scaling workloads' flags: W8's warm-up among them, and what is left for the other options. */
class ScalingWorkloadsTest {

    @Test
    void w8_warms_up_with_ten_messages_per_sender_unless_told_otherwise() {
        assertThat(ScalingWorkloads.parse(new String[]{"--w8-only"}).warmUp()).isEqualTo(10);
        ScalingWorkloads parsed = ScalingWorkloads.parse(new String[]{"--w8-warm-up", "0", "--w8-messages", "60", "--w8-tier", "small"});
        assertThat(parsed.warmUp()).isZero();
        assertThat(parsed.perSender()).isEqualTo(60);
        assertThat(parsed.tiers()).containsExactly(ContentionWorkload.Tier.SMALL);
    }

    @Test
    void a_negative_warm_up_is_refused() {
        assertThatThrownBy(() -> ScalingWorkloads.parse(new String[]{"--w8-warm-up", "-1"}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("warm-up");
    }

    @Test
    void the_warm_up_flag_and_its_value_are_not_left_for_the_other_options() {
        assertThat(ScalingWorkloads.otherFlags(new String[]{"--w8-only", "--w8-warm-up", "5", "--allow-skip"}))
                .containsExactly("--allow-skip");
    }
}
