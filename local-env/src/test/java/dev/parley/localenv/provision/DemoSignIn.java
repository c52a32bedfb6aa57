package dev.parley.localenv.provision;

import software.amazon.awssdk.services.cognitoidentityprovider.CognitoIdentityProviderClient;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AuthFlowType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.ChallengeNameType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.InitiateAuthResponse;

import java.util.Map;

/**
 * Signs a demo user in the way an app does: InitiateAuth with USER_PASSWORD_AUTH and, for a TOTP
 * user, RespondToAuthChallenge with the SOFTWARE_TOKEN_MFA code computed from the user's secret.
 */
public final class DemoSignIn {
    private DemoSignIn() {
    }

    /** The access token, after the TOTP challenge when the user has one. */
    public static String accessToken(CognitoIdentityProviderClient cognito, String clientId, DemoUser.Login user) {
        InitiateAuthResponse started = cognito.initiateAuth(r -> r.clientId(clientId).authFlow(AuthFlowType.USER_PASSWORD_AUTH)
                .authParameters(Map.of("USERNAME", user.username(), "PASSWORD", user.password())));
        if (started.challengeName() == null) {
            return started.authenticationResult().accessToken();
        }
        if (started.challengeName() != ChallengeNameType.SOFTWARE_TOKEN_MFA || user.totpSecret() == null) {
            throw new IllegalStateException("Cognito answered " + user.username() + " with an unexpected challenge: "
                    + started.challengeNameAsString());
        }
        return cognito.respondToAuthChallenge(r -> r.clientId(clientId).session(started.session())
                        .challengeName(ChallengeNameType.SOFTWARE_TOKEN_MFA)
                        .challengeResponses(Map.of("USERNAME", user.username(),
                                "SOFTWARE_TOKEN_MFA_CODE", Totp.currentCode(user.totpSecret()))))
                .authenticationResult().accessToken();
    }
}
