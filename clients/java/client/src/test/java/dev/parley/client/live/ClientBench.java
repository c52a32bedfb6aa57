package dev.parley.client.live;

import dev.parley.client.ConnectionState;
import dev.parley.client.ParleyClient;
import dev.parley.client.ParleyListener;
import dev.parley.client.auth.Session;
import dev.parley.client.auth.Tokens;
import dev.parley.client.store.InMemoryStore;
import dev.parley.client.store.OutboxEntry;
import dev.parley.model.v1.CreateConversationRequest;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.awaitility.Awaitility.await;

/**
 * {@code ./parley bench --client}: the Java SDK against the local cloud over real sockets.
 * Workload:
 * <ol>
 *   <li><b>Memory per idle client</b>: N clients (devices of the demo users, one shared
 *       OkHttpClient, in-memory stores) connect and sync; heap used after GC, divided by N.</li>
 *   <li><b>Reconnect storm</b>: a TCP relay in front of the gateway drops every socket and refuses
 *       connects for 2 s (the gateway "restarts"), then lets at most {@code rate} new connections a
 *       second through and answers the rest 429, as API Gateway's quota does (the emulator has no
 *       quota). Reported: seconds until every client is connected and synced again, the peak of
 *       connects let through per second, attempts per second and 429s.</li>
 *   <li><b>Throughput of one client</b>: one client sends M messages to one group through its
 *       outbox; messages per second until the last is acknowledged.</li>
 * </ol>
 * Targets (exit 1 when missed): every client back within {@code 3 × N / rate + 15} s; the clients'
 * attempts never exceed 4 × the rate in any second of the storm's second half (the crowd
 * spread); the peak of connects let through never exceeds the rate. A phase that does not end
 * within its limit prints a PARTIAL line with where the clients are and why, and exits 1.
 * Arguments: endpoints-file [clients=1000] [rate=100] [messages=300].
 */
public final class ClientBench {
    private ClientBench() {
    }

    public static void main(String[] args) throws Exception {
        System.setProperty("parley.endpoints", args[0]);
        int clients = args.length > 1 ? Integer.parseInt(args[1]) : 1000;
        int rate = args.length > 2 ? Integer.parseInt(args[2]) : 100;
        int messages = args.length > 3 ? Integer.parseInt(args[3]) : 300;
        java.util.logging.Logger.getLogger("").setLevel(java.util.logging.Level.SEVERE);
        TestCloud cloud = TestCloud.get();
        boolean ok = true;

        List<Tokens> users = List.of(cloud.signIn("alice"), cloud.signIn("bob"), cloud.signIn("carol"));
        try (TcpProxy relay = new TcpProxy(cloud.gatewayPort())) {
            relay.limitConnectsPerSecond(rate);
            String url = cloud.webSocketUrlVia(relay.port());
            Map<String, Long> lastSynced = new java.util.concurrent.ConcurrentHashMap<>();
            List<ParleyClient> all = new ArrayList<>();
            // One client first, so the authorizer has fetched its signing keys before the crowd arrives.
            try (ParleyClient warmUp = cloud.client(url, new Session(users.get(0), cloud.cognito), TestCloud.newDeviceId("warm"),
                    new InMemoryStore(), o -> { })) {
                warmUp.start();
                await().atMost(Duration.ofMinutes(2)).until(() -> warmUp.state() instanceof ConnectionState.Connected);
            }
            long heapBefore = usedHeapAfterGc();
            long start = System.nanoTime();
            for (int i = 0; i < clients; i++) {
                Tokens tokens = users.get(i % users.size());
                String device = "storm-" + i + "-" + Long.toHexString(System.nanoTime());
                // One message per conversation in the store: the figure is the client's, not the user's history.
                ParleyClient client = ParleyClient.options(url, device, new Session(tokens, cloud.cognito), new InMemoryStore())
                        .http(TestCloud.HTTP).syncPageLimit(1).build();
                client.addListener(new ParleyListener() {
                    @Override
                    public void onSynced() {
                        lastSynced.put(device, System.nanoTime());
                    }
                });
                all.add(client.start());
            }
            // Setup, not a target: a client refused several times may wait out a window near the 5-minute backoff cap.
            double connectLimit = 3.0 * clients / rate + 330;
            if (!waitFor("first connect", connectLimit, start, all, relay, () -> lastSynced.size() >= clients,
                    () -> lastSynced.size() + " of " + clients + " synced")) {
                all.forEach(ParleyClient::close);
                System.exit(1);
            }
            double firstConnect = (System.nanoTime() - start) / 1e9;
            long perClient = (usedHeapAfterGc() - heapBefore) / clients;
            System.out.printf("clients: %d connected and synced in %.1f s (through a relay at %d connects/s)%n",
                    clients, firstConnect, rate);
            System.out.printf("memory per idle connected client: %d KB (heap after GC / %d; in-memory store with one message per conversation, shared OkHttpClient)%n",
                    perClient / 1024, clients);

            relay.resetCounters();
            relay.offline();
            await().atMost(Duration.ofMinutes(1)).until(() -> all.stream().noneMatch(c -> c.state() instanceof ConnectionState.Connected));
            Thread.sleep(2_000); // the outage itself: the relay refuses every connect for 2 s
            long stormStart = System.nanoTime();
            relay.online();
            double stormTarget = 3.0 * clients / rate + 15;
            boolean back = waitFor("reconnect storm", 2 * stormTarget + 60, stormStart, all, relay,
                    () -> lastSynced.values().stream().filter(at -> at > stormStart).count() >= clients
                            && all.stream().allMatch(c -> c.state() instanceof ConnectionState.Connected),
                    () -> lastSynced.values().stream().filter(at -> at > stormStart).count() + " of " + clients
                            + " synced again");
            if (!back) {
                all.forEach(ParleyClient::close);
                System.exit(1);
            }
            double storm = (System.nanoTime() - stormStart) / 1e9;
            Map<Long, Integer> accepted = relay.acceptedPerSecond();
            Map<Long, Integer> attempts = relay.attemptsPerSecond();
            int peakAccepted = accepted.values().stream().mapToInt(Integer::intValue).max().orElse(0);
            List<Integer> attemptSeries = new ArrayList<>(attempts.values());
            // The second half of the storm: by then the doubling windows have spread the crowd; a fixed retry
            // interval would still make about one attempt per waiting client a second.
            int peakAttemptsAfterSpread = attemptSeries.stream().skip(attemptSeries.size() / 2)
                    .mapToInt(Integer::intValue).max().orElse(0);
            System.out.printf("reconnect storm: all %d connected and synced %.1f s after the gateway came back (target <= %.0f s)%n",
                    clients, storm, stormTarget);
            System.out.printf("  connects let through per second: peak %d (rate %d); attempts per second: %s; 429s: %d%n",
                    peakAccepted, rate, attemptSeries, relay.throttled());
            ok &= check(storm <= stormTarget, "the storm took longer than " + stormTarget + " s");
            ok &= check(peakAccepted <= rate, "more connects than the rate got through");
            ok &= check(peakAttemptsAfterSpread <= 4 * rate, "attempts stayed above 4x the rate in the storm's second half: the crowd did not spread");

            all.forEach(ParleyClient::close);
        }

        ok &= throughput(cloud, messages);
        System.exit(ok ? 0 : 1);
    }

