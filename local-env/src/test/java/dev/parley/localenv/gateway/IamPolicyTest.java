package dev.parley.localenv.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class IamPolicyTest {
    private static final String ARN = "arn:aws:execute-api:us-east-1:123456789012:api/dev/$connect";
    private static final ObjectMapper JSON = new ObjectMapper();

    private static boolean allows(String statements) throws Exception {
        JsonNode policy = JSON.readTree("{\"Version\":\"2012-10-17\",\"Statement\":" + statements + "}");
        return IamPolicy.allows(policy, "execute-api:Invoke", ARN);
    }

    @Test
    void an_allow_on_the_method_arn_or_a_wildcard_allows() throws Exception {
        assertThat(allows("[{\"Effect\":\"Allow\",\"Action\":\"execute-api:Invoke\",\"Resource\":[\"" + ARN + "\"]}]")).isTrue();
        assertThat(allows("{\"Effect\":\"Allow\",\"Action\":[\"execute-api:*\"],\"Resource\":\"arn:aws:execute-api:*:*:api/*\"}"))
                .isTrue();
    }

    @Test
    void an_explicit_deny_wins_over_an_allow() throws Exception {
        assertThat(allows("[{\"Effect\":\"Allow\",\"Action\":\"*\",\"Resource\":\"*\"},"
                + "{\"Effect\":\"Deny\",\"Action\":\"execute-api:Invoke\",\"Resource\":\"" + ARN + "\"}]")).isFalse();
    }

    @Test
    void no_matching_statement_is_an_implicit_deny() throws Exception {
        assertThat(allows("[{\"Effect\":\"Allow\",\"Action\":\"execute-api:Invoke\",\"Resource\":\"arn:aws:execute-api:*:*:other/*\"}]"))
                .isFalse();
        assertThat(allows("[]")).isFalse();
    }
}
