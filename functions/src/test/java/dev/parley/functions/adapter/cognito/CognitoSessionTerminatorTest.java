package dev.parley.functions.adapter.cognito;

import dev.parley.functions.adapter.aws.AwsCallCounter;
import dev.parley.functions.adapter.aws.AwsClients;
import dev.parley.functions.testing.MotoServer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.cognitoidentityprovider.CognitoIdentityProviderClient;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AuthFlowType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.ExplicitAuthFlowsType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.NotAuthorizedException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.UserNotFoundException;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** AdminUserGlobalSignOut against a real moto server, through the production client factory. */
class CognitoSessionTerminatorTest {
    @RegisterExtension
    static final MotoServer MOTO = new MotoServer();

    private static final String PASSWORD = "Correct-Horse-9";
    private static CognitoIdentityProviderClient cognito;
    private static String poolId;
    private static String clientId;

    @BeforeAll
    static void poolAndClient() {
        cognito = new AwsClients("us-east-1", new AwsCallCounter()).cognito();
        poolId = cognito.createUserPool(pool -> pool.poolName("parley-test")).userPool().id();
        clientId = cognito.createUserPoolClient(client -> client.userPoolId(poolId).clientName("web")
                .explicitAuthFlows(ExplicitAuthFlowsType.ALLOW_ADMIN_USER_PASSWORD_AUTH, ExplicitAuthFlowsType.ALLOW_REFRESH_TOKEN_AUTH))
                .userPoolClient().clientId();
    }

    private static String signedIn(String username) {
        cognito.adminCreateUser(user -> user.userPoolId(poolId).username(username).messageAction("SUPPRESS"));
        cognito.adminSetUserPassword(set -> set.userPoolId(poolId).username(username).password(PASSWORD).permanent(true));
        return cognito.adminInitiateAuth(auth -> auth.userPoolId(poolId).clientId(clientId)
                .authFlow(AuthFlowType.ADMIN_USER_PASSWORD_AUTH)
                .authParameters(Map.of("USERNAME", username, "PASSWORD", PASSWORD)))
                .authenticationResult().refreshToken();
    }

    private static void refresh(String refreshToken) {
        cognito.adminInitiateAuth(auth -> auth.userPoolId(poolId).clientId(clientId)
                .authFlow(AuthFlowType.REFRESH_TOKEN_AUTH)
                .authParameters(Map.of("REFRESH_TOKEN", refreshToken)));
    }

    @Test
    void signing_out_everywhere_invalidates_the_users_refresh_tokens_and_no_one_elses() {
        String alice = signedIn("alice");
        String bob = signedIn("bob");
        refresh(alice);

        new CognitoSessionTerminator(cognito, poolId).signOutEverywhere("alice");

        assertThatThrownBy(() -> refresh(alice)).isInstanceOf(NotAuthorizedException.class);
        refresh(bob);
        assertThat(bob).isNotBlank();
    }

    @Test
    void an_unknown_user_is_an_error_not_a_silent_success() {
        assertThatThrownBy(() -> new CognitoSessionTerminator(cognito, poolId).signOutEverywhere("nobody"))
                .isInstanceOf(UserNotFoundException.class);
    }
}
