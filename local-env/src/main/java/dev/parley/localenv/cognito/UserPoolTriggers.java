package dev.parley.localenv.cognito;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parley.localenv.gateway.ApiDefinitionReader;
import dev.parley.localenv.gateway.FunctionDefinition;
import dev.parley.localenv.gateway.LambdaFunctionException;
import dev.parley.localenv.gateway.LambdaInvoker;
import dev.parley.localenv.moto.SdkSystemProperties;
import dev.parley.localenv.template.CloudTemplate;
import dev.parley.localenv.template.IntrinsicResolver;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cognitoidentityprovider.CognitoIdentityProviderClient;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AttributeType;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * The user pool's Lambda triggers, which moto does not run: the template's {@code LambdaConfig}
 * ({@code PostConfirmation} and {@code PostAuthentication}; other triggers are logged and not
 * emulated), invoked in-process through {@link LambdaInvoker} with the events Cognito sends. The
 * user's attributes come from moto (AdminGetUser, or GetUser with the new access token), as Cognito
 * sends its own record of the user. {@link CognitoTriggerProxy} calls them when the API calls that
 * fire them on AWS succeed.
 */
public final class UserPoolTriggers implements AutoCloseable {
    static final String POST_CONFIRMATION = "PostConfirmation";
    static final String POST_AUTHENTICATION = "PostAuthentication";
    /** Cognito waits 5 s for a trigger. */
    private static final Duration TRIGGER_TIMEOUT = Duration.ofSeconds(5);
    private static final Logger LOG = LoggerFactory.getLogger(UserPoolTriggers.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String userPoolId;
    private final String region;
    private final Map<String, LambdaInvoker> invokers;
    private final CognitoIdentityProviderClient cognito;

    private UserPoolTriggers(String userPoolId, String region, Map<String, LambdaInvoker> invokers,
                             CognitoIdentityProviderClient cognito) {
        this.userPoolId = userPoolId;
        this.region = region;
        this.invokers = invokers;
        this.cognito = cognito;
    }

    /**
     * The triggers of the template's first user pool ({@code userPoolId}, already provisioned).
     *
     * @param localize adds what a function needs locally to its template environment ({@code AWS_ENDPOINT_URL})
     */
    public static UserPoolTriggers read(CloudTemplate template, IntrinsicResolver resolver, String userPoolId,
                                        UnaryOperator<FunctionDefinition> localize, Region region, String accountId,
                                        ClassLoader handlerClassLoader) {
        Map<String, LambdaInvoker> invokers = new LinkedHashMap<>();
        template.resourcesOfType("AWS::Cognito::UserPool").values().stream().findFirst().ifPresent(pool ->
                pool.properties().path("LambdaConfig").properties().forEach(trigger -> {
                    if (!List.of(POST_CONFIRMATION, POST_AUTHENTICATION).contains(trigger.getKey())) {
                        LOG.info("user pool trigger not emulated trigger={}", trigger.getKey());
                        return;
                    }
                    FunctionDefinition function = localize.apply(
                            ApiDefinitionReader.functionBehind(template, resolver, trigger.getValue(), pool.logicalId()));
                    invokers.put(trigger.getKey(), new LambdaInvoker(function, region.id(), accountId, handlerClassLoader));
                }));
        CognitoIdentityProviderClient cognito = CognitoIdentityProviderClient.builder().region(region)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(
                        SdkSystemProperties.ACCESS_KEY_ID, SdkSystemProperties.SECRET_ACCESS_KEY)))
                .httpClientBuilder(UrlConnectionHttpClient.builder()).build();
        return new UserPoolTriggers(userPoolId, region.id(), invokers, cognito);
    }

    public String userPoolId() {
        return userPoolId;
    }

    /** ConfirmSignUp, AdminConfirmSignUp or ConfirmForgotPassword of {@code username} succeeded. */
    public void confirmed(String username, String clientId, String source) throws LambdaFunctionException {
        if (!invokers.containsKey(POST_CONFIRMATION)) {
            return;
        }
        var user = cognito.adminGetUser(r -> r.userPoolId(userPoolId).username(username));
        invoke(POST_CONFIRMATION, "PostConfirmation_" + source, user.username(), clientId, user.userAttributes(),
                user.userStatusAsString());
    }

    /** A sign-in returned tokens (not a refresh, which Cognito does not count as authentication). */
    public void authenticated(String accessToken, String clientId) throws LambdaFunctionException {
        if (!invokers.containsKey(POST_AUTHENTICATION)) {
            return;
        }
        var user = cognito.getUser(r -> r.accessToken(accessToken));
        invoke(POST_AUTHENTICATION, "PostAuthentication_Authentication", user.username(), clientId, user.userAttributes(),
                "CONFIRMED");
    }

    private void invoke(String trigger, String source, String username, String clientId, List<AttributeType> attributes,
                        String status) throws LambdaFunctionException {
        ObjectNode event = JSON.createObjectNode()
                .put("version", "1")
                .put("region", region)
                .put("userPoolId", userPoolId)
                .put("userName", username)
                .put("triggerSource", source);
        event.putObject("callerContext").put("awsSdkVersion", "aws-sdk-unknown-unknown")
                .put("clientId", Optional.ofNullable(clientId).orElse("CLIENT_ID_NOT_APPLICABLE"));
        ObjectNode request = event.putObject("request");
        if (trigger.equals(POST_AUTHENTICATION)) {
            request.put("newDeviceUsed", false);
        }
        ObjectNode userAttributes = request.putObject("userAttributes");
        attributes.forEach(attribute -> userAttributes.put(attribute.name(), attribute.value()));
        userAttributes.put("cognito:user_status", status);
        event.putObject("response");
        invokers.get(trigger).invoke(event.toString().getBytes(StandardCharsets.UTF_8), Instant.now().plus(TRIGGER_TIMEOUT));
        LOG.debug("user pool trigger ran trigger={} user={}", source, username);
    }

    /** What a trigger answered when it failed, as Cognito reports it to the caller. */
    static JsonNode failure(LambdaFunctionException e) {
        return JSON.createObjectNode().put("__type", "UnexpectedLambdaException")
                .put("message", e.functionName() + " failed with error " + e.errorMessage() + ".");
    }

    @Override
    public void close() {
        cognito.close();
    }
}
