package dev.parley.localenv.provision;

import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.SignedJWT;
import dev.parley.localenv.moto.LocalMoto;
import dev.parley.localenv.template.CloudTemplate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AuthFlowType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.UserPoolType;
import software.amazon.awssdk.services.dynamodb.model.IndexStatus;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;
import software.amazon.awssdk.services.dynamodb.model.TimeToLiveStatus;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class TemplateProvisionerTest {
    private static final String CONNECTIONS = "ConnectionsTable8000B8A1";
    private static final String MESSAGES = "MessagesTableC2D0B5A4";

    @RegisterExtension
    static final LocalMoto MOTO = new LocalMoto();

    private static ProvisionedTemplate fixture;
    private static CloudTemplate template;
    private static ProvisioningClients clients;
    private static ProvisionedCloud cloud;

    @BeforeAll
    static void provisionFixture() {
        fixture = ProvisionedTemplate.of("/provision/fixture.template.json");
        template = fixture.template();
        clients = fixture.clients();
        cloud = fixture.cloud();
    }

    @AfterAll
    static void closeClients() {
        fixture.close();
    }

    @Test
    void the_connections_table_gets_a_generated_name_the_templates_key_and_ttl_on_expiresAt() {
        String table = cloud.ids().ref(CONNECTIONS).orElseThrow();

        TableDescription description = clients.dynamoDb().describeTable(r -> r.tableName(table)).table();
        var ttl = clients.dynamoDb().describeTimeToLive(r -> r.tableName(table)).timeToLiveDescription();

        assertThat(table).isEqualTo("parley-" + CONNECTIONS);
        assertThat(description.keySchema()).containsExactly(key("userId", KeyType.HASH));
        assertThat(ttl.timeToLiveStatus()).isEqualTo(TimeToLiveStatus.ENABLED);
        assertThat(ttl.attributeName()).isEqualTo("expiresAt");
    }

    @Test
    void a_table_gets_its_sort_key_indexes_stream_and_billing_mode() {
        String table = cloud.ids().ref(MESSAGES).orElseThrow();

        TableDescription description = clients.dynamoDb().describeTable(r -> r.tableName(table)).table();

        assertThat(description.keySchema()).containsExactly(key("pk", KeyType.HASH), key("seq", KeyType.RANGE));
        assertThat(description.billingModeSummary().billingModeAsString()).isEqualTo("PAY_PER_REQUEST");
        assertThat(description.globalSecondaryIndexes()).singleElement().satisfies(gsi -> {
            assertThat(gsi.indexName()).isEqualTo("byClientMessageId");
            assertThat(gsi.keySchema()).containsExactly(key("clientMessageId", KeyType.HASH));
            assertThat(gsi.projection().projectionTypeAsString()).isEqualTo("KEYS_ONLY");
            assertThat(gsi.indexStatus()).isEqualTo(IndexStatus.ACTIVE);
        });
        assertThat(description.localSecondaryIndexes()).singleElement().satisfies(lsi -> {
            assertThat(lsi.indexName()).isEqualTo("bySentAt");
            assertThat(lsi.projection().nonKeyAttributes()).containsExactly("seq");
        });
        assertThat(description.streamSpecification().streamViewTypeAsString()).isEqualTo("NEW_IMAGE");
        assertThat(cloud.ids().attribute(MESSAGES, "StreamArn")).contains(description.latestStreamArn());
    }

    @Test
    void the_user_pool_keeps_the_templates_password_policy_sign_in_attributes_and_mfa() {
        UserPoolType pool = clients.cognito().describeUserPool(r -> r.userPoolId(cloud.userPoolId())).userPool();

        assertThat(pool.name()).isEqualTo("parley-UserPool6BA7E5F2");
        assertThat(pool.policies().passwordPolicy().minimumLength()).isEqualTo(12);
        assertThat(pool.policies().passwordPolicy().requireSymbols()).isTrue();
        assertThat(pool.aliasAttributesAsStrings()).containsExactly("email");
        assertThat(pool.autoVerifiedAttributesAsStrings()).containsExactly("email");
        assertThat(pool.adminCreateUserConfig().allowAdminCreateUserOnly()).isTrue();
        assertThat(pool.mfaConfigurationAsString()).isEqualTo("OPTIONAL");
    }

    @Test
    void function_environments_resolve_to_what_was_provisioned() {
        JsonNode variables = template.resource("ConnectFunction9F8E7D6C").orElseThrow()
                .properties().path("Environment").path("Variables");

        assertThat(cloud.resolver().resolve(variables.get("CONNECTIONS_TABLE"))).isEqualTo("parley-" + CONNECTIONS);
        assertThat(cloud.resolver().resolve(variables.get("USER_POOL_ID"))).isEqualTo(cloud.userPoolId());
        assertThat(cloud.resolver().resolve(variables.get("APP_CLIENT_IDS"))).isEqualTo(cloud.userPoolClientId());
        assertThat(cloud.resolver().resolve(variables.get("TOKEN_ISSUER")))
                .isEqualTo("https://cognito-idp.us-east-1.amazonaws.com/" + cloud.userPoolId());
        assertThat(cloud.resolver().resolve(variables.get("MESSAGES_STREAM"))).startsWith("arn:aws:dynamodb:us-east-1:");
    }

    @Test
    void every_demo_user_signs_in_and_gets_an_rs256_access_token_that_verifies_with_the_pools_jwks() throws Exception {
        JWKSet jwks = JWKSet.parse(get(MOTO.endpoint().resolve("/" + cloud.userPoolId() + "/.well-known/jwks.json")));

        assertThat(cloud.demoUsers()).extracting(DemoUser.Login::username).containsExactly("alice", "bob", "carol", "dave");
        for (DemoUser.Login user : cloud.demoUsers()) {
            SignedJWT token = SignedJWT.parse(signIn(user));
            RSAKey key = jwks.getKeyByKeyId(token.getHeader().getKeyID()).toRSAKey();

            assertThat(token.getHeader().getAlgorithm()).isEqualTo(JWSAlgorithm.RS256);
            assertThat(token.verify(new RSASSAVerifier(key))).isTrue();
            assertThat(token.getJWTClaimsSet().getIssuer())
                    .isEqualTo("https://cognito-idp.us-east-1.amazonaws.com/" + cloud.userPoolId());
            assertThat(token.getJWTClaimsSet().getStringClaim("token_use")).isEqualTo("access");
            assertThat(token.getJWTClaimsSet().getStringClaim("client_id")).isEqualTo(cloud.userPoolClientId());
            assertThat(token.getJWTClaimsSet().getStringClaim("username")).isEqualTo(user.username());
        }
    }

    @Test
    void the_totp_demo_user_is_enrolled_so_signing_in_answers_a_SOFTWARE_TOKEN_MFA_challenge() {
        DemoUser.Login dave = cloud.demoUsers().stream().filter(u -> u.username().equals("dave")).findFirst().orElseThrow();

        var started = clients.cognito().initiateAuth(r -> r.clientId(cloud.userPoolClientId())
                .authFlow(AuthFlowType.USER_PASSWORD_AUTH)
                .authParameters(Map.of("USERNAME", dave.username(), "PASSWORD", dave.password())));

        assertThat(dave.mfa()).isEqualTo("TOTP");
        assertThat(dave.totpSecret()).isEqualTo(Totp.MOTO_SECRET);
        assertThat(started.challengeNameAsString()).isEqualTo("SOFTWARE_TOKEN_MFA");
        assertThat(started.authenticationResult()).isNull();
        assertThat(clients.cognito().adminGetUser(r -> r.userPoolId(cloud.userPoolId()).username("dave"))
                .preferredMfaSetting()).isEqualTo("SOFTWARE_TOKEN_MFA");
    }

    @Test
    void provisioning_again_against_the_same_moto_reuses_every_resource() throws Exception {
        ProvisionedCloud again = fixture.provisionAgain();

        assertThat(again.userPoolId()).isEqualTo(cloud.userPoolId());
        assertThat(again.userPoolClientId()).isEqualTo(cloud.userPoolClientId());
        assertThat(again.ids().ref(CONNECTIONS)).isEqualTo(cloud.ids().ref(CONNECTIONS));
        assertThat(clients.cognito().listUserPools(r -> r.maxResults(60)).userPools()).hasSize(1);
        assertThat(signIn(again.demoUsers().getFirst())).isNotBlank();
    }

    private static String signIn(DemoUser.Login user) {
        return DemoSignIn.accessToken(clients.cognito(), cloud.userPoolClientId(), user);
    }

    private static String get(URI uri) throws Exception {
        try (HttpClient http = HttpClient.newHttpClient()) {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(uri).GET().build(), HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).as("GET %s", uri).isEqualTo(200);
            return response.body();
        }
    }

    private static KeySchemaElement key(String name, KeyType type) {
        return KeySchemaElement.builder().attributeName(name).keyType(type).build();
    }
}
