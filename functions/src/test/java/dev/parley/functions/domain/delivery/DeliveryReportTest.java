package dev.parley.functions.domain.delivery;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class DeliveryReportTest {

    @Test
    void a_sum_adds_the_counts_and_names_each_user_reached_once() {
        DeliveryReport sum = DeliveryReport.sum(List.of(DeliveryReport.reached("alice"), DeliveryReport.reached("alice"),
                new DeliveryReport(0, 1, 0), DeliveryReport.reached("bob"), new DeliveryReport(0, 0, 2)));

        assertThat(sum).isEqualTo(new DeliveryReport(3, 1, 2, Set.of("alice", "bob")));
    }

    @Test
    void a_sum_is_what_adding_one_report_at_a_time_gives() {
        List<DeliveryReport> reports = List.of(DeliveryReport.reached("carol"), new DeliveryReport(0, 1, 0),
                new DeliveryReport(2, 0, 1, Set.of("dave", "erin")), DeliveryReport.reached("dave"));

        assertThat(DeliveryReport.sum(reports)).isEqualTo(reports.stream().reduce(DeliveryReport.none(), DeliveryReport::plus));
    }

    @Test
    void the_sum_of_nothing_is_no_delivery() {
        assertThat(DeliveryReport.sum(List.of())).isEqualTo(DeliveryReport.none());
    }
}
