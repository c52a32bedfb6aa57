package dev.parley.localenv.gateway;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import org.junit.jupiter.api.Test;

import java.util.Optional;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RouteSelectorTest {
    private static final JsonMapper MAPPER = JsonMapper.builder().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS).build();

    private static RouteSelector selector(String expression, String... routeKeys) {
        return new RouteSelector(expression, Set.of(routeKeys), MAPPER);
    }

    @Test
    void the_selected_value_is_stringified_and_matched_exactly() {
        RouteSelector selector = selector("$request.body.action", "send", "42", "true", "$default");
        assertThat(selector.select("{\"action\":\"send\"}")).contains("send");
        assertThat(selector.select("{\"action\":42}")).contains("42");
        assertThat(selector.select("{\"action\":true}")).contains("true");
        assertThat(selector.select("{\"action\":\"Send\"}")).contains("$default");
    }

    @Test
    void a_missing_or_null_path_selects_the_empty_key() {
        RouteSelector selector = selector("$request.body.action", "");
        assertThat(selector.selectionKey("{}")).contains("");
        assertThat(selector.selectionKey("{\"action\":null}")).contains("");
        assertThat(selector.select("{\"other\":1}")).contains("");
    }

    @Test
    void a_body_that_is_not_json_goes_to_default_or_nowhere() {
        assertThat(selector("$request.body.action", "$default").select("hello")).contains("$default");
        assertThat(selector("$request.body.action", "send").select("hello")).isEmpty();
        assertThat(selector("$request.body.action", "send").select("{\"action\":\"send\"} extra")).isEmpty();
    }

    @Test
    void nested_paths_and_templates_are_evaluated() {
        assertThat(selector("$request.body.meta.kind", "a").select("{\"meta\":{\"kind\":\"a\"}}")).contains("a");
        assertThat(selector("${request.body.service}/${request.body.action}", "chat/send")
                .select("{\"service\":\"chat\",\"action\":\"send\"}")).contains("chat/send");
    }

    @Test
    void connect_and_disconnect_are_never_selected_by_a_message() {
        RouteSelector selector = selector("$request.body.action", "$connect", "$disconnect", "$default");
        assertThat(selector.select("{\"action\":\"$connect\"}")).isEqualTo(Optional.of("$default"));
    }

    @Test
    void an_unsupported_expression_is_refused_at_startup() {
        assertThatThrownBy(() -> selector("$request.header.x", "a")).isInstanceOf(IllegalArgumentException.class);
    }
}
