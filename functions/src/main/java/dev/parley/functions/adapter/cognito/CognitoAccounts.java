package dev.parley.functions.adapter.cognito;

import dev.parley.functions.domain.account.IdentityAccounts;
import software.amazon.awssdk.services.cognitoidentityprovider.CognitoIdentityProviderClient;
import software.amazon.awssdk.services.cognitoidentityprovider.model.UserNotFoundException;

/** The user pool's accounts: AdminDeleteUser (IAM {@code cognito-idp:AdminDeleteUser} on the pool). */
public final class CognitoAccounts implements IdentityAccounts {
    private final CognitoIdentityProviderClient cognito;
    private final String userPoolId;

    public CognitoAccounts(CognitoIdentityProviderClient cognito, String userPoolId) {
        this.cognito = cognito;
        this.userPoolId = userPoolId;
    }

    @Override
    public void delete(String username) {
        try {
            cognito.adminDeleteUser(delete -> delete.userPoolId(userPoolId).username(username));
        } catch (UserNotFoundException alreadyGone) {
            // A resumed deletion: the account went in an earlier call.
        }
    }
}
