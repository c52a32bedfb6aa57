package dev.parley.bench;

import dev.parley.localenv.gateway.MessageMeter;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * The three workloads. Each sets up over the wire (sockets, conversations; not measured), then
 * reads the meters around its sends only.
 * <ul>
 *   <li>W1: one-to-one sends among the small population, one device each, in fixed pairs that
 *       take turns;</li>
 *   <li>W2: the same number of sends among the large population (new pairs, new conversations),
 *       with everyone connected: what a send costs must not depend on how many users there are;</li>
 *   <li>W3: sends by random members of one group, while W2's population stays connected.</li>
 * </ul>
 */
final class Workloads {
    private static final Duration QUIET = Duration.ofSeconds(1);
    private static final Duration QUIET_TIMEOUT = Duration.ofSeconds(60);

    private final BenchOptions options;
    private final Fleet fleet;
    private final SendDriver driver;
    private final ConversationDriver conversations;
    private final SendLog log;
    private final MessageMeter meter;
    private final Progress progress;
    private List<Device> largePopulation = List.of();

    Workloads(BenchOptions options, Fleet fleet, SendDriver driver, ConversationDriver conversations, SendLog log,
              MessageMeter meter, Progress progress) {
        this.options = options;
        this.fleet = fleet;
        this.driver = driver;
        this.conversations = conversations;
        this.log = log;
        this.meter = meter;
        this.progress = progress;
    }

    WorkloadResult smallPopulation(List<BenchUser> users) throws InterruptedException {
        List<BenchUser> small = users.subList(0, options.smallUsers());
        List<Device> devices = fleet.connect("W1", small);
        List<List<Device>> pairs = new ArrayList<>();
        for (int i = 0; i + 1 < devices.size(); i += 2) {
            pairs.add(List.of(devices.get(i), devices.get(i + 1)));
        }
        WorkloadResult result = oneToOne("W1", pairs, true);
        fleet.close(devices);
        quiesce();
        return result;
    }

    WorkloadResult largePopulation(List<BenchUser> users) throws InterruptedException {
        largePopulation = fleet.connect("W2", users.subList(0, options.largeUsers()));
        int half = largePopulation.size() / 2;
        List<List<Device>> pairs = new ArrayList<>();
        for (int i = 0; i < half; i++) {
            pairs.add(List.of(largePopulation.get(i), largePopulation.get(i + half)));
        }
        return oneToOne("W2", pairs, false);
    }

    /** Runs after {@link #largePopulation}, whose devices stay connected. */
    WorkloadResult group() throws InterruptedException {
        ChatRoom room = fleet.group(largePopulation.subList(0, options.groupSize()));
        Random random = new Random(3);
        List<PlannedSend> sends = new ArrayList<>();
        for (int i = 0; i < options.groupSends(); i++) {
            sends.add(new PlannedSend(room, room.members().get(random.nextInt(room.members().size()))));
        }
        WorkloadResult alone = measure("W3", "%d sends by random members of a %d-member group (%d users connected)".formatted(
                options.groupSends(), options.groupSize(), largePopulation.size()), largePopulation.size(), List.of(sends));
        List<ConversationDriver.Turn> turns = new ArrayList<>();
        for (int left = options.groupSends(); left > 0; left -= options.burst()) {
            turns.add(new ConversationDriver.Turn(room, room.members().get(random.nextInt(room.members().size())),
                    Math.min(options.burst(), left)));
        }
        return alone.with(converse("W3", List.of(turns), false), null);
    }

