package dev.parley.functions.adapter.dynamodb;

import dev.parley.functions.adapter.aws.AwsCallCounter;
import dev.parley.functions.adapter.aws.AwsClients;
import dev.parley.functions.domain.MediaIds;
import dev.parley.functions.domain.media.MediaRepository;
import dev.parley.functions.domain.media.MediaRepository.MediaFacts;
import dev.parley.functions.domain.media.MediaRepositoryContract;
import dev.parley.functions.testing.MediaTable;
import dev.parley.functions.testing.MotoServer;
import dev.parley.model.MediaTypes;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** The media table against a real moto server, through the production client factory. */
class DynamoDbMediaRepositoryTest extends MediaRepositoryContract {
    @RegisterExtension
    static final MotoServer MOTO = new MotoServer();

    private static final AwsCallCounter CALLS = new AwsCallCounter();
    private static DynamoDbClient dynamoDb;
    private static String table;
    private static DynamoDbMediaRepository repository;

    @BeforeAll
    static void createTable() {
        dynamoDb = new AwsClients("us-east-1", CALLS).dynamoDb();
        table = MediaTable.create(dynamoDb);
        repository = new DynamoDbMediaRepository(dynamoDb, table);
    }

    @Override
    protected MediaRepository repository() {
        return repository;
    }

    private static Map<String, AttributeValue> item(String mediaId) {
        return dynamoDb.getItem(get -> get.tableName(table).key(Map.of("mediaId", AttributeValue.fromS(mediaId)))).item();
    }

    @Test
    void a_pending_item_expires_a_day_after_creation_and_a_ready_one_never() {
        String id = MediaIds.next();
        repository.create(pending(id, MediaTypes.of("image/png").orElseThrow(), null));

        assertThat(item(id)).containsEntry("expiresAt",
                AttributeValue.fromN(Long.toString(CREATED.plusSeconds(86_400).getEpochSecond())));
        repository.markReady(id, new MediaFacts(1234, 10, 10, null, Set.of("display", "thumb")));
        assertThat(item(id)).doesNotContainKey("expiresAt");
        assertThat(item(id).get("versions").ss()).containsExactlyInAnyOrder("display", "thumb");
    }

    @Test
    void each_change_is_one_conditional_update_and_the_batch_read_one_call() {
        String id = MediaIds.next();
        repository.create(pending(id, MediaTypes.of("application/pdf").orElseThrow(), null));
        CALLS.reset();

        repository.markReady(id, new MediaFacts(1234, 612, 792, 3, Set.of("original", "preview")));
        repository.markReady(id, new MediaFacts(1234, 612, 792, 3, Set.of("original", "preview")));
        repository.findAll(List.of(id, MediaIds.next()));

        assertThat(CALLS.snapshot()).containsOnly(Map.entry("DynamoDb/UpdateItem", 2L), Map.entry("DynamoDb/BatchGetItem", 1L));
    }
}
