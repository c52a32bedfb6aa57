package dev.parley.functions.handler;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.events.APIGatewayCustomAuthorizerEvent;
import com.amazonaws.services.lambda.runtime.events.IamPolicyResponseV1;
import dev.parley.functions.domain.device.RevocationRecords;
import dev.parley.functions.domain.identity.AuthorizeConnection;
import dev.parley.functions.domain.identity.VerifiedIdentity;
import dev.parley.functions.log.JsonLogger;
import dev.parley.functions.wiring.ConnectionWiring;

import java.util.List;
import java.util.Map;

/**
 * The REQUEST authorizer of $connect: {@code ?token=<Cognito access token>&deviceId=<id>}.
 * Allows with the identity in the policy context, or throws "Unauthorized", which API Gateway
 * answers with 401. A valid token of a revoked device (revokeDevice, signOutEverywhere) gets an
 * explicit Deny policy instead, which API Gateway answers with 403. When the check itself fails (the
 * JWKS or the revocation records cannot be read) it throws with another message, which API Gateway
 * answers with 500: only the exact message "Unauthorized" is a refusal. Why a token was refused is
 * logged ({@code reason}), never told to the client.
 *
 * <p>Environment: {@code AWS_REGION}, {@code USER_POOL_ID}, {@code APP_CLIENT_IDS}, optionally
 * {@code TOKEN_ISSUER} and {@code JWKS_URL} (see {@code AuthorizerConfig}), and {@code DEVICES_TABLE},
 * whose revocation records it reads with one strongly consistent BatchGetItem per connection.
 */
public final class AuthorizerHandler extends PrimedHandler<APIGatewayCustomAuthorizerEvent, IamPolicyResponseV1> {
    private static final JsonLogger LOG = JsonLogger.of(AuthorizerHandler.class);

    private final AuthorizeConnection authorizeConnection;

    /** Lambda's entry point: configured from the process environment, primed before a SnapStart snapshot. */
    public AuthorizerHandler() {
        this(new ConnectionWiring(System.getenv()));
        primeBeforeSnapshot();
    }

    /** An instance with its own environment, as local-env runs each function. */
    public AuthorizerHandler(Map<String, String> environment) {
        this(new ConnectionWiring(environment));
    }

    /** An instance with its own environment but given revocation records, for tests without a devices table. */
    public AuthorizerHandler(Map<String, String> environment, RevocationRecords revocations) {
        this(new ConnectionWiring(environment), revocations);
    }

    private AuthorizerHandler(ConnectionWiring wiring) {
        super(wiring::prime, wiring::offline);
        this.authorizeConnection = wiring.authorizeConnection();
    }

    private AuthorizerHandler(ConnectionWiring wiring, RevocationRecords revocations) {
        super(wiring::prime, wiring::offline);
        this.authorizeConnection = wiring.authorizeConnection(revocations);
    }

    @Override
    public IamPolicyResponseV1 handleRequest(APIGatewayCustomAuthorizerEvent event, Context context) {
        Map<String, String> query = event.getQueryStringParameters() == null ? Map.of() : event.getQueryStringParameters();
        Map<String, Object> fields = JsonLogger.fields("requestId",
                event.getRequestContext() == null ? null : event.getRequestContext().getRequestId(), "route", "$connect");
        AuthorizeConnection.Decision decision;
        try {
            decision = authorizeConnection.authorize(query.get("token"), query.get("deviceId"));
        } catch (RuntimeException e) {
            LOG.error("authorization failed", fields, e);
            throw new IllegalStateException("The authorizer failed; the cause is logged under the request id.");
        }
        return switch (decision) {
            case AuthorizeConnection.Granted granted -> {
                fields.putAll(JsonLogger.fields("userId", granted.identity().userId(), "deviceId", granted.identity().deviceId()));
                LOG.info("connection authorized", fields);
                yield allow(event.getMethodArn(), granted.identity());
            }
            case AuthorizeConnection.Revoked revoked -> {
                fields.putAll(JsonLogger.fields("userId", revoked.identity().userId(), "deviceId", revoked.identity().deviceId(),
                        "reason", revoked.reason()));
                LOG.warn("connection refused", fields);
                yield deny(event.getMethodArn(), revoked.identity());
            }
            case AuthorizeConnection.Refused refused -> {
                fields.put("reason", refused.reason());
                LOG.warn("connection refused", fields);
                throw new RuntimeException("Unauthorized");
            }
        };
    }

    /** An explicit Deny, with no context: API Gateway answers 403 and the route never runs. */
    private static IamPolicyResponseV1 deny(String methodArn, VerifiedIdentity identity) {
        return IamPolicyResponseV1.builder()
                .withPrincipalId(identity.userId())
                .withPolicyDocument(IamPolicyResponseV1.PolicyDocument.builder()
                        .withVersion(IamPolicyResponseV1.VERSION_2012_10_17)
                        .withStatement(List.of(IamPolicyResponseV1.denyStatement(methodArn)))
                        .build())
                .build();
    }

    private static IamPolicyResponseV1 allow(String methodArn, VerifiedIdentity identity) {
        return IamPolicyResponseV1.builder()
                .withPrincipalId(identity.userId())
                .withPolicyDocument(IamPolicyResponseV1.PolicyDocument.builder()
                        .withVersion(IamPolicyResponseV1.VERSION_2012_10_17)
                        .withStatement(List.of(IamPolicyResponseV1.allowStatement(methodArn)))
                        .build())
                .withContext(Map.of(
                        "userId", identity.userId(),
                        "deviceId", identity.deviceId(),
                        "username", identity.username(),
                        // Epoch seconds of the sign-in: deleteAccount asks for a recent one.
                        "authTime", identity.authTime().getEpochSecond()))
                .build();
    }

    @Override
    APIGatewayCustomAuthorizerEvent primingEvent() {
        return PrimingEvents.authorizer();
    }
}
