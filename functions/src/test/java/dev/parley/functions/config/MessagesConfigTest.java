package dev.parley.functions.config;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MessagesConfigTest {

    @Test
    void the_table_and_region_are_read_from_the_environment() {
        assertThat(MessagesConfig.from(new Environment(Map.of("AWS_REGION", "us-east-1", "MESSAGES_TABLE", "Parley-Messages-9Z"))))
                .isEqualTo(new MessagesConfig("us-east-1", "Parley-Messages-9Z"));
    }

    @Test
    void a_missing_table_fails_naming_the_variable() {
        assertThatThrownBy(() -> MessagesConfig.from(new Environment(Map.of("AWS_REGION", "us-east-1"))))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage("Environment variable MESSAGES_TABLE is required but not set.");
    }
}
