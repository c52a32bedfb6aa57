package dev.parley.bench;

import dev.parley.localenv.LocalCloud;
import dev.parley.localenv.LocalCloudOptions;
import dev.parley.localenv.ProjectLayout;
import dev.parley.localenv.RunningCloud;
import dev.parley.localenv.provision.ProvisioningClients;
import org.eclipse.jetty.websocket.client.WebSocketClient;
import software.amazon.awssdk.regions.Region;

import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * {@code ./parley bench}: runs the local cloud in this JVM, drives real WebSocket clients through
 * the send path, and prints what a message costs, per workload, with the targets it must meet.
 * Exits 0 when every target ran and was met, 1 when one failed, was skipped (unless
 * {@code --allow-skip}) or the send path does not work, 2 on a usage error. {@code --media-only}
 * checks no target: it only measures W6, and exits 0. {@code --scaling-only} runs only W8 and W9
 * ({@link ScalingWorkloads}) and checks their targets, {@code --w8-only} only W8.
 *
 * <p>The handlers' own logs and the emulators' go to {@code target/bench-cloud.log}; the terminal
 * gets progress (stderr) and the report (stdout).
 */
public final class Bench {
    private static final int CONNECT_PARALLELISM = 16;
    private static final int USER_CREATION_PARALLELISM = 4;

    private Bench() {
    }

