package dev.parley.functions.adapter.cognito;

import dev.parley.functions.domain.device.SessionTerminator;
import software.amazon.awssdk.services.cognitoidentityprovider.CognitoIdentityProviderClient;

/**
 * Cognito's AdminUserGlobalSignOut: invalidates every refresh token of the user, so no device can
 * get a new access token. Access tokens already issued stay valid until they expire; the
 * authorizer's revocation check covers them.
 */
public final class CognitoSessionTerminator implements SessionTerminator {
    private final CognitoIdentityProviderClient cognito;
    private final String userPoolId;

    public CognitoSessionTerminator(CognitoIdentityProviderClient cognito, String userPoolId) {
        this.cognito = cognito;
        this.userPoolId = userPoolId;
    }

    @Override
    public void signOutEverywhere(String username) {
        cognito.adminUserGlobalSignOut(signOut -> signOut.userPoolId(userPoolId).username(username));
    }
}
