package dev.parley.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parley.model.ProtocolCodec;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Where the chat connects and signs in: the local cloud's endpoints file (with its demo users'
 * passwords, for convenience), or a stage named by its URL, Cognito endpoint and app client id.
 */
record Target(String webSocketUrl, String cognitoEndpoint, String clientId, Map<String, String> demoPasswords) {

    static Target fromEndpoints(Path file) throws IOException {
        JsonNode json = ProtocolCodec.instance().mapper().readTree(file.toFile());
        Map<String, String> passwords = new LinkedHashMap<>();
        json.path("demoUsers").forEach(user -> passwords.put(user.path("username").asText(), user.path("password").asText()));
        return new Target(json.path("webSocketUrl").asText(), json.path("awsEndpoint").asText(),
                json.path("userPoolClientId").asText(), passwords);
    }
}