    public static void main(String[] args) throws Exception {
        if (Arrays.asList(args).contains("--help") || Arrays.asList(args).contains("-h")) {
            System.out.print(BenchOptions.USAGE + ScalingWorkloads.USAGE + LargeGroupWorkload.USAGE + E2eeBench.USAGE);
            return;
        }
        if (Arrays.asList(args).contains(ColdStartBench.FLAG)) {
            System.exit(coldStart(args));
            return;
        }
        if (Arrays.asList(args).contains(BenchOptions.MEDIA_ONLY)) {
            System.out.print(new MediaWorkload(new Progress(System.err)).run().table());
            return;
        }
        ProjectLayout layout = ProjectLayout.find();
        BenchOptions options;
        ScalingWorkloads scaling;
        E2eeBench e2ee;
        LargeGroupWorkload.Options w7;
        try {
            w7 = LargeGroupWorkload.Options.parse(args);
            String[] rest = LargeGroupWorkload.otherFlags(args);
            e2ee = E2eeBench.parse(rest);
            scaling = ScalingWorkloads.parse(E2eeBench.otherFlags(rest));
            options = BenchOptions.parse(ScalingWorkloads.otherFlags(E2eeBench.otherFlags(rest)), layout.root());
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage() + "\n" + BenchOptions.USAGE);
            System.exit(2);
            return;
        }
        PrintStream terminal = System.out;
        PrintStream terminalErrors = System.err;
        Progress progress = new Progress(terminalErrors);
        Path logFile = layout.root().resolve("target").resolve("bench-cloud.log");
        Files.createDirectories(logFile.getParent());
        int exit;
        try (PrintStream cloudLogs = new PrintStream(Files.newOutputStream(logFile), true)) {
            System.setOut(cloudLogs);
            System.setErr(cloudLogs);
            boolean w8Only = Arrays.asList(args).contains(ScalingWorkloads.W8_ONLY);
            exit = Arrays.asList(args).contains(LargeGroupWorkload.ONLY) ? runW7(w7, options, layout, progress, terminal)
                    : Arrays.asList(args).contains(E2eeBench.ONLY) ? runE2ee(e2ee, layout, progress, terminal)
                    : run(options, scaling, e2ee, w8Only || Arrays.asList(args).contains(ScalingWorkloads.ONLY), !w8Only, layout,
                    progress, terminal);
        } catch (RuntimeException e) {
            progress.say("FAILED: %s", e.getMessage());
            progress.say("the local cloud's log: %s", logFile);
            e.printStackTrace(terminalErrors);
            exit = 1;
        } finally {
            System.setOut(terminal);
            System.setErr(terminalErrors);
        }
        System.exit(exit);
    }

    /** {@code --e2ee-only}: W11 and W12 alone; exits 1 when a message did not decrypt or a step failed. */
    private static int runE2ee(E2eeBench e2ee, ProjectLayout layout, Progress progress, PrintStream terminal) throws Exception {
        return withCloud(layout, progress, (cloud, aws, sockets) -> {
            List<BenchUser> users = e2eeUsers(e2ee, cloud, aws, progress);
            List<OperationResult> results = e2ee.run(users, sockets, URI.create(cloud.endpoints().webSocketUrl()),
                    () -> Workloads.quietReading(cloud.messageMeter(), progress), progress);
            terminal.print(OperationsReport.table(results));
            terminal.flush();
            return 0;
        });
    }

    /** {@code --w7-only}: W7 alone with its targets; the quota emulation comes from PARLEY_REQUEST_QUOTA. */
    private static int runW7(LargeGroupWorkload.Options w7, BenchOptions options, ProjectLayout layout, Progress progress,
                             PrintStream terminal) throws Exception {
        String quota = System.getenv().getOrDefault("PARLEY_REQUEST_QUOTA", "").isBlank() ? "off"
                : "on, PARLEY_REQUEST_QUOTA=" + System.getenv("PARLEY_REQUEST_QUOTA");
        return withCloud(layout, progress, (cloud, aws, sockets) -> {
            progress.say("W7: creating %d users in the user pool", w7.sockets());
            AtomicInteger created = new AtomicInteger();
            List<BenchUser> users;
            try (AutoCloseable ticker = progress.every2Seconds(() -> "users created %d/%d".formatted(created.get(), w7.sockets()))) {
                users = new BenchUsers(aws.cognito(), cloud.endpoints().userPoolId(), cloud.endpoints().userPoolClientId())
                        .create(w7.sockets(), USER_CREATION_PARALLELISM, created::set);
            }
            LargeGroupWorkload[] workload = new LargeGroupWorkload[1];
            Fleet fleet = new Fleet(sockets, URI.create(cloud.endpoints().webSocketUrl()),
                    (device, event, arrived) -> workload[0].onEvent(device, event, arrived), progress, CONNECT_PARALLELISM);
            workload[0] = new LargeGroupWorkload(fleet, aws.dynamoDb(), () -> Workloads.quietReading(cloud.messageMeter(), progress),
                    () -> MeterReading.take(cloud.messageMeter()), progress,
                    URI.create(cloud.endpoints().awsEndpoint()).resolve("/_parley/stats"));
            LargeGroupWorkload.Result result = workload[0].run(users, w7, quota, options.awsDelay());
            Verdict verdict = new Verdict(LargeGroupReport.check(result), options.allowSkip());
            terminal.print(LargeGroupReport.table(result));
            terminal.print(ScalingWorkloads.describe(verdict));
            terminal.flush();
            return verdict.exitCode();
        });
    }

    /** What runs against the started cloud; returns the exit code. */
    private interface CloudRun {
        int run(RunningCloud cloud, ProvisioningClients aws, WebSocketClient sockets) throws Exception;
    }

    /** Starts the local cloud in-process and a WebSocket client, runs {@code body}, stops both. */
    private static int withCloud(ProjectLayout layout, Progress progress, CloudRun body) throws Exception {
        PriceTable.useFunctionMemory(FunctionMemory.read(layout.template()));
        progress.say("starting the local cloud in-process (moto, provisioning from the template, gateway emulator)");
        Path endpointsFile = Files.createTempFile("parley-bench-endpoints", ".json");
        try (RunningCloud cloud = start(layout, endpointsFile);
             ProvisioningClients aws = ProvisioningClients.forRegion(Region.of(cloud.endpoints().region()))) {
            WebSocketClient sockets = webSocketClient();
            try {
                return body.run(cloud, aws, sockets);
            } finally {
                // The sockets a workload closed are still being disconnected ($disconnect, presence): stopping the
                // cloud under them interrupts their AWS calls, which the functions log as errors.
                progress.say("waiting for the local cloud to go quiet, then stopping it");
                Workloads.quiesce(cloud.messageMeter(), progress);
                sockets.stop();
            }
        } finally {
            Files.deleteIfExists(endpointsFile);
        }
    }

    private static List<BenchUser> e2eeUsers(E2eeBench e2ee, RunningCloud cloud, ProvisioningClients aws, Progress progress) {
        progress.say("creating %d users for the E2EE workloads", e2ee.users());
        // After W1-W5's users (bench-00000 ..) in the same pool when the whole bench runs.
        return new BenchUsers(aws.cognito(), cloud.endpoints().userPoolId(), cloud.endpoints().userPoolClientId())
                .create("bench-e2ee", e2ee.users(), USER_CREATION_PARALLELISM, created -> {
                    if (created % 100 == 0) {
                        progress.say("%d/%d users created", created, e2ee.users());
                    }
                });
    }

    private static int run(BenchOptions options, ScalingWorkloads scaling, E2eeBench e2ee, boolean scalingOnly, boolean withW9,
                           ProjectLayout layout, Progress progress, PrintStream terminal) throws Exception {
        return withCloud(layout, progress, (cloud, aws, sockets) -> {
            int userCount = scalingOnly ? scaling.users() : Math.max(options.largeUsers(), scaling.users());
            progress.say("creating %d users in the user pool", userCount);
            AtomicInteger created = new AtomicInteger();
            List<BenchUser> users;
            try (AutoCloseable ticker = progress.every2Seconds(() -> "users created %d/%d".formatted(
                    created.get(), userCount))) {
                users = new BenchUsers(aws.cognito(), cloud.endpoints().userPoolId(), cloud.endpoints().userPoolClientId())
                        .create(userCount, USER_CREATION_PARALLELISM, created::set);
            }
            SendLog log = new SendLog();
            Readers readers = new Readers();
            Fleet fleet = new Fleet(sockets, URI.create(cloud.endpoints().webSocketUrl()), (device, event, arrived) -> {
                log.onEvent(device, event, arrived);
                readers.onEvent(device, event, arrived);
            }, progress, CONNECT_PARALLELISM);
            URI awsEndpoint = URI.create(cloud.endpoints().awsEndpoint());
            SendDriver sends = new SendDriver(log, progress);
            Workloads workloads = new Workloads(options, fleet, sends, new ConversationDriver(sends, readers, progress), log,
                    cloud.messageMeter(), progress);
            if (scalingOnly) {
                ScalingWorkloads.Outcome scaled = scaling.run(users, fleet, aws.dynamoDb(), awsEndpoint,
                        workloads::quietReading, progress, withW9);
                Verdict verdict = new Verdict(scaled.checks(), options.allowSkip());
                terminal.print(scaled.tables());
                terminal.print(ScalingWorkloads.describe(verdict));
                terminal.flush();
                return verdict.exitCode();
            }
            List<WorkloadResult> results = new ArrayList<>();
            results.add(workloads.smallPopulation(users));
            if (results.getFirst().messages() == 0) {
                throw new IllegalStateException("the send path does not work: not one sendMessage was stored in W1. First failure: "
                        + results.getFirst().firstFailure());
            }
            results.add(workloads.largePopulation(users));
            results.add(workloads.group());
            List<OperationResult> operations = new ArrayList<>();
            List<Device> population = workloads.population();
            operations.addAll(new SyncWorkload(fleet, workloads::quietReading, progress)
                    .run(population, options.syncConversations(), options.syncChanged()));
            int next = options.syncConversations() + 2 + options.syncChanged() * 4;
            operations.addAll(new PushWorkload(fleet, workloads::quietReading, URI.create(cloud.endpoints().pushesUrl()), progress)
                    .run(population.get(next), population.get(next + 1), population.get(next + 2), options.pushBurst()));
            operations.add(new KeysWorkload(workloads::quietReading, progress).run(population.get(next + 3), population.get(next + 4)));
            operations.addAll(e2ee.run(e2eeUsers(e2ee, cloud, aws, progress), sockets,
                    URI.create(cloud.endpoints().webSocketUrl()), workloads::quietReading, progress));
            List<Targets.Check> checks = new ArrayList<>(Targets.check(results, log.duplicates()));
            checks.addAll(Targets.checkOperations(operations, options.pushBurst()));
            fleet.close(population);
            ScalingWorkloads.Outcome scaled = scaling.run(users, fleet, aws.dynamoDb(), awsEndpoint,
                    workloads::quietReading, progress, true);
            checks.addAll(scaled.checks());
            Verdict verdict = new Verdict(checks, options.allowSkip());
            Report report = new Report(options, results, operations, verdict);
            report.writeJson();
            terminal.print(report.table());
            terminal.print(scaled.tables());
            terminal.print(new MediaWorkload(progress).run().table());
            terminal.flush();
            return verdict.exitCode();
        });
    }

    /** {@code --cold-start [--runs N]}: the local cloud's own logs go to target/bench-cold-start.log. */
    private static int coldStart(String[] args) throws Exception {
        List<String> list = Arrays.asList(args);
        int runs = ColdStartBench.DEFAULT_RUNS;
        int at = list.indexOf(ColdStartBench.RUNS_FLAG);
        if (at >= 0 && at + 1 < list.size()) {
            runs = Integer.parseInt(list.get(at + 1));
        }
        if (runs < ColdStartBench.MIN_RUNS) {
            System.err.printf("--runs %d: at least %d runs, or one noisy run moves a median%n", runs, ColdStartBench.MIN_RUNS);
            return 2;
        }
        ProjectLayout layout = ProjectLayout.find();
        PrintStream terminal = System.out;
        PrintStream terminalErrors = System.err;
        Progress progress = new Progress(terminalErrors);
        Path logFile = layout.root().resolve("target").resolve("bench-cold-start.log");
        Files.createDirectories(logFile.getParent());
        try (PrintStream cloudLogs = new PrintStream(Files.newOutputStream(logFile), true)) {
            System.setOut(cloudLogs);
            System.setErr(cloudLogs);
            return new ColdStartBench(layout, progress, runs).run(terminal);
        } catch (RuntimeException e) {
            progress.say("FAILED: %s (the local cloud's log: %s)", e.getMessage(), logFile);
            return 1;
        } finally {
            System.setOut(terminal);
            System.setErr(terminalErrors);
        }
    }

    private static RunningCloud start(ProjectLayout layout, Path endpointsFile) {
        try {
            return LocalCloud.start(LocalCloudOptions.defaults(layout).onFreePorts().withEndpointsFile(endpointsFile));
        } catch (RuntimeException e) {
            throw new IllegalStateException("the local cloud did not start (are all handler classes of the template, such as"
                    + " SendMessageHandler, ConversationsHandler and PingHandler, in the functions module yet?): " + e.getMessage(), e);
        }
    }

    private static WebSocketClient webSocketClient() throws Exception {
        WebSocketClient client = new WebSocketClient();
        client.setIdleTimeout(Duration.ofMinutes(30));
        client.setMaxTextMessageSize(256 * 1024);
        client.start();
        return client;
    }
}