    private WorkloadResult oneToOne(String name, List<List<Device>> pairs, boolean typing) throws InterruptedException {
        List<ChatRoom> rooms = fleet.directConversations(name, pairs);
        List<List<PlannedSend>> chains = new ArrayList<>();
        for (int p = 0; p < rooms.size(); p++) {
            ChatRoom room = rooms.get(p);
            int count = options.sends() / rooms.size() + (p < options.sends() % rooms.size() ? 1 : 0);
            List<PlannedSend> chain = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                chain.add(new PlannedSend(room, room.members().get(i % 2)));
            }
            chains.add(chain);
        }
        int users = pairs.size() * 2;
        WorkloadResult alone = measure(name, "%d one-to-one sends among %d users, one device each (%d pairs taking turns)"
                .formatted(options.sends(), users, pairs.size()), users, chains);
        // Whole turns only, at least one per conversation: a last, shorter turn would add a read for
        // fewer messages in the population with fewer sends per pair, which is not what users cost.
        int turnsPerRoom = Math.max(1, options.sends() / rooms.size() / options.burst());
        List<List<ConversationDriver.Turn>> turns = new ArrayList<>();
        for (ChatRoom room : rooms) {
            List<ConversationDriver.Turn> chain = new ArrayList<>();
            for (int turn = 0; turn < turnsPerRoom; turn++) {
                chain.add(new ConversationDriver.Turn(room, room.members().get(turn % 2), options.burst()));
            }
            turns.add(chain);
        }
        return alone.with(converse(name, turns, false), typing ? converse(name, turns, true) : null);
    }

    /** The conversation's turns as the shipped clients hold it, measured like the sends alone. */
    private ConversationResult converse(String name, List<List<ConversationDriver.Turn>> turns, boolean typing)
            throws InterruptedException {
        quiesce();
        MeterReading before = MeterReading.take(meter);
        ConversationDriver.Outcome outcome = conversations.run(name + (typing ? " with receipts and typing" : " with receipts"),
                turns, options.receipts(), typing, options.inFlight());
        quiesce();
        MeterReading cost = MeterReading.take(meter).since(before);
        return new ConversationResult(options.receipts(), typing, options.burst(), outcome, log.expected(outcome.stored()),
                log.delivered(outcome.stored()), cost);
    }

    private WorkloadResult measure(String name, String description, int users, List<List<PlannedSend>> chains)
            throws InterruptedException {
        quiesce();
        MeterReading before = MeterReading.take(meter);
        SendDriver.Outcome outcome = driver.run(name, chains, options.inFlight());
        quiesce();
        MeterReading cost = MeterReading.take(meter).since(before);
        Latency latency = options.awsDelay().isZero() ? null : latency(name, chains);
        return new WorkloadResult(name, description, users, outcome.stored().size(), outcome.failures(),
                outcome.firstFailure(), outcome.elapsed().toMillis() / 1000.0, log.expected(outcome.stored()),
                log.delivered(outcome.stored()), cost, latency);
    }

    /** The same kind of sends as the workload's, one at a time, for {@link SendDriver#latency}. */
    private Latency latency(String name, List<List<PlannedSend>> chains) throws InterruptedException {
        List<PlannedSend> sends = new ArrayList<>();
        for (int i = 0; sends.size() < options.latencySends(); i++) {
            List<PlannedSend> chain = chains.get(i % chains.size());
            sends.add(chain.get((i / chains.size()) % chain.size()));
        }
        Latency latency = driver.latency(name + " latency (%d ms per AWS call on every other send)"
                .formatted(options.awsDelay().toMillis()), sends, options.awsDelay());
        quiesce();
        return latency;
    }

    /** W2's devices, still connected after W3. */
    List<Device> population() {
        return largePopulation;
    }

    /** The meters, read once nothing has happened for a second. */
    MeterReading quietReading() throws InterruptedException {
        return quietReading(meter, progress);
    }

    /** The same for workloads run without the send workloads (./parley bench --e2ee-only). */
    static MeterReading quietReading(MessageMeter meter, Progress progress) throws InterruptedException {
        quiesce(meter, progress);
        return MeterReading.take(meter);
    }

    private void quiesce() throws InterruptedException {
        quiesce(meter, progress);
    }

    /** Waits until no AWS call or API Gateway message has happened for a second. */
    static void quiesce(MessageMeter meter, Progress progress) throws InterruptedException {
        long deadline = System.nanoTime() + QUIET_TIMEOUT.toNanos();
        long last = MeterReading.take(meter).activity();
        long quietSince = System.nanoTime();
        while (System.nanoTime() - quietSince < QUIET.toNanos()) {
            if (System.nanoTime() > deadline) {
                progress.say("the local cloud did not go quiet within %d s; measuring anyway", QUIET_TIMEOUT.toSeconds());
                return;
            }
            Thread.sleep(100);
            long now = MeterReading.take(meter).activity();
            if (now != last) {
                last = now;
                quietSince = System.nanoTime();
            }
        }
    }
}
