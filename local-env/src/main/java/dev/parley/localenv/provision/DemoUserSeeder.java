package dev.parley.localenv.provision;

import software.amazon.awssdk.services.cognitoidentityprovider.CognitoIdentityProviderClient;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AttributeType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.InvalidPasswordException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.MessageActionType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.UsernameAttributeType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.UsernameExistsException;

import java.util.List;

/**
 * Creates the {@link DemoUser}s in a user pool, confirmed, with a verified email and a permanent
 * password, so they sign in with USER_PASSWORD_AUTH right away. Running it again only resets the
 * passwords.
 */
final class DemoUserSeeder {
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
            return new DemoUser.Login(username, user.password());
        }).toList();
    }

    private static AttributeType attribute(String name, String value) {
        return AttributeType.builder().name(name).value(value).build();
    }
}
