package dev.parley.localenv.gateway.testfunctions;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayCustomAuthorizerEvent;
import com.amazonaws.services.lambda.runtime.events.IamPolicyResponseV1;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A REQUEST authorizer typed like Parley's, scripted by the {@code token} query parameter:
 * {@code allow}, {@code deny}, {@code unauthorized} (throws "Unauthorized"), {@code unauthorized-lowercase}
 * (throws "unauthorized"), {@code boom} (throws something else), {@code no-message} (throws without a
 * message), {@code no-principal} (no principalId), {@code nested} (an object in the context), {@code big}
 * (a context over 8 KB). Every invocation is recorded as {@code {"authorizerToken", "methodArn", "deviceId"}}.
 */
public final class TestAuthorizer implements RequestHandler<APIGatewayCustomAuthorizerEvent, IamPolicyResponseV1> {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final EventRecorder recorder;

    public TestAuthorizer(Map<String, String> environment) {
        this.recorder = EventRecorder.named(environment.get("RECORDER"));
    }

    @Override
    public IamPolicyResponseV1 handleRequest(APIGatewayCustomAuthorizerEvent event, Context context) {
        String token = event.getQueryStringParameters().get("token");
        recorder.record(JSON.createObjectNode().put("authorizerToken", token).put("methodArn", event.getMethodArn())
                .put("deviceId", event.getQueryStringParameters().get("deviceId")));
        Map<String, Object> policyContext = new LinkedHashMap<>();
        policyContext.put("userId", "user-1");
        policyContext.put("n", 42);
        policyContext.put("admin", true);
        String effect = IamPolicyResponseV1.ALLOW;
        String principalId = "user-1";
        switch (token) {
            case "deny" -> effect = IamPolicyResponseV1.DENY;
            case "unauthorized" -> throw new RuntimeException("Unauthorized");
            case "unauthorized-lowercase" -> throw new RuntimeException("unauthorized");
            case "boom" -> throw new IllegalStateException("authorizer bug");
            case "no-message" -> throw new IllegalStateException();
            case "no-principal" -> principalId = null;
            case "nested" -> policyContext.put("profile", Map.of("name", "x"));
            case "big" -> policyContext.put("padding", "x".repeat(9000));
            default -> {
            }
        }
        IamPolicyResponseV1.Statement statement = IamPolicyResponseV1.Statement.builder()
                .withEffect(effect).withAction(IamPolicyResponseV1.EXECUTE_API_INVOKE)
                .withResource(List.of(event.getMethodArn())).build();
        return IamPolicyResponseV1.builder()
                .withPrincipalId(principalId)
                .withPolicyDocument(IamPolicyResponseV1.PolicyDocument.builder()
                        .withVersion(IamPolicyResponseV1.VERSION_2012_10_17).withStatement(List.of(statement)).build())
                .withContext(policyContext)
                .build();
    }
}
