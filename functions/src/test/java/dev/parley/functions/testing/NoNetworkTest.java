package dev.parley.functions.testing;

import dev.parley.functions.adapter.aws.AwsCallCounter;
import dev.parley.functions.adapter.aws.AwsClients;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.InputStream;
import java.net.URI;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The guard sees the connections it exists to see, so that its silence in other tests means something. */
class NoNetworkTest {
    @RegisterExtension
    final NoNetwork network = new NoNetwork();

    @Test
    void an_aws_call_is_caught_and_fails_where_it_connects() {
        assertThatThrownBy(() -> new AwsClients("eu-west-1", new AwsCallCounter()).dynamoDb().listTables())
                .isInstanceOf(RuntimeException.class);

        assertThat(network.takeAttempts()).isNotEmpty();
    }

    @Test
    void a_url_fetch_to_any_host_is_caught_whatever_the_endpoint_settings() {
        assertThatThrownBy(() -> {
            try (InputStream keys = URI.create("https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_AbC123/.well-known/jwks.json")
                    .toURL().openStream()) {
                keys.readAllBytes();
            }
        }).isInstanceOf(java.io.IOException.class);

        assertThat(network.takeAttempts()).singleElement().asString()
                .startsWith("CONNECT cognito-idp.eu-west-1.amazonaws.com:443");
    }

    @Test
    void the_sdk_http_warm_up_is_seen_and_only_it_is_let_through_by_the_guard_that_allows_it() {
        NoNetwork allowing = NoNetwork.exceptTheSdkHttpWarmUp();
        String warmUp = "CONNECT sts.eu-west-1.amazonaws.com:443 HTTP/1.1";

        assertThat(List.of(warmUp, "CONNECT dynamodb.eu-west-1.amazonaws.com:443 HTTP/1.1", "POST / HTTP/1.1"))
                .filteredOn(attempt -> allowing.allows(attempt)).containsExactly(warmUp);
    }

    @Test
    void a_test_that_connects_nowhere_leaves_no_attempt() {
        assertThat(network.attempts()).isEmpty();
    }
}
