package dev.parley.localenv.provision;

import software.amazon.awssdk.services.cognitoidentityprovider.CognitoIdentityProviderClient;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AttributeType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AuthFlowType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.CognitoIdentityProviderException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.ExplicitAuthFlowsType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.InvalidPasswordException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.MessageActionType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.UserPoolClientDescription;
import software.amazon.awssdk.services.cognitoidentityprovider.model.UsernameAttributeType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.UsernameExistsException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.Map;

/**
 * Creates the {@link DemoUser}s in a user pool, confirmed, with a verified email and a permanent
 * password, so they sign in with USER_PASSWORD_AUTH right away. A {@link DemoUser#totp()} user is
 * enrolled in TOTP MFA the way an app enrols one: sign in, AssociateSoftwareToken with the access
 * token, VerifySoftwareToken with a code computed from the returned secret, SetUserMFAPreference.
 * Running it again only resets the passwords (an enrolled user stays enrolled).
 */
final class DemoUserSeeder {
    private static final Logger LOG = LoggerFactory.getLogger(DemoUserSeeder.class);
    private final CognitoIdentityProviderClient cognito;

    DemoUserSeeder(CognitoIdentityProviderClient cognito) {
        this.cognito = cognito;
    }

    List<DemoUser.Login> seed(String userPoolId, List<DemoUser> users) {
        boolean signInByEmail = cognito.describeUserPool(r -> r.userPoolId(userPoolId)).userPool()
                .usernameAttributes().contains(UsernameAttributeType.EMAIL);
        return users.stream().map(user -> {
            String username = signInByEmail ? user.email() : user.name();
            try {
                cognito.adminCreateUser(r -> r.userPoolId(userPoolId).username(username)
                        .messageAction(MessageActionType.SUPPRESS)
                        .userAttributes(attribute("email", user.email()), attribute("email_verified", "true")));
            } catch (UsernameExistsException alreadySeeded) {
                // Provisioning ran before against this moto: the password is set again below.
            }
            try {
                cognito.adminSetUserPassword(r -> r.userPoolId(userPoolId).username(username).password(user.password()).permanent(true));
            } catch (InvalidPasswordException e) {
                throw new IllegalStateException("The demo password does not satisfy the template's password policy; change it in "
                        + DemoUser.class.getName() + ": " + e.awsErrorDetails().errorMessage(), e);
            }
            DemoUser.Login login = new DemoUser.Login(username, user.password());
            return user.totp() ? enrolTotp(userPoolId, login) : login;
        }).toList();
    }

    private DemoUser.Login enrolTotp(String userPoolId, DemoUser.Login login) {
        boolean enrolled = cognito.adminGetUser(r -> r.userPoolId(userPoolId).username(login.username()))
                .userMFASettingList().contains("SOFTWARE_TOKEN_MFA");
        if (enrolled) {
            return new DemoUser.Login(login.username(), login.password(), DemoUser.Login.TOTP, Totp.MOTO_SECRET);
        }
        String clientId = passwordSignInClient(userPoolId);
        if (clientId == null) {
            LOG.warn("no app client to sign in with; demo user left without MFA poolId={} user={}", userPoolId, login.username());
            return login;
        }
        try {
            String accessToken = cognito.initiateAuth(r -> r.clientId(clientId).authFlow(AuthFlowType.USER_PASSWORD_AUTH)
                            .authParameters(Map.of("USERNAME", login.username(), "PASSWORD", login.password())))
                    .authenticationResult().accessToken();
            String secret = cognito.associateSoftwareToken(r -> r.accessToken(accessToken)).secretCode();
            cognito.verifySoftwareToken(r -> r.accessToken(accessToken).userCode(Totp.currentCode(secret))
                    .friendlyDeviceName("parley-demo"));
            cognito.setUserMFAPreference(r -> r.accessToken(accessToken)
                    .softwareTokenMfaSettings(t -> t.enabled(true).preferredMfa(true)));
            LOG.info("demo user enrolled in TOTP MFA poolId={} user={}", userPoolId, login.username());
            return new DemoUser.Login(login.username(), login.password(), DemoUser.Login.TOTP, secret);
        } catch (CognitoIdentityProviderException e) {
            throw new IllegalStateException("Cannot enrol demo user " + login.username() + " in TOTP MFA: "
                    + e.awsErrorDetails().errorMessage(), e);
        }
    }

    /** An app client of the pool that allows USER_PASSWORD_AUTH (moto does not check, AWS does), else any. */
    private String passwordSignInClient(String userPoolId) {
        List<String> clientIds = cognito.listUserPoolClients(r -> r.userPoolId(userPoolId).maxResults(60)).userPoolClients().stream()
                .map(UserPoolClientDescription::clientId).toList();
        return clientIds.stream()
                .filter(id -> cognito.describeUserPoolClient(r -> r.userPoolId(userPoolId).clientId(id)).userPoolClient()
                        .explicitAuthFlows().contains(ExplicitAuthFlowsType.ALLOW_USER_PASSWORD_AUTH))
                .findFirst().orElse(clientIds.isEmpty() ? null : clientIds.getFirst());
    }

    private static AttributeType attribute(String name, String value) {
        return AttributeType.builder().name(name).value(value).build();
    }
}
