package dev.parley.functions.handler;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2WebSocketEvent;
import dev.parley.functions.adapter.aws.AwsCallCounter;
import dev.parley.functions.adapter.aws.AwsClients;
import dev.parley.functions.adapter.dynamodb.DynamoDbConnectionRepository;
import dev.parley.functions.testing.ConnectionsTable;
import dev.parley.functions.testing.DevicesTable;
import dev.parley.functions.testing.ConversationTables;
import dev.parley.functions.testing.LambdaJson;
import dev.parley.functions.testing.MotoServer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The handlers as local-env builds them (the environment-map constructor, the real composition
 * root and SDK client) against moto: what a connect and a disconnect leave in the tables.
 */
class HandlersAgainstMotoTest {
    private static final String USER_ID = "5c1b7e4a-2f0d-4b8e-9a57-0e6f3c2d1b90";

    @RegisterExtension
    static final MotoServer MOTO = new MotoServer();

    private static DynamoDbConnectionRepository table;
    private static Map<String, String> environment;

    @BeforeAll
    static void createTable() {
        var dynamoDb = new AwsClients("us-east-1", new AwsCallCounter()).dynamoDb();
        String name = ConnectionsTable.create(dynamoDb);
        table = new DynamoDbConnectionRepository(dynamoDb, name, Clock.systemUTC());
        environment = Map.of("AWS_REGION", "us-east-1", "CONNECTIONS_TABLE", name, "USERS_TABLE", ConversationTables.users(dynamoDb),
                "DEVICES_TABLE", DevicesTable.create(dynamoDb));
    }

    @Test
    void connect_registers_the_device_in_the_table_and_disconnect_removes_it() {
        ConnectHandler connect = new ConnectHandler(environment);
        DisconnectHandler disconnect = new DisconnectHandler(environment);

        int status = connect.handleRequest(LambdaJson.event("connect.json", APIGatewayV2WebSocketEvent.class), null).getStatusCode();

        assertThat(status).isEqualTo(200);
        assertThat(table.findLive(List.of(USER_ID), Instant.now()))
                .singleElement()
                .satisfies(connection -> {
                    assertThat(connection.connectionId()).isEqualTo("eRcq1dBfoAMCJfw=");
                    assertThat(connection.deviceId()).isEqualTo("iphone-7f3a");
                });

        disconnect.handleRequest(LambdaJson.event("disconnect.json", APIGatewayV2WebSocketEvent.class), null);

        assertThat(table.findLive(List.of(USER_ID), Instant.now())).isEmpty();
    }

    @Test
    void every_table_call_of_the_handlers_is_counted_a_connect_writes_the_connection_the_user_their_name_by_id_and_the_device() {
        ConnectHandler connect = new ConnectHandler(environment);
        long before = AwsCallCounter.process().count("DynamoDb", "UpdateItem");

        connect.handleRequest(LambdaJson.event("connect.json", APIGatewayV2WebSocketEvent.class), null);

        assertThat(AwsCallCounter.process().count("DynamoDb", "UpdateItem") - before).isEqualTo(4);
    }
}
