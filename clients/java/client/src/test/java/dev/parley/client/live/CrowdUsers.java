package dev.parley.client.live;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parley.client.auth.Tokens;
import dev.parley.model.ProtocolCodec;
import okhttp3.MediaType;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The users of the benchmark's crowd, created in the local user pool as an administrator would
 * (AdminCreateUser, a permanent password; moto takes them unsigned) and signed in through the SDK's
 * CognitoAuth, which runs the pool's PostAuthentication trigger like any sign-in.
 *
 * <p>Why many users and not the demo users' devices: a user's live connections are one item
 * (the functions' DynamoDbConnectionRepository), so 333 devices per user made every connect and disconnect rewrite a
 * 333-entry item; under moto's one lock each such call took 40 to 100 ms instead of about 8, and a
 * crowd of devices of three users measured that item, not the SDK. Devices in a region belong to
 * different people, a few each.
 */
final class CrowdUsers {
    /** A phone and a laptop. */
    static final int DEVICES_PER_USER = 2;
    /** The pool's policy: 12+ characters, upper and lower case, a digit. */
    private static final String PASSWORD = "Crowd-password-1";
    private static final MediaType AMZ_JSON = MediaType.get("application/x-amz-json-1.1");

    private final TestCloud cloud;

    CrowdUsers(TestCloud cloud) {
        this.cloud = cloud;
    }

    /** {@code count} new users, signed in, in order; four at a time (moto serves one call at a time anyway). */
    List<Tokens> create(int count, String runTag) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Tokens>> users = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                String username = "crowd-" + runTag + "-" + i;
                users.add(pool.submit(() -> create(username)));
            }
            List<Tokens> tokens = new ArrayList<>();
            for (Future<Tokens> user : users) {
                tokens.add(user.get());
            }
            return tokens;
        } finally {
            pool.shutdownNow();
        }
    }

    private Tokens create(String username) throws Exception {
        ObjectNode createUser = ProtocolCodec.instance().mapper().createObjectNode()
                .put("UserPoolId", cloud.userPoolId).put("Username", username).put("MessageAction", "SUPPRESS");
        admin("AdminCreateUser", createUser);
        ObjectNode setPassword = ProtocolCodec.instance().mapper().createObjectNode()
                .put("UserPoolId", cloud.userPoolId).put("Username", username).put("Password", PASSWORD)
                .put("Permanent", true);
        admin("AdminSetUserPassword", setPassword);
        return cloud.cognito.signIn(username, PASSWORD, null);
    }

    private JsonNode admin(String operation, ObjectNode body) throws IOException {
        Request request = new Request.Builder().url(cloud.awsEndpoint)
                .header("X-Amz-Target", "AWSCognitoIdentityProviderService." + operation)
                .post(RequestBody.create(body.toString(), AMZ_JSON))
                .build();
        try (Response response = TestCloud.HTTP.newCall(request).execute()) {
            String text = response.body().string();
            if (!response.isSuccessful()) {
                throw new IOException(operation + " failed with HTTP " + response.code() + ": " + text);
            }
            return ProtocolCodec.instance().mapper().readTree(text.isEmpty() ? "{}" : text);
        }
    }
}
