package dev.parley.client.live;

import dev.parley.client.ConnectionState;
import dev.parley.client.ParleyClient;
import dev.parley.client.ParleyListener;
import dev.parley.client.auth.Session;
import dev.parley.client.auth.Tokens;
import dev.parley.client.connection.Backoff;
import dev.parley.client.store.InMemoryStore;
import dev.parley.client.store.OutboxEntry;
import dev.parley.model.v1.CreateConversationRequest;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.awaitility.Awaitility.await;

/**
 * {@code ./parley bench --client}: the Java SDK against the local cloud over real sockets.
 * Workload:
 * <ol>
 *   <li><b>Throughput of one client</b>, first, on a quiet local cloud: alice sends M messages to one
 *       group with bob through her outbox; messages per second until the last is acknowledged.</li>
 *   <li><b>The crowd</b>: N clients, {@link CrowdUsers#DEVICES_PER_USER} devices of each of N/2 new users,
 *       one shared OkHttpClient, in-memory stores, through a TCP relay that lets at most {@code rate} new
 *       connections a second through and answers the rest 429, as API Gateway's quota does (the
 *       emulator has none). They connect and sync; each pair of users then has a direct conversation
 *       with one message. The best 10 s of this first connect measure the local cloud's capacity.</li>
 *   <li><b>Memory per idle client</b>: heap used after GC, divided by N.</li>
 *   <li><b>Reconnect storm</b>: the relay drops every socket and refuses connects for 2 s (the gateway
 *       "restarts"). Reported: seconds until every client is connected and synced again, the peak of
 *       connects let through per second, attempts per second and 429s.</li>
 * </ol>
 * Targets (exit 1 when missed), derived in {@link StormTarget}: every client back within
 * {@code N / capacity + W + L}; the mean attempts a second in the storm's second half under
 * {@code 2N / W(T/2)} (the crowd spread). The peak of connects let through never exceeds the rate
 * (the relay's quota: checked so that a relay fault cannot pass unseen). A phase that does not end
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
        // First, while nothing else runs: after the storm, the crowd's 1,000 $disconnects were still
        // queued on moto's one lock when alice signed in, and her sign-in timed out behind them.
        boolean ok = throughput(cloud, messages);

        long setup = System.nanoTime();
        int userCount = (clients + CrowdUsers.DEVICES_PER_USER - 1) / CrowdUsers.DEVICES_PER_USER;
        String runTag = Long.toHexString(System.currentTimeMillis());
        List<Tokens> users = new CrowdUsers(cloud).create(userCount, runTag);
        System.out.printf("crowd: %d users created and signed in in %.1f s%n", userCount, (System.nanoTime() - setup) / 1e9);

        Backoff backoff = Backoff.defaults();
        try (TcpProxy relay = new TcpProxy(cloud.gatewayPort())) {
            relay.limitConnectsPerSecond(rate);
            String url = cloud.webSocketUrlVia(relay.port());
            Map<String, Long> lastSynced = new ConcurrentHashMap<>();
            Map<String, Long> firstSynced = new ConcurrentHashMap<>();
            Map<String, Long> connecting = new ConcurrentHashMap<>();
            List<Double> connectSeconds = Collections.synchronizedList(new ArrayList<>());
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
                Tokens tokens = users.get(i / CrowdUsers.DEVICES_PER_USER);
                String device = "crowd-" + runTag + "-" + i;
                ParleyClient client = ParleyClient.options(url, device, new Session(tokens, cloud.cognito), new InMemoryStore())
                        .http(TestCloud.HTTP).backoff(backoff).syncPageLimit(1).build();
                client.addStateListener(state -> {
                    if (state instanceof ConnectionState.Connecting) {
                        connecting.put(device, System.nanoTime());
                    }
                });
                client.addListener(new ParleyListener() {
                    @Override
                    public void onSynced() {
                        long now = System.nanoTime();
                        lastSynced.put(device, now);
                        if (firstSynced.putIfAbsent(device, now) == null) {
                            connectSeconds.add((now - connecting.getOrDefault(device, now)) / 1e9);
                        }
                    }
                });
                all.add(client.start());
            }
            // Setup, not a target: a client refused several times may wait out a window up to the 5-minute backoff
            // cap; a local cloud serving fewer than 2 connects and syncs a second stops the run.
            double connectLimit = clients / 2.0 + 360;
            if (!Crowd.waitFor("first connect", connectLimit, start, all, relay, () -> firstSynced.size() >= clients,
                    () -> firstSynced.size() + " of " + clients + " synced")) {
                all.forEach(ParleyClient::close);
                System.exit(1);
            }
            double firstConnect = (System.nanoTime() - start) / 1e9;
            double capacity = StormTarget.bestRate(firstSynced.values(), 10);
            double medianConnect = median(connectSeconds);
            System.out.printf("clients: %d connected and synced in %.1f s through the relay at %d connects/s; best 10 s: "
                    + "%.1f connects and syncs a second (the local cloud's capacity at most); median connect and sync %.1f s%n",
                    clients, firstConnect, rate, capacity, medianConnect);
            Crowd.converse(all);
            long perClient = (usedHeapAfterGc() - heapBefore) / clients;
            System.out.printf("memory per idle connected client: %d KB (heap after GC / %d; in-memory store with one direct "
                    + "conversation and its message, shared OkHttpClient)%n", perClient / 1024, clients);

            relay.resetCounters();
            relay.offline();
            await().atMost(Duration.ofMinutes(1)).until(() -> all.stream().noneMatch(c -> c.state() instanceof ConnectionState.Connected));
            Thread.sleep(2_000); // the outage itself: the relay refuses every connect for 2 s
            long stormStart = System.nanoTime();
            relay.online();
            StormTarget target = StormTarget.of(clients, capacity, backoff, medianConnect);
            boolean back = Crowd.waitFor("reconnect storm", 2 * target.seconds() + 60, stormStart, all, relay,
                    () -> lastSynced.values().stream().filter(at -> at > stormStart).count() >= clients
                            && all.stream().allMatch(c -> c.state() instanceof ConnectionState.Connected),
                    () -> lastSynced.values().stream().filter(at -> at > stormStart).count() + " of " + clients
                            + " synced again");
            if (!back) {
                all.forEach(ParleyClient::close);
                System.exit(1);
            }
            double storm = (System.nanoTime() - stormStart) / 1e9;
            int peakAccepted = relay.acceptedPerSecond().values().stream().mapToInt(Integer::intValue).max().orElse(0);
            List<Integer> attempts = new ArrayList<>(relay.attemptsPerSecond().values());
            double secondHalf = StormTarget.secondHalfMean(attempts);
            double attemptsBound = target.attemptsBound(backoff, storm);
            List<Double> returned = lastSynced.values().stream().filter(at -> at > stormStart)
                    .map(at -> (at - stormStart) / 1e9).sorted().toList();
            System.out.printf("reconnect storm: all %d connected and synced %.1f s after the gateway came back "
                    + "(target <= %.0f s = %s); half back after %.1f s, 90%% after %.1f s, 99%% after %.1f s%n",
                    clients, storm, target.seconds(), target.derivation(), returned.get(returned.size() / 2),
                    returned.get(returned.size() * 9 / 10), returned.get(returned.size() * 99 / 100));
            System.out.printf("  the SDK's backoff alone, against an ideal cloud admitting %.1f a second from the start: all back "
                    + "after %.0f s (StormTarget.simulate)%n", capacity, StormTarget.simulate(clients, capacity, backoff, medianConnect));
            System.out.printf("  connects let through per second: peak %d (rate %d); attempts per second: %s; 429s: %d from the relay, %d from the gateway%n",
                    peakAccepted, rate, attempts, relay.throttled(), relay.throttledUpstream());
            System.out.printf("  attempts per second in the storm's second half: mean %.1f (target <= %.1f = 2 x %d / window %.0f s)%n",
                    secondHalf, attemptsBound, clients, StormTarget.windowAfter(backoff, storm / 2));
            ok &= check(target.met(storm), "the storm took longer than " + Math.round(target.seconds()) + " s");
            ok &= check(peakAccepted <= rate, "more connects than the rate got through the relay");
            ok &= check(secondHalf <= attemptsBound, "the crowd did not spread: attempts in the storm's second half above "
                    + Math.round(attemptsBound) + " a second");

            all.forEach(ParleyClient::close);
        }
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

    private static boolean check(boolean held, String otherwise) {
        if (!held) {
            System.out.println("MISSED: " + otherwise);
        }
        return held;
    }

    private static double median(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        return sorted.isEmpty() ? 0 : sorted.get(sorted.size() / 2);
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
