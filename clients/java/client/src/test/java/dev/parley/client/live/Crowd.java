package dev.parley.client.live;

import dev.parley.client.ConnectionState;
import dev.parley.client.ParleyClient;
import dev.parley.client.ParleyListener;
import dev.parley.client.store.OutboxEntry;
import dev.parley.model.v1.CreateConversationRequest;
import dev.parley.model.v1.MessageEvent;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/** What {@link ClientBench} does with its crowd of clients: waiting on them with a diagnosis, and their conversations. */
final class Crowd {
    private Crowd() {
    }

    /**
     * Gives each pair of users (devices 4k, 4k+1 of one user, 4k+2, 4k+3 of the other) a direct
     * conversation with one message, and waits until every device of the pair holds it (its store
     * is then what an idle client of a person with one chat holds). Setup, not a target.
     */
    static void converse(List<ParleyClient> all) throws Exception {
        int perPair = 2 * CrowdUsers.DEVICES_PER_USER;
        int pairs = all.size() / perPair;
        Map<ParleyClient, String> devicesHolding = new ConcurrentHashMap<>();
        for (ParleyClient client : all) {
            client.addListener(new ParleyListener() {
                @Override
                public void onMessage(MessageEvent message) {
                    devicesHolding.put(client, message.conversationId());
                }

                @Override
                public void onOutboxChanged(OutboxEntry entry, OutboxChange change) {
                    if (change == OutboxChange.SENT) {
                        devicesHolding.put(client, entry.conversationId());
                    }
                }
            });
        }
        long start = System.nanoTime();
        for (int pair = 0; pair < pairs; pair++) {
            ParleyClient sender = all.get(pair * perPair);
            String other = all.get(pair * perPair + CrowdUsers.DEVICES_PER_USER).userId();
            String conversation = sender.api().createConversation(new CreateConversationRequest("direct", List.of(other),
                    null, null)).get(60, TimeUnit.SECONDS).conversation().conversationId();
            sender.send(conversation, "hello from the crowd");
        }
        int expected = pairs * perPair;
        boolean held = waitUntil(Duration.ofMinutes(3), () -> devicesHolding.size() >= expected);
        System.out.printf("conversations: %d direct conversations with one message each, on %d of %d devices, in %.1f s%n",
                pairs, devicesHolding.size(), expected, (System.nanoTime() - start) / 1e9);
        if (!held) {
            System.out.println("  (not every device received its message in time; memory is measured anyway)");
        }
    }

    private static boolean waitUntil(Duration limit, java.util.function.BooleanSupplier done) throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        while (!done.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            Thread.sleep(100);
        }
        return true;
    }

    /**
     * Waits up to {@code limitSeconds} from {@code since} for the condition, printing progress every
     * 15 s. When the limit passes, prints a partial result with its reason (where the clients are
     * and why the waiting ones wait) and returns false, so a run that cannot finish says so.
     */
    static boolean waitFor(String phase, double limitSeconds, long since, List<ParleyClient> all, TcpProxy relay,
                           java.util.function.BooleanSupplier done, java.util.function.Supplier<String> progress)
            throws InterruptedException {
        long deadline = since + (long) (limitSeconds * 1e9);
        long nextReport = System.nanoTime() + 15_000_000_000L;
        while (!done.getAsBoolean()) {
            long now = System.nanoTime();
            if (now > deadline) {
                System.out.printf("PARTIAL: %s stopped after %.0f s: %s; %s%n", phase, (now - since) / 1e9, progress.get(),
                        states(all));
                System.out.println("  reason: " + diagnosis(all));
                System.out.printf("  attempts per second: %s; let through: %s; 429s: %d from the relay, %d from the gateway%n",
                        relay.attemptsPerSecond().values(), relay.acceptedPerSecond().values(), relay.throttled(), relay.throttledUpstream());
                return false;
            }
            if (now > nextReport) {
                System.out.printf("  %s, %.0f s: %s; %s%n", phase, (now - since) / 1e9, progress.get(), states(all));
                nextReport = now + 15_000_000_000L;
            }
            Thread.sleep(100);
        }
        return true;
    }

    /** What the commonest reason the waiting clients give means for this run. */
    private static String diagnosis(List<ParleyClient> all) {
        Map<String, Long> kinds = new java.util.HashMap<>();
        for (ParleyClient client : all) {
            if (client.state() instanceof ConnectionState.Waiting waiting && waiting.reason() != null) {
                String reason = waiting.reason();
                String kind = reason.contains("401") ? "401"
                        : reason.contains("HTTP 500") ? "500"
                        : reason.contains("token refresh") ? "refresh"
                        : reason.contains("imeout") ? "timeout" : "other";
                kinds.merge(kind, 1L, Long::sum);
            }
        }
        String top = kinds.entrySet().stream().max(Map.Entry.comparingByValue()).map(Map.Entry::getKey).orElse("none");
        return switch (top) {
            case "timeout" -> "connects waited longer than the SDK's 30 s handshake timeout: the local cloud completes fewer "
                    + "connects a second than the rate lets through, so they queue, are abandoned and retried (run with a lower rate)";
            case "401" -> "the authorizer refused valid tokens (UnknownSigningKey in the local-env log: its signing-key fetch "
                    + "fails under a connect flood)";
            case "500" -> "the authorizer or $connect failed (local-env log): their DynamoDB calls or the JWKS fetch "
                    + "waited behind moto's queue longer than their timeouts";
            case "refresh" -> "token refreshes through the local Cognito (moto) did not answer in time";
            case "none" -> "no client is waiting: the connected ones have not finished their sync";
            default -> "see the waiting reasons above";
        };
    }

    /** How many clients are in each state, and the commonest reasons the waiting ones give. */
    private static String states(List<ParleyClient> all) {
        Map<String, Long> byState = new java.util.TreeMap<>();
        Map<String, Long> reasons = new java.util.HashMap<>();
        for (ParleyClient client : all) {
            ConnectionState state = client.state();
            byState.merge(state.getClass().getSimpleName(), 1L, Long::sum);
            if (state instanceof ConnectionState.Waiting waiting) {
                reasons.merge(String.valueOf(waiting.reason()).replaceAll("[0-9a-f]{8,}", "…"), 1L, Long::sum);
            } else if (state instanceof ConnectionState.SignedOut out) {
                reasons.merge("signed out: " + out.reason(), 1L, Long::sum);
            }
        }
        String top = reasons.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed()).limit(3)
                .map(e -> e.getValue() + " × " + e.getKey()).collect(java.util.stream.Collectors.joining("; "));
        return "states " + byState + (top.isEmpty() ? "" : "; waiting because: " + top);
    }

}
