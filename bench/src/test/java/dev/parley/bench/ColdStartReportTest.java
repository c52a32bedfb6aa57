package dev.parley.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The cold-start verdict must be able to fail: a ratio just over the target, a failed run, a function never measured. */
class ColdStartReportTest {
    private static final List<Long> FLOOR = List.of(1000L, 1000L, 1000L, 1000L, 1000L, 1000L, 1000L);

    @Test
    void a_paired_ratio_of_1_251_misses_a_target_of_1_25_though_it_prints_as_1_25_at_two_places() {
        ColdStartReport over = report(Map.of("sync", List.of(1251L, 1251L, 1251L, 1251L, 1251L, 1251L, 1251L)));
        ColdStartReport at = report(Map.of("sync", List.of(1250L, 1250L, 1250L, 1250L, 1250L, 1250L, 1250L)));

        assertThat(over.pairedRatio("sync")).hasValue(1.251);
        assertThat(over.met()).isFalse();
        assertThat(over.table()).contains("1.251").contains("MISSED");
        assertThat(at.met()).isTrue();
        assertThat(at.table()).contains("met").contains("Every function met the target.");
    }

    @Test
    void the_ratio_is_the_median_of_per_run_ratios_so_a_slow_pair_moves_both_halves_together() {
        Map<String, List<Long>> millis = new LinkedHashMap<>();
        millis.put(ColdStartReport.FLOOR, List.of(1000L, 1000L, 1000L, 3000L, 3000L, 3000L, 3000L));
        millis.put("sync", List.of(1200L, 1200L, 1200L, 3600L, 3600L, 3600L, 3600L));

        ColdStartReport report = report(millis);

        assertThat(report.pairedRatio("sync")).hasValue(1.2);
        assertThat(report.met()).isTrue();
    }

    @Test
    void a_failed_run_fails_its_function_however_fast_the_other_runs_were() {
        ColdStartReport report = report(Map.of("sendMessage", Arrays.asList(900L, 900L, null, 900L, 900L, 900L, 900L)));

        assertThat(report.met("sendMessage")).isFalse();
        assertThat(report.met()).isFalse();
        assertThat(report.table()).contains("FAIL: 1 runs failed");
    }

    @Test
    void a_function_with_no_measurement_at_all_fails_and_a_failed_floor_run_fails_every_function() {
        ColdStartReport unmeasured = report(Map.of("authorizer", List.of()));
        Map<String, List<Long>> floorFailed = new LinkedHashMap<>();
        floorFailed.put(ColdStartReport.FLOOR, Arrays.asList(1000L, null, 1000L, 1000L, 1000L, 1000L, 1000L));
        floorFailed.put("sync", List.of(1000L, 1000L, 1000L, 1000L, 1000L, 1000L, 1000L));

        assertThat(unmeasured.met()).isFalse();
        assertThat(unmeasured.pairedRatio("authorizer")).isEmpty();
        assertThat(unmeasured.table()).contains("FAIL: 7 runs failed");
        assertThat(report(floorFailed).met()).isFalse();
    }

    @Test
    void the_event_serialization_row_is_shown_but_held_to_no_target() {
        Map<String, List<Long>> millis = new LinkedHashMap<>();
        millis.put("sync", List.of(1100L, 1100L, 1100L, 1100L, 1100L, 1100L, 1100L));
        millis.put(ColdStartReport.EVENT_SERDE, List.of(1600L, 1600L, 1600L, 1600L, 1600L, 1600L, 1600L));

        ColdStartReport report = report(millis);

        assertThat(report.met()).isTrue();
        assertThat(report.table()).contains("(no target)").contains("1.600");
    }

    @Test
    void a_report_with_no_function_measured_is_not_a_pass() {
        assertThat(report(Map.of()).met()).isFalse();
    }

    @Test
    void the_table_states_the_load_average_beside_the_figures() {
        ColdStartReport report = report(Map.of("sync", FLOOR));

        assertThat(report.table()).contains("load average (1 min) 3.5 to 14.0 during the runs, 2 processors");
    }

    private static ColdStartReport report(Map<String, List<Long>> functions) {
        Map<String, List<Long>> millis = new LinkedHashMap<>();
        millis.put(ColdStartReport.FLOOR, FLOOR);
        millis.putAll(functions);
        Map<String, List<ColdStartReport.Sample>> samples = new LinkedHashMap<>();
        millis.forEach((name, values) -> samples.put(name, values.stream()
                .map(wall -> wall == null ? null : new ColdStartReport.Sample(wall, wall / 2)).toList()));
        return new ColdStartReport(samples, ColdStartBench.TARGET, 7, Map.of("parley-functions.jar", 30_000_000L), 37,
                10_000_000L, ColdStartReport.LoadAverage.of(List.of(3.5, 14.0, -1.0), 2));
    }
}
