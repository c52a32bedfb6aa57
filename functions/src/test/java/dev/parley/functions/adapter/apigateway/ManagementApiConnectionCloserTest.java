package dev.parley.functions.adapter.apigateway;

import dev.parley.functions.adapter.aws.AwsCallCounter;
import dev.parley.functions.adapter.aws.AwsClients;
import dev.parley.functions.testing.ConnectionsApiServer;
import dev.parley.functions.testing.DummyCredentials;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.IOException;

import static org.assertj.core.api.Assertions.assertThat;

/** The closer through the production client against a local stand-in for {@code @connections}. */
class ManagementApiConnectionCloserTest {
    @RegisterExtension
    static final DummyCredentials CREDENTIALS = new DummyCredentials();

    private ConnectionsApiServer api;
    private ManagementApiConnectionCloser closer;

    @BeforeEach
    void start() throws IOException {
        api = new ConnectionsApiServer();
        closer = new ManagementApiConnectionCloser(new AwsClients("us-east-1", new AwsCallCounter()).managementApi(api.endpoint()));
    }

    @AfterEach
    void stop() {
        api.close();
    }

    @Test
    void closing_a_socket_sends_delete_to_its_connection() {
        assertThat(closer.close("eRcq1dBfoAMCJfw=")).isTrue();
        assertThat(api.deletes()).containsExactly("eRcq1dBfoAMCJfw=");
    }

    @Test
    void a_socket_already_gone_counts_as_closed_by_someone_else_not_as_an_error() {
        api.script("eRcq1dBfoAMCJfw=", ConnectionsApiServer.Answer.GONE);

        assertThat(closer.close("eRcq1dBfoAMCJfw=")).isFalse();
    }
}
