package dev.parley.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parley.model.v1.Actions;
import org.eclipse.jetty.websocket.client.WebSocketClient;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * The benchmark's devices and the conversations between them, set up over the wire before a
 * workload's measured sends: sockets opened through the authorizer and $connect, conversations
 * made with createConversation.
 */
final class Fleet {
    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    private final WebSocketClient client;
    private final URI webSocketUrl;
    private final Device.EventListener events;
    private final Progress progress;
    private final int parallelism;

    Fleet(WebSocketClient client, URI webSocketUrl, Device.EventListener events, Progress progress, int parallelism) {
        this.client = client;
        this.webSocketUrl = webSocketUrl;
        this.events = events;
        this.progress = progress;
        this.parallelism = parallelism;
    }

    /** One device per user, connected; fails if any handshake is refused. */
    List<Device> connect(String label, List<BenchUser> users) {
        return inParallel(label + ": connected", users, user -> Device.connect(client, webSocketUrl, user, events));
    }

    /** Closes the sockets cleanly; each close fires $disconnect. */
    void close(List<Device> devices) {
        CompletableFuture.allOf(devices.stream().map(Device::close).toArray(CompletableFuture[]::new))
                .orTimeout(TIMEOUT.toSeconds(), TimeUnit.SECONDS).join();
    }

    /** A direct conversation per pair, created by the pair's first device. */
    List<ChatRoom> directConversations(String label, List<List<Device>> pairs) {
        return inParallel(label + ": direct conversations created", pairs, pair -> create(pair.get(0),
                Device.fields().put("kind", "direct").set("members", Device.fields().arrayNode().add(pair.get(1).user().userId())))
                .thenApply(id -> new ChatRoom(id, pair)));
    }

    /** A group of these members, created by the first. */
    ChatRoom group(List<Device> members) {
        var ids = Device.fields().arrayNode();
        members.subList(1, members.size()).forEach(member -> ids.add(member.user().userId()));
        String id = create(members.get(0), Device.fields().put("kind", "group").put("title", "Benchmark group")
                .set("members", ids)).orTimeout(TIMEOUT.toSeconds(), TimeUnit.SECONDS).join();
        return new ChatRoom(id, List.copyOf(members));
    }

    private CompletableFuture<String> create(Device creator, ObjectNode request) {
        return creator.request(Actions.CREATE_CONVERSATION, request).thenApply(reply -> {
            JsonNode id = reply.path("conversation").path("conversationId");
            if (!id.isTextual()) {
                throw new IllegalStateException("a createConversation reply without a conversation id: " + reply);
            }
            return id.asText();
        });
    }

    /** Runs {@code task} for every input, at most {@code parallelism} at a time; results in input order. */
    private <I, O> List<O> inParallel(String label, List<I> inputs, Function<I, CompletableFuture<O>> task) {
        Semaphore slots = new Semaphore(parallelism);
        AtomicInteger done = new AtomicInteger();
        List<CompletableFuture<O>> results = new ArrayList<>();
        try (AutoCloseable ticker = progress.every2Seconds(() -> "%s %d/%d".formatted(label, done.get(), inputs.size()))) {
            for (I input : inputs) {
                slots.acquire();
                results.add(task.apply(input).orTimeout(TIMEOUT.toSeconds(), TimeUnit.SECONDS)
                        .whenComplete((result, failure) -> {
                            slots.release();
                            done.incrementAndGet();
                        }));
            }
            CompletableFuture.allOf(results.toArray(CompletableFuture[]::new)).join();
        } catch (Exception e) {
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            throw new IllegalStateException(label + " failed: " + cause.getMessage(), cause);
        }
        return results.stream().map(CompletableFuture::join).toList();
    }
}
