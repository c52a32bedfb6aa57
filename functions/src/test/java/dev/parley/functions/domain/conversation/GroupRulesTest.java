package dev.parley.functions.domain.conversation;

import dev.parley.functions.domain.Failure;
import dev.parley.functions.domain.FailureException;
import dev.parley.model.Limits;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** The E2EE group cap on its own: an encrypted group may become large, up to Signal's 1,000 members. */
class GroupRulesTest {

    @Test
    void an_end_to_end_encrypted_group_past_the_cap_is_limit_exceeded_and_one_at_the_cap_is_not() {
        assertThatCode(() -> GroupRules.requireE2eeGroupSize(true, Limits.MAX_E2EE_GROUP_MEMBERS)).doesNotThrowAnyException();

        FailureException refused = catchThrowableOfType(FailureException.class,
                () -> GroupRules.requireE2eeGroupSize(true, Limits.MAX_E2EE_GROUP_MEMBERS + 1));

        assertThat(refused.failure()).isInstanceOfSatisfying(Failure.LimitExceeded.class,
                exceeded -> assertThat(exceeded.message()).contains("end-to-end encrypted", "1000", "1001"));
        assertThat(Limits.MAX_E2EE_GROUP_MEMBERS).isEqualTo(1_000).isGreaterThan(Limits.MAX_MEMBERS);
    }

    @Test
    void a_group_without_encryption_is_not_held_to_the_e2ee_cap() {
        assertThatCode(() -> GroupRules.requireE2eeGroupSize(false, Limits.MAX_E2EE_GROUP_MEMBERS + 1)).doesNotThrowAnyException();
    }
}
