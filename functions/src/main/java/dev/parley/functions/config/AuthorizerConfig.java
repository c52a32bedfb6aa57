package dev.parley.functions.config;

import java.net.URI;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;

/**
 * Configuration of the $connect authorizer. The issuer and JWKS URL are configurable because
 * AWS, LocalStack and moto serve them from different places: moto signs tokens with the real
 * AWS issuer but serves the keys from its own endpoint.
 *
 * @param appClientIds the accepted {@code client_id} claims ({@code APP_CLIENT_IDS}, comma-separated)
 * @param issuer       the exact {@code iss} claim ({@code TOKEN_ISSUER}, default the Cognito issuer URL)
 * @param jwksUrl      where the signing keys are ({@code JWKS_URL}, default derived as described on {@link #from})
 */
public record AuthorizerConfig(String region, String userPoolId, Set<String> appClientIds, String issuer, URI jwksUrl) {
    public static final String USER_POOL_ID = "USER_POOL_ID";
    public static final String APP_CLIENT_IDS = "APP_CLIENT_IDS";
    public static final String TOKEN_ISSUER = "TOKEN_ISSUER";
    public static final String JWKS_URL = "JWKS_URL";
    /** The standard SDK settings that point Cognito calls at an emulator; the JWKS lives there too. */
    public static final String COGNITO_ENDPOINT = "AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER";
    public static final String ENDPOINT = "AWS_ENDPOINT_URL";
    public static final String ENDPOINT_PROPERTY = "aws.endpointUrl";

    public AuthorizerConfig {
        appClientIds = Set.copyOf(appClientIds);
    }

    public static AuthorizerConfig from(Environment environment) {
        return from(environment, System::getProperty);
    }

    /**
     * Without {@code JWKS_URL}, the keys are read from {@code {endpoint}/{poolId}/.well-known/jwks.json}
     * when an endpoint override is set (env {@value #COGNITO_ENDPOINT}, env {@value #ENDPOINT}, or system
     * property {@value #ENDPOINT_PROPERTY}, in that order), else from {@code {issuer}/.well-known/jwks.json}.
     */
    public static AuthorizerConfig from(Environment environment, UnaryOperator<String> systemProperty) {
        String region = AwsRegion.from(environment);
        String poolId = UserPoolConfig.from(environment).userPoolId();
        Set<String> clientIds = Arrays.stream(environment.required(APP_CLIENT_IDS).split(","))
                .map(String::trim)
                .filter(id -> !id.isEmpty())
                .collect(Collectors.toCollection(LinkedHashSet::new));
        if (clientIds.isEmpty()) {
            throw new ConfigurationException(APP_CLIENT_IDS + " names no app client id.");
        }
        String issuer = environment.optional(TOKEN_ISSUER)
                .orElse("https://cognito-idp." + region + ".amazonaws.com/" + poolId);
        String jwksUrl = environment.optional(JWKS_URL)
                .or(() -> endpointOverride(environment, systemProperty)
                        .map(endpoint -> withoutTrailingSlash(endpoint) + "/" + poolId + "/.well-known/jwks.json"))
                .orElse(withoutTrailingSlash(issuer) + "/.well-known/jwks.json");
        return new AuthorizerConfig(region, poolId, clientIds, issuer, httpUri(jwksUrl));
    }

    private static Optional<String> endpointOverride(Environment environment, UnaryOperator<String> systemProperty) {
        return environment.optional(COGNITO_ENDPOINT)
                .or(() -> environment.optional(ENDPOINT))
                .or(() -> Optional.ofNullable(systemProperty.apply(ENDPOINT_PROPERTY)).filter(s -> !s.isBlank()));
    }

    private static String withoutTrailingSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    private static URI httpUri(String url) {
        try {
            URI uri = URI.create(url);
            if (("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) && uri.getHost() != null) {
                return uri;
            }
        } catch (IllegalArgumentException e) {
            // reported below with the variable's name
        }
        throw new ConfigurationException("The JWKS URL is not an http(s) URL: " + url);
    }
}
