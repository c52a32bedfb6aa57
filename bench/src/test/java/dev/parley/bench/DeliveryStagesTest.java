package dev.parley.bench;

import dev.parley.functions.domain.message.FanOutJob;
import dev.parley.localenv.events.SqsDeliveryLog;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class DeliveryStagesTest {
    private static final String ID = "g_stages";

    private static SqsDeliveryLog.Delivery page(String conversationId, long seq, FanOutJob.Stage stage, String after,
                                                long sent, long received, long invoked, long done, int batch) {
        String body = new FanOutJob(conversationId, seq, after, null, "{}", stage, List.of()).toJson();
        return new SqsDeliveryLog.Delivery("FanOutMapping", body, sent, received, invoked, done, batch);
    }

    @Test
    void the_stages_of_a_message_add_up_to_its_completion_and_only_its_viewers_pages_count() {
        List<SqsDeliveryLog.Delivery> log = List.of(
                page(ID, 7, FanOutJob.Stage.VIEWERS, null, 1_060, 1_200, 1_210, 1_500, 2),
                page(ID, 7, FanOutJob.Stage.VIEWERS, "u500", 1_490, 1_600, 1_605, 1_900, 1),
                page(ID, 7, FanOutJob.Stage.ACTIVITY, null, 1_000, 1_001, 1_002, 9_000, 5),
                page(ID, 8, FanOutJob.Stage.VIEWERS, null, 1_010, 1_011, 1_012, 9_000, 5),
                page("g_other", 7, FanOutJob.Stage.VIEWERS, null, 1_010, 1_011, 1_012, 9_000, 5),
                new SqsDeliveryLog.Delivery("PresenceMapping", "not a job", 1_000, 1_001, 1_002, 1_003, 1));

        DeliveryStages stages = DeliveryStages.of(ID, 7, 1_000, 1_080, 1_050, 1_300, 1_950, log);

        assertThat(stages.stored() + stages.enqueued() + stages.queued() + stages.invoked() + stages.delivered())
                .as("send to the last device").isEqualTo(950);
        assertThat(stages.stored()).isEqualTo(50);
        assertThat(stages.enqueued()).isEqualTo(10);
        assertThat(stages.queued()).isEqualTo(140);
        assertThat(stages.invoked()).isEqualTo(10);
        assertThat(stages.delivered()).isEqualTo(740);
        assertThat(stages.worker()).as("first page invoked until the last page's batch ended").isEqualTo(690);
        assertThat(stages.spread()).isEqualTo(650);
        assertThat(stages.reply()).isEqualTo(80);
        assertThat(stages.pages()).isEqualTo(2);
        assertThat(stages.largestBatch()).isEqualTo(2);
    }

    @Test
    void a_message_without_logged_pages_has_no_stages_and_is_counted_as_such() {
        assertThat(DeliveryStages.of(ID, 9, 1_000, 1_080, 1_050, 1_300, 1_950, List.of())).isNull();
        assertThat(DeliveryStages.describe(List.of(), 3)).contains("none");
        DeliveryStages one = new DeliveryStages(50, 10, 140, 10, 740, 690, 650, 80, 2, 2);
        assertThat(DeliveryStages.describe(List.of(one), 1)).contains("send→stored 50/50").contains("enqueued→received 140/140")
                .contains("1 message(s) without logged pages");
    }
}
