package dev.parley.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.parley.bench.coldstart.EventSerialization;
import dev.parley.bench.coldstart.FirstEvent;
import dev.parley.bench.coldstart.Floor;
import dev.parley.localenv.LocalCloud;
import dev.parley.localenv.LocalCloudOptions;
import dev.parley.localenv.ProjectLayout;
import dev.parley.localenv.RunningCloud;
import dev.parley.localenv.moto.SdkSystemProperties;
import dev.parley.localenv.provision.DemoUser;
import dev.parley.localenv.provision.ProvisioningClients;
import dev.parley.localenv.template.CloudTemplate;
import dev.parley.localenv.template.IntrinsicResolver;
import dev.parley.model.v1.Actions;
import org.eclipse.jetty.websocket.client.WebSocketClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AuthFlowType;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.lang.management.OperatingSystemMXBean;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * {@code ./parley bench --cold-start}: for the authorizer, {@code $connect}, sendMessage and sync, a
 * fresh JVM per run ({@link FirstEvent}: the deployed jar, the function's template environment,
 * its JAVA_TOOL_OPTIONS) from process start to its first handled event against moto, beside the
 * floor measured in the same run ({@link Floor}: a bare JVM on a lean classpath, one frame parsed and
 * one Query). Runs are interleaved (floor, then each function, repeated) so that the machine's load
 * falls on all alike, and each function's run is paired with the floor's run just before it. Target:
 * for every function, the median of its paired ratios at most {@value #TARGET}, compared unrounded
 * ({@link ColdStartReport}). Exits 0 when every function meets it, 1 otherwise, a failed run included.
 */
final class ColdStartBench {
    static final String FLAG = "--cold-start";
    static final String RUNS_FLAG = "--runs";
    static final int DEFAULT_RUNS = 7;
    /** Fewer runs than this make a median one noisy run can move. */
    static final int MIN_RUNS = 7;
    static final double TARGET = 1.25;
    private static final Duration RUN_TIMEOUT = Duration.ofSeconds(90);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String HANDLERS = "dev.parley.functions.handler.";

    /** A measured function: its name in the table, its handler class, and what a successful answer contains. */
    record Function(String name, String handlerClass, String success) {
    }

    static final List<Function> FUNCTIONS = List.of(
            new Function("authorizer", "AuthorizerHandler", "\"Effect\":\"Allow\""),
            new Function("$connect", "ConnectHandler", "\"statusCode\":200"),
            new Function("sendMessage", "SendMessageHandler", "\\\"type\\\":\\\"reply\\\""),
            new Function("sync", "SyncHandler", "\\\"type\\\":\\\"reply\\\""));

    private final ProjectLayout layout;
    private final Progress progress;
    private final int runs;
    private final Path work;

    ColdStartBench(ProjectLayout layout, Progress progress, int runs) throws IOException {
        this.layout = layout;
        this.progress = progress;
        this.runs = runs;
        this.work = Files.createTempDirectory("parley-cold-start");
    }

    int run(PrintStream terminal) throws Exception {
        Path functionsJar = layout.root().resolve("functions/target/parley-functions.jar");
        Path mediaJar = layout.root().resolve("media-processor/target/parley-media-processor.jar");
        if (!Files.isRegularFile(functionsJar)) {
            throw new IllegalStateException("no " + functionsJar + ": build it first (./parley build)");
        }
        ColdStartClasspaths classpaths = ColdStartClasspaths.ofThisProcess(functionsJar);
        Path endpointsFile = work.resolve("endpoints.json");
        progress.say("starting the local cloud in-process (moto and the template's tables, queues and user pool)");
        try (RunningCloud cloud = LocalCloud.start(LocalCloudOptions.defaults(layout).onFreePorts().withEndpointsFile(endpointsFile));
             ProvisioningClients aws = ProvisioningClients.forRegion(Region.of(cloud.endpoints().region()))) {
            List<DemoUser.Login> demo = cloud.endpoints().demoUsers();
            BenchUser alice = signIn(aws, cloud, demo.get(0));
            BenchUser bob = signIn(aws, cloud, demo.get(1));
            String conversationId = directConversation(cloud, alice, bob);
            ColdStartEvents events = new ColdStartEvents(work, alice, conversationId);
            Map<String, Map<String, String>> environments = environments(cloud, aws);
            String messagesTable = environments.get("SendMessageHandler").get("MESSAGES_TABLE");

            Map<String, List<ColdStartReport.Sample>> samples = new LinkedHashMap<>();
            samples.put(ColdStartReport.FLOOR, new ArrayList<>());
            FUNCTIONS.forEach(function -> samples.put(function.name(), new ArrayList<>()));
            samples.put(ColdStartReport.EVENT_SERDE, new ArrayList<>());
            List<Double> load = new ArrayList<>();
            OperatingSystemMXBean system = ManagementFactory.getOperatingSystemMXBean();
            for (int run = 1; run <= runs; run++) {
                progress.say("run %d/%d", run, runs);
                load.add(system.getSystemLoadAverage());
                samples.get(ColdStartReport.FLOOR).add(measureOrNull(ColdStartReport.FLOOR, classpaths.floor(), Floor.class.getName(),
                        List.of(messagesTable, "conversationId"), baseEnvironment(cloud, environments.get("SendMessageHandler")),
                        "\"items\""));
                for (Function function : FUNCTIONS) {
                    Path event = events.write(function.handlerClass(), run);
                    samples.get(function.name()).add(measureOrNull(function.name(), classpaths.function(), FirstEvent.class.getName(),
                            List.of(HANDLERS + function.handlerClass(), event.toString()),
                            environments.get(function.handlerClass()), function.success()));
                }
                samples.get(ColdStartReport.EVENT_SERDE).add(measureOrNull(ColdStartReport.EVENT_SERDE, classpaths.function(),
                        EventSerialization.class.getName(), List.of(events.write("SyncHandler", run).toString()),
                        environments.get("SyncHandler"), "\"statusCode\":200"));
            }
            load.add(system.getSystemLoadAverage());
            ColdStartReport report = new ColdStartReport(samples, TARGET, runs, Map.of(
                    "parley-functions.jar", Files.size(functionsJar),
                    "parley-media-processor.jar", Files.isRegularFile(mediaJar) ? Files.size(mediaJar) : -1L),
                    classpaths.floorJarCount(), classpaths.floorBytes(),
                    ColdStartReport.LoadAverage.of(load, system.getAvailableProcessors()));
            terminal.print(report.table());
            terminal.flush();
            return report.met() ? 0 : 1;
        }
    }

    private static BenchUser signIn(ProvisioningClients aws, RunningCloud cloud, DemoUser.Login login) {
        String token = aws.cognito().initiateAuth(r -> r.clientId(cloud.endpoints().userPoolClientId())
                .authFlow(AuthFlowType.USER_PASSWORD_AUTH)
                .authParameters(Map.of("USERNAME", login.username(), "PASSWORD", login.password())))
                .authenticationResult().accessToken();
        try {
            String sub = JSON.readTree(java.util.Base64.getUrlDecoder().decode(token.split("\\.")[1])).path("sub").asText();
            return new BenchUser(login.username(), sub, token);
        } catch (IOException e) {
            throw new IllegalStateException("an access token without a readable payload", e);
        }
    }

    /** A direct conversation made the way a client makes one, so sendMessage and sync have something real to do. */
    private static String directConversation(RunningCloud cloud, BenchUser alice, BenchUser bob) throws Exception {
        WebSocketClient client = new WebSocketClient();
        client.start();
        try {
            Device device = Device.connect(client, URI.create(cloud.endpoints().webSocketUrl()), alice, (d, e, t) -> { })
                    .get(30, TimeUnit.SECONDS);
            JsonNode reply = device.request(Actions.CREATE_CONVERSATION, Device.fields().put("kind", "direct")
                    .set("members", Device.fields().arrayNode().add(bob.userId()))).get(30, TimeUnit.SECONDS);
            device.close().get(30, TimeUnit.SECONDS);
            String id = reply.path("conversation").path("conversationId").asText(null);
            if (id == null) {
                throw new IllegalStateException("createConversation answered without a conversation: " + reply);
            }
            return id;
        } finally {
            client.stop();
        }
    }

    /**
     * Each measured function's environment as Lambda would give it: the template's variables with
     * moto's physical names, the variables Lambda sets, and where moto and the management API are.
     */
    private Map<String, Map<String, String>> environments(RunningCloud cloud, ProvisioningClients aws) {
        CloudTemplate template = CloudTemplate.read(layout.template());
        String region = cloud.endpoints().region();
        IntrinsicResolver resolver = new IntrinsicResolver(cloud.physicalIds(), region, aws.sts().getCallerIdentity().account());
        Map<String, Map<String, String>> environments = new HashMap<>();
        template.resourcesOfType("AWS::Lambda::Function").values().forEach(resource -> {
            String handler = resource.properties().path("Handler").asText();
            FUNCTIONS.stream().filter(f -> handler.equals(HANDLERS + f.handlerClass())).findFirst()
                    .ifPresent(function -> {
                        Map<String, String> environment = new HashMap<>();
                        resource.properties().path("Environment").path("Variables").properties()
                                .forEach(variable -> environment.put(variable.getKey(), resolver.resolve(variable.getValue())));
                        if (environment.containsKey("APIGW_MANAGEMENT_ENDPOINT")) {
                            environment.put("APIGW_MANAGEMENT_ENDPOINT", cloud.endpoints().connectionsUrl().replace("/@connections", ""));
                        }
                        environment.put("AWS_LAMBDA_FUNCTION_NAME", resource.logicalId());
                        environments.put(function.handlerClass(), baseEnvironment(cloud, environment));
                    });
        });
        FUNCTIONS.forEach(function -> {
            if (!environments.containsKey(function.handlerClass())) {
                throw new IllegalStateException("the template has no function with handler " + function.handlerClass());
            }
        });
        return environments;
    }

    /** What every process gets: the region, moto's endpoint, dummy credentials and the function's JVM options. */
    private static Map<String, String> baseEnvironment(RunningCloud cloud, Map<String, String> function) {
        Map<String, String> environment = new HashMap<>(function);
        environment.put("AWS_REGION", cloud.endpoints().region());
        environment.put("AWS_DEFAULT_REGION", cloud.endpoints().region());
        environment.put("AWS_ENDPOINT_URL", System.getProperty("aws.endpointUrl"));
        environment.put("AWS_ACCESS_KEY_ID", SdkSystemProperties.ACCESS_KEY_ID);
        environment.put("AWS_SECRET_ACCESS_KEY", SdkSystemProperties.SECRET_ACCESS_KEY);
        return environment;
    }

    /** {@link #measure}, or null (a missing measurement, which fails the function) when the run failed, saying why. */
    private ColdStartReport.Sample measureOrNull(String name, String classpath, String mainClass, List<String> arguments,
                               Map<String, String> environment, String success) {
        try {
            return measure(name, classpath, mainClass, arguments, environment, success);
        } catch (Exception e) {
            progress.say("%s: run FAILED: %s", name, e.getMessage());
            return null;
        }
    }

    /** Starts a fresh JVM and returns the milliseconds until it printed the marker, and its CPU time then; fails on a wrong answer. */
    private ColdStartReport.Sample measure(String name, String classpath, String mainClass, List<String> arguments, Map<String, String> environment,
                         String success) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", classpath, mainClass));
        command.addAll(arguments);
        ProcessBuilder builder = new ProcessBuilder(command).redirectError(work.resolve(name.replaceAll("[$ ]", "") + ".err").toFile());
        builder.environment().clear();
        builder.environment().putAll(environment);
        long started = System.nanoTime();
        Process process = builder.start();
        String answer = null;
        long handled = 0;
        long cpu = -1;
        try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = out.readLine(); line != null; line = out.readLine()) {
                if (line.startsWith(FirstEvent.MARKER) && answer == null) {
                    handled = System.nanoTime();
                    answer = line.substring(FirstEvent.MARKER.length());
                } else if (line.startsWith(FirstEvent.CPU_MARKER)) {
                    cpu = Long.parseLong(line.substring(FirstEvent.CPU_MARKER.length()).trim());
                    break; // the last line it prints; a process that then fails to exit meets the timeout below
                }
            }
            if (!process.waitFor(RUN_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException(name + " did not exit within " + RUN_TIMEOUT);
            }
        }
        if (answer == null || !answer.contains(success)) {
            throw new IllegalStateException(name + " did not handle its event as expected (answer " + answer + ", exit "
                    + process.exitValue() + "); its stderr: " + Files.readString(work.resolve(name.replaceAll("[$ ]", "") + ".err")));
        }
        return new ColdStartReport.Sample((handled - started) / 1_000_000, cpu);
    }
}
