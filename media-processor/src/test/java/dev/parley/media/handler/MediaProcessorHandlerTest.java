package dev.parley.media.handler;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import dev.parley.functions.testing.LambdaJson;
import dev.parley.media.domain.MediaWorld;
import dev.parley.media.testing.TestImages;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class MediaProcessorHandlerTest {
    @TempDir
    Path scratch;

    @Test
    void givenABatchWithAnUpload_aTestEvent_andGarbage_thenTheUploadIsProcessed_andOnlyTheGarbageIsRetried() {
        MediaWorld world = new MediaWorld(scratch);
        world.upload("m_photo", "image/jpeg", TestImages.jpeg(640, 480));
        SQSEvent event = LambdaJson.event("media-queue.json", SQSEvent.class);

        SQSBatchResponse response = new MediaProcessorHandler(world.processUpload).handleRequest(event, null);

        assertThat(response.getBatchItemFailures()).extracting(SQSBatchResponse.BatchItemFailure::getItemIdentifier)
                .containsExactly("5f3b0a3e-0f6f-4bbf-9a44-5e8e3c8d1a03");
        assertThat(world.media.find("m_photo").orElseThrow().ready()).isTrue();
        assertThat(world.eventsSent()).containsOnly("mediaReady");
    }

    @Test
    void givenEncodedKeys_thenTheyAreDecodedAsInAForm_andOnlyCreatedObjectsCount() {
        String body = """
                {"Records":[
                  {"eventName":"ObjectCreated:Put","s3":{"object":{"key":"uploads/a+b%2Bc/m%5Fx/original"}}},
                  {"eventName":"ObjectRemoved:Delete","s3":{"object":{"key":"uploads/c/m/original"}}}]}""";

        assertThat(S3Notifications.createdKeys(body)).containsExactly("uploads/a b+c/m_x/original");
    }
}
