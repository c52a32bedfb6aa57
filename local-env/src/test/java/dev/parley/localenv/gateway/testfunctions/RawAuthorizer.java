package dev.parley.localenv.gateway.testfunctions;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * A REQUEST authorizer that writes its response bytes itself, like a stream handler or a runtime other
 * than Java's, so it can answer what a typed handler cannot. The {@code token} query parameter picks the
 * response: {@code allow} (a well-formed Allow), {@code not-json}, {@code string} (the JSON string
 * {@code "Unauthorized"}, a success and not an error), {@code array}, {@code no-policy},
 * {@code no-statement}, {@code policy-string} (the policyDocument as a string), {@code numeric-principal}.
 */
public final class RawAuthorizer implements RequestStreamHandler {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        JsonNode event = JSON.readTree(input);
        String methodArn = event.path("methodArn").asText();
        String policy = """
                {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "execute-api:Invoke", "Resource": "%s"}]}"""
                .formatted(methodArn);
        String response = switch (event.at("/queryStringParameters/token").asText()) {
            case "allow" -> "{\"principalId\": \"user-1\", \"policyDocument\": " + policy + "}";
            case "not-json" -> "Unauthorized";
            case "string" -> "\"Unauthorized\"";
            case "array" -> "[" + policy + "]";
            case "no-policy" -> "{\"principalId\": \"user-1\"}";
            case "no-statement" -> "{\"principalId\": \"user-1\", \"policyDocument\": {\"Version\": \"2012-10-17\"}}";
            case "policy-string" -> "{\"principalId\": \"user-1\", \"policyDocument\": " + JSON.writeValueAsString(policy) + "}";
            case "numeric-principal" -> "{\"principalId\": 7, \"policyDocument\": " + policy + "}";
            default -> throw new IllegalArgumentException("no scripted response for this token");
        };
        output.write(response.getBytes(StandardCharsets.UTF_8));
    }
}
