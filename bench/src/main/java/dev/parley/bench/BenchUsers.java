package dev.parley.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import software.amazon.awssdk.services.cognitoidentityprovider.CognitoIdentityProviderClient;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AuthFlowType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.MessageActionType;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntConsumer;
import java.util.stream.IntStream;

/**
 * Creates the benchmark's users in the local user pool the way an administrator would
 * (AdminCreateUser, a permanent password) and signs each in (USER_PASSWORD_AUTH) for an access token.
 */
final class BenchUsers {
    /** Satisfies the pool's policy: 12+ characters, upper and lower case, a digit. */
    private static final String PASSWORD = "Bench-password-1";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final CognitoIdentityProviderClient cognito;
    private final String userPoolId;
    private final String clientId;

    BenchUsers(CognitoIdentityProviderClient cognito, String userPoolId, String clientId) {
        this.cognito = cognito;
        this.userPoolId = userPoolId;
        this.clientId = clientId;
    }

    /** Users {@code bench-00000} .. in order; {@code progress} hears each one done. */
    List<BenchUser> create(int count, int parallelism, IntConsumer progress) {
        return create("bench", count, parallelism, progress);
    }

    /**
     * Users {@code <prefix>-00000} .. in order; {@code progress} hears each one done. A second set in the
     * same pool needs a prefix of its own: the pool refuses a username it has.
     */
    List<BenchUser> create(String prefix, int count, int parallelism, IntConsumer progress) {
        AtomicInteger done = new AtomicInteger();
        try (ExecutorService pool = Executors.newFixedThreadPool(parallelism)) {
            List<Future<BenchUser>> users = IntStream.range(0, count)
                    .mapToObj(i -> pool.submit(() -> {
                        BenchUser user = create("%s-%05d".formatted(prefix, i));
                        progress.accept(done.incrementAndGet());
                        return user;
                    }))
                    .toList();
            return users.stream().map(BenchUsers::join).toList();
        }
    }

    private BenchUser create(String username) {
        cognito.adminCreateUser(r -> r.userPoolId(userPoolId).username(username).messageAction(MessageActionType.SUPPRESS));
        cognito.adminSetUserPassword(r -> r.userPoolId(userPoolId).username(username).password(PASSWORD).permanent(true));
        String token = cognito.initiateAuth(r -> r.clientId(clientId).authFlow(AuthFlowType.USER_PASSWORD_AUTH)
                .authParameters(Map.of("USERNAME", username, "PASSWORD", PASSWORD))).authenticationResult().accessToken();
        return new BenchUser(username, subject(token), token);
    }

    /** The {@code sub} claim; the token is from our own pool, so reading it unverified is fine. */
    private static String subject(String jwt) {
        try {
            byte[] payload = Base64.getUrlDecoder().decode(jwt.split("\\.")[1]);
            return JSON.readTree(payload).path("sub").asText();
        } catch (IOException e) {
            throw new UncheckedIOException("an access token without a readable payload", e);
        }
    }

    private static BenchUser join(Future<BenchUser> user) {
        try {
            return user.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while creating users", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("creating a user failed: " + e.getCause(), e.getCause());
        }
    }
}
