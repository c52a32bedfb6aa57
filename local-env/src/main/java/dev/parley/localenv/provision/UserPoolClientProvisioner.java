package dev.parley.localenv.provision;

import dev.parley.localenv.template.PhysicalIds;
import software.amazon.awssdk.services.cognitoidentityprovider.CognitoIdentityProviderClient;
import software.amazon.awssdk.services.cognitoidentityprovider.model.CreateUserPoolClientRequest;
import software.amazon.awssdk.services.cognitoidentityprovider.model.UserPoolClientDescription;
import software.amazon.awssdk.services.cognitoidentityprovider.model.UserPoolClientType;

import java.util.List;
import java.util.Optional;
import java.util.Set;

/** {@code AWS::Cognito::UserPoolClient}: auth flows, OAuth settings, token validity and attribute access. */
final class UserPoolClientProvisioner implements ResourceProvisioner {
    private final CognitoIdentityProviderClient cognito;

    UserPoolClientProvisioner(CognitoIdentityProviderClient cognito) {
        this.cognito = cognito;
    }

    @Override
    public Set<String> types() {
        return Set.of("AWS::Cognito::UserPoolClient");
    }

    @Override
    public void provision(String logicalId, TemplateProperties properties, PhysicalIds ids) {
        String poolId = properties.text("UserPoolId");
        String name = properties.optionalText("ClientName").orElse(ResourceProvisioner.generatedName(logicalId));
        UserPoolClientType client = existing(poolId, name)
                .orElseGet(() -> cognito.createUserPoolClient(createRequest(poolId, name, properties)).userPoolClient());
        ids.putRef(logicalId, client.clientId())
                .putAttribute(logicalId, "ClientId", client.clientId())
                .putAttribute(logicalId, "Name", client.clientName());
        if (client.clientSecret() != null) {
            ids.putAttribute(logicalId, "ClientSecret", client.clientSecret());
        }
    }

    private Optional<UserPoolClientType> existing(String poolId, String name) {
        return cognito.listUserPoolClientsPaginator(r -> r.userPoolId(poolId).maxResults(60)).userPoolClients().stream()
                .filter(client -> client.clientName().equals(name))
                .map(UserPoolClientDescription::clientId)
                .findFirst()
                .map(id -> cognito.describeUserPoolClient(r -> r.userPoolId(poolId).clientId(id)).userPoolClient());
    }

    private static CreateUserPoolClientRequest createRequest(String poolId, String name, TemplateProperties properties) {
        CreateUserPoolClientRequest.Builder request = CreateUserPoolClientRequest.builder()
                .userPoolId(poolId)
                .clientName(name)
                .generateSecret(properties.bool("GenerateSecret", false));
        properties.ifTexts("ExplicitAuthFlows", request::explicitAuthFlowsWithStrings);
        properties.ifTexts("AllowedOAuthFlows", request::allowedOAuthFlowsWithStrings);
        properties.ifTexts("AllowedOAuthScopes", request::allowedOAuthScopes);
        properties.ifTexts("CallbackURLs", request::callbackURLs);
        properties.ifTexts("LogoutURLs", request::logoutURLs);
        properties.ifTexts("SupportedIdentityProviders", request::supportedIdentityProviders);
        properties.ifTexts("ReadAttributes", request::readAttributes);
        properties.ifTexts("WriteAttributes", request::writeAttributes);
        properties.optionalText("AllowedOAuthFlowsUserPoolClient").map(Boolean::parseBoolean).ifPresent(request::allowedOAuthFlowsUserPoolClient);
        properties.optionalText("PreventUserExistenceErrors").ifPresent(request::preventUserExistenceErrors);
        properties.optionalText("EnableTokenRevocation").map(Boolean::parseBoolean).ifPresent(request::enableTokenRevocation);
        properties.integer("AccessTokenValidity").ifPresent(request::accessTokenValidity);
        properties.integer("IdTokenValidity").ifPresent(request::idTokenValidity);
        properties.integer("RefreshTokenValidity").ifPresent(request::refreshTokenValidity);
        properties.integer("AuthSessionValidity").ifPresent(request::authSessionValidity);
        properties.ifObject("TokenValidityUnits", units -> request.tokenValidityUnits(u -> u
                .accessToken(units.optionalText("AccessToken").orElse(null))
                .idToken(units.optionalText("IdToken").orElse(null))
                .refreshToken(units.optionalText("RefreshToken").orElse(null))));
        return request.build();
    }
}