    private static boolean throughput(TestCloud cloud, int messages) throws Exception {
        Session alice = cloud.session("alice");
        Session bob = cloud.session("bob");
        try (ParleyClient sender = cloud.client(alice, TestCloud.newDeviceId("bench"), new InMemoryStore(), o -> { });
             ParleyClient other = cloud.client(bob, TestCloud.newDeviceId("bench"), new InMemoryStore(), o -> { })) {
            sender.start();
            other.start();
            await().atMost(Duration.ofMinutes(1)).until(() -> sender.state() instanceof ConnectionState.Connected
                    && other.state() instanceof ConnectionState.Connected);
            String group = sender.api().createConversation(new CreateConversationRequest("group", List.of(other.userId()),
                    "bench", null)).get(30, TimeUnit.SECONDS).conversation().conversationId();
            AtomicInteger sent = new AtomicInteger();
            sender.addListener(new ParleyListener() {
                @Override
                public void onOutboxChanged(OutboxEntry entry, OutboxChange change) {
                    if (change == OutboxChange.SENT) {
                        sent.incrementAndGet();
                    }
                }
            });
            long start = System.nanoTime();
            for (int i = 0; i < messages; i++) {
                sender.send(group, "bench " + i);
            }
            await().atMost(Duration.ofMinutes(10)).until(() -> sent.get() >= messages);
            double seconds = (System.nanoTime() - start) / 1e9;
            System.out.printf("throughput of one client: %d messages to one group, each acknowledged, in %.1f s = %.0f messages/s "
                    + "(one send in flight per conversation, to keep its order)%n", messages, seconds, messages / seconds);
        }
        return true;
    }

    /**
     * Waits up to {@code limitSeconds} from {@code since} for the condition, printing progress every
     * 15 s. When the limit passes, prints a partial result with its reason (where the clients are
     * and why the waiting ones wait) and returns false, so a run that cannot finish says so.
     */
    private static boolean waitFor(String phase, double limitSeconds, long since, List<ParleyClient> all, TcpProxy relay,
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
                System.out.printf("  attempts per second: %s; let through: %s; 429s: %d%n",
                        relay.attemptsPerSecond().values(), relay.acceptedPerSecond().values(), relay.throttled());
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

    private static boolean check(boolean held, String otherwise) {
        if (!held) {
            System.out.println("MISSED: " + otherwise);
        }
        return held;
    }

    private static long usedHeapAfterGc() throws InterruptedException {
        Runtime runtime = Runtime.getRuntime();
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(200);
        }
        return runtime.totalMemory() - runtime.freeMemory();
    }
}
