package dev.parley.infra;

import software.amazon.awscdk.Duration;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.services.cognito.AccountRecovery;
import software.amazon.awscdk.services.cognito.AuthFlow;
import software.amazon.awscdk.services.cognito.AutoVerifiedAttrs;
import software.amazon.awscdk.services.cognito.PasswordPolicy;
import software.amazon.awscdk.services.cognito.SignInAliases;
import software.amazon.awscdk.services.cognito.UserPool;
import software.amazon.awscdk.services.cognito.UserPoolClient;
import software.amazon.awscdk.services.cognito.UserPoolClientOptions;
import software.constructs.Construct;

/**
 * Who may connect: a Cognito user pool whose access tokens the $connect authorizer verifies, and
 * the app client that iOS, Android and web clients sign in with.
 */
public final class Identity extends Construct {

    /**
     * @param selfSignUp whether anyone may create an account; off means administrators create users
     * @param removalPolicy what happens to the pool, and so every account, when the stack is deleted
     */
    public record Props(boolean selfSignUp, RemovalPolicy removalPolicy) {
    }

    private final UserPool userPool;
    private final UserPoolClient appClient;

    public Identity(Construct scope, String id, Props props) {
        super(scope, id);
        userPool = UserPool.Builder.create(this, "UserPool")
                .selfSignUpEnabled(props.selfSignUp())
                // Users sign in with their username or their verified email address.
                .signInAliases(SignInAliases.builder().username(true).email(true).build())
                .autoVerify(AutoVerifiedAttrs.builder().email(true).build())
                .passwordPolicy(PasswordPolicy.builder()
                        .minLength(12)
                        .requireLowercase(true)
                        .requireUppercase(true)
                        .requireDigits(true)
                        .requireSymbols(false)
                        .tempPasswordValidity(Duration.days(3))
                        .build())
                .accountRecovery(AccountRecovery.EMAIL_ONLY)
                .removalPolicy(props.removalPolicy())
                .build();

        appClient = userPool.addClient("AppClient", UserPoolClientOptions.builder()
                // SRP keeps the password off the wire for real clients. USER_PASSWORD_AUTH is
                // enabled for the local demo tooling (`./parley token`), which signs demo users in
                // with a plain InitiateAuth.
                .authFlows(AuthFlow.builder().userSrp(true).userPassword(true).build())
                .generateSecret(false)
                .preventUserExistenceErrors(true)
                // Native clients sign in through the API; hosted UI and social login come later.
                .disableOAuth(true)
                .build());
    }

    public UserPool userPool() {
        return userPool;
    }

    public UserPoolClient appClient() {
        return appClient;
    }
}
