package dev.parley.media;

import dev.parley.functions.adapter.aws.AwsCallCounter;
import dev.parley.functions.config.ConfigurationException;
import dev.parley.functions.domain.media.MediaKeys;
import dev.parley.functions.testing.NoNetwork;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The processor's cold start and SnapStart priming, observed by the functions module's network guard:
 * every connection they opened would be recorded and fail the test.
 */
class MediaProcessorRootTest {
    /** Priming warms the SDK's HTTP client, whose warm-up GETs STS (see NoNetwork); nothing else may connect. */
    @RegisterExtension
    final NoNetwork network = NoNetwork.exceptTheSdkHttpWarmUp();

    private static final Map<String, String> PROCESSOR = Map.of("AWS_REGION", "eu-west-1",
            "MEDIA_BUCKET", "parley-media-1x2y", "MEDIA_TABLE", "Parley-Media-1X2Y",
            "CONNECTIONS_TABLE", "Parley-Connections-1X2Y",
            "APIGW_MANAGEMENT_ENDPOINT", "https://abcdef123.execute-api.eu-west-1.amazonaws.com/prod");

    @Test
    void it_starts_from_its_own_environment_and_builds_its_use_case_without_opening_a_connection() {
        MediaProcessorRoot root = new MediaProcessorRoot(PROCESSOR);

        assertThat(root.processUpload()).isSameAs(root.processUpload());
        assertThat(network.attempts()).as("connections opened while starting, the SDK's warm-up included").isEmpty();
    }

    @Test
    void priming_before_a_snapshot_makes_no_aws_call_and_opens_no_connection_but_the_sdk_warm_up() {
        MediaProcessorRoot root = new MediaProcessorRoot(PROCESSOR);
        Map<String, Long> before = AwsCallCounter.process().snapshot();

        root.prime();

        assertThat(AwsCallCounter.process().snapshot()).isEqualTo(before);
        assertThat(network.forbiddenAttempts()).as("connections opened while priming").isEmpty();
    }

    @Test
    void the_guard_sees_the_processor_s_own_clients_so_its_silence_above_means_something() {
        MediaProcessorRoot root = new MediaProcessorRoot(PROCESSOR);

        assertThatThrownBy(() -> root.processUpload().process(new MediaKeys.Upload("c_guard", "m_guard", MediaKeys.PART_ORIGINAL)))
                .isInstanceOf(RuntimeException.class);

        assertThat(network.takeAttempts()).as("the processing's calls, caught where they connected").isNotEmpty();
    }

    @Test
    void a_processor_missing_its_bucket_fails_at_cold_start_naming_the_variable() {
        Map<String, String> withoutBucket = new HashMap<>(PROCESSOR);
        withoutBucket.remove("MEDIA_BUCKET");

        assertThatThrownBy(() -> new MediaProcessorRoot(withoutBucket))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("MEDIA_BUCKET");
        assertThat(network.attempts()).isEmpty();
    }
}
