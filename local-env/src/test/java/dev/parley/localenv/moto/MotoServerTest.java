package dev.parley.localenv.moto;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.parley.localenv.ProjectLayout;
import dev.parley.localenv.provision.ProvisioningClients;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MotoServerTest {
    private static final int WRITERS = 12;
    private static final int KEYS = 8;

    @RegisterExtension
    static final LocalMoto MOTO = new LocalMoto();

    private static ProvisioningClients clients;

    @BeforeAll
    static void createTable() {
        clients = ProvisioningClients.forRegion(Region.of(LocalMoto.REGION));
        clients.dynamoDb().createTable(r -> r.tableName("serialised")
                .billingMode("PAY_PER_REQUEST")
                .keySchema(k -> k.attributeName("pk").keyType("HASH"))
                .attributeDefinitions(a -> a.attributeName("pk").attributeType("S")));
    }

    @AfterAll
    static void closeClients() {
        clients.close();
    }

    @Test
    void concurrent_conditional_puts_on_one_key_let_exactly_one_writer_win_like_dynamodb() throws Exception {
        DynamoDbClient dynamoDb = clients.dynamoDb();
        ExecutorService pool = Executors.newFixedThreadPool(WRITERS);
        try {
            for (int key = 0; key < KEYS; key++) {
                String pk = "seq-" + key;
                CountDownLatch gate = new CountDownLatch(1);
                List<Future<Boolean>> writes = new ArrayList<>();
                for (int writer = 0; writer < WRITERS; writer++) {
                    String owner = "writer-" + writer;
                    writes.add(pool.submit(() -> {
                        gate.await();
                        try {
                            dynamoDb.putItem(r -> r.tableName("serialised")
                                    .item(Map.of("pk", AttributeValue.fromS(pk), "owner", AttributeValue.fromS(owner)))
                                    .conditionExpression("attribute_not_exists(pk)"));
                            return true;
                        } catch (ConditionalCheckFailedException lost) {
                            return false;
                        }
                    }));
                }
                gate.countDown();
                int winners = 0;
                for (Future<Boolean> write : writes) {
                    winners += write.get() ? 1 : 0;
                }
                assertThat(winners).as("writers that created %s", pk).isEqualTo(1);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void the_sdks_calls_one_after_another_share_one_connection() throws Exception {
        DynamoDbClient dynamoDb = clients.dynamoDb();
        JsonNode before = stats();

        for (int call = 0; call < 10; call++) {
            dynamoDb.getItem(r -> r.tableName("serialised").key(Map.of("pk", AttributeValue.fromS("absent"))));
        }

        JsonNode after = stats();
        assertThat(after.path("requests").asInt() - before.path("requests").asInt()).isEqualTo(10);
        // One for the second stats read, and at most one for the SDK (the JDK may have dropped its idle ones).
        assertThat(after.path("connections").asInt() - before.path("connections").asInt())
                .as("connections opened for ten SDK calls and a stats read").isBetween(1, 2);
    }

    /** moto_serial.py's counters, each read on a connection of its own (a fresh client). */
    private static JsonNode stats() throws IOException, InterruptedException {
        try (HttpClient http = HttpClient.newHttpClient()) {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(MOTO.endpoint().resolve("/_parley/stats")).build(),
                    HttpResponse.BodyHandlers.ofString());
            return new ObjectMapper().readTree(response.body());
        }
    }

    @Test
    void a_stopped_server_leaves_no_process_listening() {
        ProjectLayout layout = ProjectLayout.find();
        MotoServer second = MotoServer.start(MotoServer.Settings.forProject(layout, 0)
                .withLogFile(layout.localEnvTarget().resolve("moto-stopped.log")));
        int port = second.port();
        assertThat(second.isRunning()).isTrue();

        second.close();

        assertThat(second.isRunning()).isFalse();
        assertThatThrownBy(() -> {
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", port), 500);
            }
        }).isInstanceOf(IOException.class);
    }
}
