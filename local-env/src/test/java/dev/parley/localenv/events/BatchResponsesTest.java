package dev.parley.localenv.events;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class BatchResponsesTest {
    private static final Set<String> BATCH = Set.of("m1", "m2", "m3");

    @Test
    void a_null_or_empty_answer_or_failure_list_is_a_complete_success() {
        assertThat(failed(null)).isEmpty();
        assertThat(failed("")).isEmpty();
        assertThat(failed("null")).isEmpty();
        assertThat(failed("{}")).isEmpty();
        assertThat(failed("{\"batchItemFailures\":null}")).isEmpty();
        assertThat(failed("{\"batchItemFailures\":[]}")).isEmpty();
    }

    @Test
    void the_listed_messages_are_the_only_failures() {
        assertThat(failed("{\"batchItemFailures\":[{\"itemIdentifier\":\"m2\"},{\"itemIdentifier\":\"m3\"}]}"))
                .containsExactlyInAnyOrder("m2", "m3");
    }

    @Test
    void an_invalid_answer_or_identifier_fails_the_whole_batch() {
        assertThat(failed("not json")).isEqualTo(BATCH);
        assertThat(failed("\"ok\"")).isEqualTo(BATCH);
        assertThat(failed("{\"batchItemFailures\":{}}")).isEqualTo(BATCH);
        assertThat(failed("{\"batchItemFailures\":[{\"itemIdentifier\":\"\"}]}")).isEqualTo(BATCH);
        assertThat(failed("{\"batchItemFailures\":[{\"itemIdentifier\":null}]}")).isEqualTo(BATCH);
        assertThat(failed("{\"batchItemFailures\":[{\"id\":\"m1\"}]}")).isEqualTo(BATCH);
        assertThat(failed("{\"batchItemFailures\":[{\"itemIdentifier\":\"m1\"},{\"itemIdentifier\":\"elsewhere\"}]}")).isEqualTo(BATCH);
    }

    private static Set<String> failed(String response) {
        return BatchResponses.failedIds(response == null ? null : response.getBytes(StandardCharsets.UTF_8), BATCH);
    }
}
