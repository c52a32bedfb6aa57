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

    private static void created(String username) {
        cognito.adminCreateUser(user -> user.userPoolId(poolId).username(username).messageAction("SUPPRESS"));
        cognito.adminSetUserPassword(set -> set.userPoolId(poolId).username(username).password(PASSWORD).permanent(true));
    }

    /** One device's session: its refresh token. */
    private static String signIn(String username) {
        return cognito.adminInitiateAuth(auth -> auth.userPoolId(poolId).clientId(clientId)
                .authFlow(AuthFlowType.ADMIN_USER_PASSWORD_AUTH)
                .authParameters(Map.of("USERNAME", username, "PASSWORD", PASSWORD)))
                .authenticationResult().refreshToken();
    }

    /** The access token Cognito issues for this refresh token now. */
    private static String refresh(String refreshToken) {
        return cognito.adminInitiateAuth(auth -> auth.userPoolId(poolId).clientId(clientId)
                .authFlow(AuthFlowType.REFRESH_TOKEN_AUTH)
                .authParameters(Map.of("REFRESH_TOKEN", refreshToken)))
                .authenticationResult().accessToken();
    }

    private static String owner(String accessToken) {
        return cognito.getUser(user -> user.accessToken(accessToken)).username();
    }

    @Test
    void signing_out_everywhere_invalidates_the_users_refresh_tokens_and_no_one_elses() {
        created("alice");
        created("bob");
        String alicesPhone = signIn("alice");
        String alicesLaptop = signIn("alice");
        String bob = signIn("bob");
        assertThat(owner(refresh(alicesPhone))).isEqualTo("alice");
        assertThat(owner(refresh(alicesLaptop))).isEqualTo("alice");

        new CognitoSessionTerminator(cognito, poolId).signOutEverywhere("alice");

        assertThatThrownBy(() -> refresh(alicesPhone)).isInstanceOf(NotAuthorizedException.class);
        assertThatThrownBy(() -> refresh(alicesLaptop)).isInstanceOf(NotAuthorizedException.class);
        assertThat(owner(refresh(bob))).as("bob's session, used after alice's sign-out").isEqualTo("bob");
    }

    @Test
    void signing_out_ends_sessions_but_leaves_the_account_usable() {
        created("carol");
        String before = signIn("carol");

        new CognitoSessionTerminator(cognito, poolId).signOutEverywhere("carol");

        assertThatThrownBy(() -> refresh(before)).isInstanceOf(NotAuthorizedException.class);
        assertThat(owner(refresh(signIn("carol")))).as("a new sign-in after the sign-out").isEqualTo("carol");
    }

    @Test
    void an_unknown_user_is_an_error_not_a_silent_success() {
        assertThatThrownBy(() -> new CognitoSessionTerminator(cognito, poolId).signOutEverywhere("nobody"))
                .isInstanceOf(UserNotFoundException.class);
    }
}
