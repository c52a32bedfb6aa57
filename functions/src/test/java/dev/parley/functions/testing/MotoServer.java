package dev.parley.functions.testing;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A real moto server for adapter tests, from the repository's own virtual environment
 * ({@code <repo>/.venv}, created with the pinned moto when missing, as ./parley does).
 *
 * <p>While it runs, the SDK's standard system properties point every client at it with dummy
 * credentials, exactly as local-env does: {@code aws.endpointUrl}, {@code aws.accessKeyId},
 * {@code aws.secretAccessKey}. Use it as {@code @RegisterExtension static final MotoServer MOTO = new MotoServer();}.
 * It always runs local-env's serialised launcher: plain moto serves requests concurrently and lets two
 * conditional writes on one key both pass, which DynamoDB never does, so a test of a condition
 * could pass or fail by chance.
 */
public final class MotoServer implements BeforeAllCallback, AfterAllCallback {
    public static final String MOTO_REQUIREMENT = "moto[server]==5.2.5";
    private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(60);
    private static final List<String> SDK_PROPERTIES = List.of("aws.endpointUrl", "aws.accessKeyId", "aws.secretAccessKey");

    /** local-env's launcher that serves one request at a time. */
    private static final String SERIAL_LAUNCHER = "local-env/src/main/python/moto_serial.py";

    private final boolean serialized;
    private final Map<String, String> previousProperties = new HashMap<>();
    private Process process;
    private URI endpoint;

    public MotoServer() {
        this(true);
    }

    private MotoServer(boolean serialized) {
        this.serialized = serialized;
    }

    /** A moto that applies one request at a time, as DynamoDB applies a conditional write atomically (the default). */
    public static MotoServer serialized() {
        return new MotoServer(true);
    }

    public URI endpoint() {
        return endpoint;
    }

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        Path repository = repositoryRoot();
        Path python = ensureVirtualEnvironment(repository);
        int port = freePort();
        Path log = Files.createTempFile("moto-", ".log");
        List<String> server = serialized
                ? List.of(python.toString(), repository.resolve(SERIAL_LAUNCHER).toString())
                : List.of(python.toString(), "-m", "moto.server");
        List<String> command = new ArrayList<>(server);
        command.addAll(List.of("-H", "127.0.0.1", "-p", Integer.toString(port)));
        process = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        endpoint = URI.create("http://127.0.0.1:" + port);
        awaitReady(log);
        Map<String, String> properties = Map.of(
                "aws.endpointUrl", endpoint.toString(), "aws.accessKeyId", "test", "aws.secretAccessKey", "test");
        for (String name : SDK_PROPERTIES) {
            previousProperties.put(name, System.getProperty(name));
            System.setProperty(name, properties.get(name));
        }
    }

    @Override
    public void afterAll(ExtensionContext context) throws InterruptedException {
        previousProperties.forEach((name, value) -> {
            if (value == null) {
                System.clearProperty(name);
            } else {
                System.setProperty(name, value);
            }
        });
        if (process != null) {
            process.descendants().forEach(ProcessHandle::destroy);
            process.destroy();
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        }
    }

    private void awaitReady(Path log) throws IOException, InterruptedException {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        HttpRequest ping = HttpRequest.newBuilder(endpoint.resolve("/moto-api/")).timeout(Duration.ofSeconds(2)).build();
        Instant deadline = Instant.now().plus(STARTUP_TIMEOUT);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("moto exited with " + process.exitValue() + ":\n" + Files.readString(log));
            }
            try {
                if (http.send(ping, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // still starting
            }
            Thread.sleep(100);
        }
        process.destroyForcibly();
        throw new IllegalStateException("moto did not answer within " + STARTUP_TIMEOUT + ":\n" + Files.readString(log));
    }

    private static Path repositoryRoot() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("pom.xml")) && Files.isRegularFile(dir.resolve("functions/pom.xml"))) {
                return dir;
            }
        }
        throw new IllegalStateException("no Parley repository above " + Path.of("").toAbsolutePath());
    }

    private static Path ensureVirtualEnvironment(Path repository) throws IOException, InterruptedException {
        Path venv = repository.resolve(".venv");
        Path python = venv.resolve("bin/python");
        if (!Files.isExecutable(venv.resolve("bin/moto_server"))) {
            if (!Files.isExecutable(python)) {
                run(repository, "python3", "-m", "venv", venv.toString());
            }
            run(repository, venv.resolve("bin/pip").toString(), "install", "--quiet", MOTO_REQUIREMENT);
        }
        return python;
    }

    private static void run(Path directory, String... command) throws IOException, InterruptedException {
        Process setup = new ProcessBuilder(command).directory(directory.toFile()).inheritIO().start();
        if (setup.waitFor() != 0) {
            throw new IllegalStateException("failed: " + String.join(" ", command));
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
