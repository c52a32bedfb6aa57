package dev.parley.localenv;

import dev.parley.localenv.gateway.GatewaySettings;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** PARLEY_REQUEST_QUOTA and PARLEY_REQUEST_QUOTA_BURST, as ./parley local reads them (docs/local-env.md). */
class RequestQuotaSettingTest {

    @Test
    void unset_is_no_quota_a_number_is_that_rate_with_half_as_burst_and_aws_is_aws_s_default() {
        assertThat(LocalCloud.requestQuota(Map.of())).isEqualTo(GatewaySettings.Quota.OFF);
        assertThat(LocalCloud.requestQuota(Map.of("PARLEY_REQUEST_QUOTA", "20"))).isEqualTo(new GatewaySettings.Quota(20, 10));
        assertThat(LocalCloud.requestQuota(Map.of("PARLEY_REQUEST_QUOTA", "aws"))).isEqualTo(new GatewaySettings.Quota(10_000, 5_000));
        assertThat(LocalCloud.requestQuota(Map.of("PARLEY_REQUEST_QUOTA", "20", "PARLEY_REQUEST_QUOTA_BURST", "1")))
                .isEqualTo(new GatewaySettings.Quota(20, 1));
    }

    @Test
    void a_value_that_is_not_a_whole_number_is_refused_naming_the_variable() {
        assertThatThrownBy(() -> LocalCloud.requestQuota(Map.of("PARLEY_REQUEST_QUOTA", "fast")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("PARLEY_REQUEST_QUOTA");
        assertThatThrownBy(() -> LocalCloud.requestQuota(Map.of("PARLEY_REQUEST_QUOTA", "-3")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> LocalCloud.requestQuota(Map.of("PARLEY_REQUEST_QUOTA", "20", "PARLEY_REQUEST_QUOTA_BURST", "many")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("PARLEY_REQUEST_QUOTA_BURST");
    }
}
