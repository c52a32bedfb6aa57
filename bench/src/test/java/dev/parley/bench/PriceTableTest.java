package dev.parley.bench;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** Each function is priced at its own memory; SQS and SNS requests are priced. */
class PriceTableTest {

    @AfterEach
    void defaults() {
        PriceTable.useFunctionMemory(Map.of());
    }

    @Test
    void each_invocation_is_billed_at_its_functions_own_memory_and_sqs_and_sns_requests_cost_their_list_price() {
        PriceTable.useFunctionMemory(Map.of("ProcessorFunction447CF8A0", 1536, "SendMessageFunction1466198D", 1024));

        var lines = PriceTable.costOf(3, Map.of("SendMessageFunction1466198D", 1.0, "ProcessorFunction447CF8A0", 1.0),
                0, 0, 3, 1);

        assertThat(lines).filteredOn(line -> line.item().contains("ProcessorFunction ")).singleElement()
                .satisfies(line -> assertThat(line.unitsPerMessage()).isCloseTo(1.5 * 0.040, within(1e-12)));
        assertThat(lines).filteredOn(line -> line.item().contains("SendMessageFunction ")).singleElement()
                .satisfies(line -> assertThat(line.unitsPerMessage()).isCloseTo(0.040, within(1e-12)));
        assertThat(lines).filteredOn(line -> line.item().equals("SQS requests")).singleElement()
                .satisfies(line -> assertThat(line.dollarsPerMillion()).isCloseTo(1.20, within(1e-9)));
        assertThat(lines).filteredOn(line -> line.item().equals("SNS mobile pushes")).singleElement()
                .satisfies(line -> assertThat(line.dollarsPerMillion()).isCloseTo(1.00, within(1e-9)));
        assertThat(PriceTable.dollarsPerMillion(lines)).isCloseTo(3.00 + 0.40 + (0.040 + 0.060) * 13.3334 + 1.20 + 1.00,
                within(1e-6));
    }

    @Test
    void the_sqs_figure_counts_the_functions_requests_and_the_event_sources_receives_and_deletes() {
        MeterReading reading = new MeterReading(Map.of("Sqs/SendMessage", 2L, "Sns/Publish", 1L, "DynamoDb/Query", 5L), 1, 1,
                Map.of(), Map.of("PushWorkerFunction", 2L), 4);

        assertThat(reading.sqsRequests()).isEqualTo(6);
        assertThat(reading.snsPublishes()).isEqualTo(1);
        assertThat(reading.totalInvocations()).isEqualTo(2);
    }
}
