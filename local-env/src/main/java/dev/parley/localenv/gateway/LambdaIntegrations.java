package dev.parley.localenv.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * API Gateway's Lambda proxy integrations: every invocation runs on its own thread (invocations are
 * concurrent, even for one connection) and is given up after the integration timeout. A function that
 * overruns keeps running in the background, as a Lambda does until its own timeout, but its result is
 * dropped.
 *
 * <p>Invocations use platform threads, not virtual threads: on JDK 21 a handler blocking inside
 * {@code synchronized} (common in HTTP clients) pins its carrier, and a laptop has few carriers.
 */
final class LambdaIntegrations implements AutoCloseable {
    private final Map<String, LambdaInvoker> invokers;
    private final Duration timeout;
    private final ObjectMapper mapper;
    private final ExecutorService executor;

    LambdaIntegrations(Map<String, LambdaInvoker> invokersByLogicalId, Duration timeout, ObjectMapper mapper) {
        this.invokers = Map.copyOf(invokersByLogicalId);
        this.timeout = timeout;
        this.mapper = mapper;
        AtomicInteger threads = new AtomicInteger();
        this.executor = Executors.newCachedThreadPool(task -> {
            Thread thread = new Thread(task, "lambda-" + threads.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }

    /** Invokes the function with the event; fails with {@link IntegrationException}. */
    CompletableFuture<JsonNode> invoke(FunctionDefinition function, ObjectNode event) {
        LambdaInvoker invoker = invokers.get(function.logicalId());
        Instant deadline = Instant.now().plus(timeout);
        byte[] payload = event.toString().getBytes(StandardCharsets.UTF_8);
        CompletableFuture<JsonNode> result = CompletableFuture.supplyAsync(() -> {
            try {
                return parse(invoker.invoke(payload, deadline));
            } catch (LambdaFunctionException e) {
                throw new CompletionException(IntegrationException.functionError(e));
            }
        }, executor);
        return result.orTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS).exceptionallyCompose(failure -> {
            Throwable cause = failure instanceof CompletionException ? failure.getCause() : failure;
            if (cause instanceof TimeoutException) {
                cause = new IntegrationException(IntegrationException.Kind.TIMEOUT,
                        function.logicalId() + " did not answer within " + timeout, null);
            }
            return CompletableFuture.failedFuture(cause);
        });
    }

    /** {@link #invoke} for callers that must wait (the upgrade request waits for the authorizer and $connect). */
    JsonNode invokeAndWait(FunctionDefinition function, ObjectNode event) throws IntegrationException {
        try {
            return invoke(function, event).get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof IntegrationException integrationFailure) {
                throw integrationFailure;
            }
            throw new IntegrationException(IntegrationException.Kind.FUNCTION_ERROR, String.valueOf(e.getCause()), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IntegrationException(IntegrationException.Kind.TIMEOUT, "interrupted", e);
        }
    }

    /** Starts an invocation whose outcome nobody waits for ($disconnect is best effort). */
    void execute(Runnable task) {
        executor.execute(task);
    }

    private JsonNode parse(byte[] response) {
        try {
            return mapper.readTree(response);
        } catch (IOException e) {
            throw new CompletionException(new IntegrationException(IntegrationException.Kind.MALFORMED_RESPONSE,
                    "response is not JSON", e));
        }
    }

    @Override
    public void close() {
        executor.shutdown();
        try {
            executor.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        executor.shutdownNow();
    }
}
