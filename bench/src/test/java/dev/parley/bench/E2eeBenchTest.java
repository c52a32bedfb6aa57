package dev.parley.bench;

import dev.parley.model.Limits;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The E2EE workloads' flags: the group size within the cap, and the other flags left to the other parsers. */
class E2eeBenchTest {

    @Test
    void the_group_defaults_to_the_cap_and_w11_takes_four_users_of_its_own() {
        assertThat(E2eeBench.parse(new String[0]).users()).isEqualTo(4 + Limits.MAX_MEMBERS);
        assertThat(E2eeBench.parse(new String[] {"--e2ee-only", "--e2ee-group", "8"}).users()).isEqualTo(12);
    }

    @Test
    void a_group_size_outside_3_to_the_cap_is_a_usage_error() {
        for (String size : new String[] {"2", String.valueOf(Limits.MAX_E2EE_GROUP_MEMBERS + 1), "x"}) {
            assertThatThrownBy(() -> E2eeBench.parse(new String[] {"--e2ee-group", size}))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("--e2ee-group");
        }
        assertThatThrownBy(() -> E2eeBench.parse(new String[] {"--e2ee-group"})).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void its_own_flags_are_taken_out_before_the_other_parsers_see_the_arguments() {
        assertThat(E2eeBench.otherFlags(new String[] {"--sends", "60", "--e2ee-group", "8", "--e2ee-only", "--allow-skip"}))
                .containsExactly("--sends", "60", "--allow-skip");
    }
}
