package dev.parley.localenv.template;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class IntrinsicResolverTest {
    private final PhysicalIds ids = new PhysicalIds()
            .putRef("ConnectionsTable", "parley-ConnectionsTable")
            .putRef("UserPool", "us-east-1_abc")
            .putAttribute("UserPool", "ProviderURL", "cognito-idp.us-east-1.amazonaws.com/us-east-1_abc");
    private final IntrinsicResolver resolver = new IntrinsicResolver(ids, "us-east-1", "123456789012");

    private static JsonNode json(String text) throws Exception {
        return new ObjectMapper().readTree(text);
    }

    @Test
    void a_ref_to_a_provisioned_table_becomes_its_physical_name() throws Exception {
        assertThat(resolver.resolve(json("{\"Ref\":\"ConnectionsTable\"}"))).isEqualTo("parley-ConnectionsTable");
    }

    @Test
    void joins_and_pseudo_parameters_compose_like_cloudformation() throws Exception {
        JsonNode value = json("""
                {"Fn::Join":["",["https://cognito-idp.",{"Ref":"AWS::Region"},".",{"Ref":"AWS::URLSuffix"},"/",{"Ref":"UserPool"}]]}""");
        assertThat(resolver.resolve(value)).isEqualTo("https://cognito-idp.us-east-1.amazonaws.com/us-east-1_abc");
    }

    @Test
    void getatt_and_sub_read_recorded_attributes() throws Exception {
        assertThat(resolver.resolve(json("{\"Fn::GetAtt\":[\"UserPool\",\"ProviderURL\"]}")))
                .isEqualTo("cognito-idp.us-east-1.amazonaws.com/us-east-1_abc");
        assertThat(resolver.resolve(json("{\"Fn::Sub\":\"arn:${AWS::Partition}:x:${AWS::Region}:${AWS::AccountId}:${UserPool}/${UserPool.ProviderURL}\"}")))
                .isEqualTo("arn:aws:x:us-east-1:123456789012:us-east-1_abc/cognito-idp.us-east-1.amazonaws.com/us-east-1_abc");
    }

    @Test
    void a_ref_to_something_never_provisioned_fails_loudly_naming_it() throws Exception {
        assertThatThrownBy(() -> resolver.resolve(json("{\"Ref\":\"MediaBucket\"}")))
                .hasMessageContaining("MediaBucket");
        assertThatThrownBy(() -> resolver.resolve(json("{\"Fn::ImportValue\":\"x\"}")))
                .hasMessageContaining("Fn::ImportValue");
    }
}
