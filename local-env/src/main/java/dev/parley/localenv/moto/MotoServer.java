package dev.parley.localenv.moto;

import dev.parley.localenv.ProjectLayout;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A moto server child process, started through {@code moto_serial.py} so that it applies one
 * request at a time (DynamoDB applies a conditional write atomically; plain moto_server races).
 *
 * <p>The process never outlives this JVM: {@link #close()} and a shutdown hook stop it, and the
 * launcher exits by itself when its stdin pipe closes, which covers a JVM killed with SIGKILL. It
 * ignores Ctrl-C, which a terminal sends to the whole process group: the JVM stops it once the
 * gateway's last {@code $disconnect} handlers have run against it.
 */
public final class MotoServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(MotoServer.class);
    private static final String HOST = "127.0.0.1";
    private static final int FREE_PORT_ATTEMPTS = 3;

    private final Process process;
    private final int port;
    private final Thread shutdownHook;

    private MotoServer(Process process, int port, boolean stopsWithJvm) {
        this.process = process;
        this.port = port;
        this.shutdownHook = stopsWithJvm ? new Thread(this::stopProcess, "moto-shutdown") : null;
        if (shutdownHook != null) {
            Runtime.getRuntime().addShutdownHook(shutdownHook);
        }
    }

    /**
     * How to run moto.
     *
     * @param port    the port to listen on; 0 picks a free one
     * @param logFile      moto's stdout and stderr (overwritten)
     * @param stopsWithJvm whether this server registers its own shutdown hook; an owner that stops several
     *                     parts in order on shutdown registers one hook for all of them instead
     */
    public record Settings(Path python, Path launcher, int port, Path logFile, Duration startTimeout, boolean stopsWithJvm) {

        /**
         * The project's venv Python (or {@code -Dparley.python} / {@code PARLEY_PYTHON}) and launcher;
         * the log goes to local-env/target/moto.log.
         */
        public static Settings forProject(ProjectLayout layout, int port) {
            String python = System.getProperty("parley.python", System.getenv("PARLEY_PYTHON"));
            return new Settings(python == null ? layout.venvPython() : Path.of(python), layout.motoLauncher(), port,
                    layout.localEnvTarget().resolve("moto.log"), Duration.ofSeconds(60), true);
        }

        public Settings withLogFile(Path file) {
            return new Settings(python, launcher, port, file, startTimeout, stopsWithJvm);
        }

        public Settings withoutShutdownHook() {
            return new Settings(python, launcher, port, logFile, startTimeout, false);
        }
    }

    public static MotoServer start(Settings settings) {
        if (!Files.isExecutable(settings.python())) {
            throw new IllegalStateException("No Python with moto at " + settings.python()
                    + ". ./parley local creates it; by hand: python3 -m venv .venv && .venv/bin/pip install 'moto[server]==5.2.5'");
        }
        int attempts = settings.port() == 0 ? FREE_PORT_ATTEMPTS : 1;
        for (int attempt = 1; ; attempt++) {
            int port = settings.port() == 0 ? freePort() : settings.port();
            Process process = launch(settings, port);
            try {
                awaitReady(process, port, settings);
                LOG.info("moto ready port={} pid={}", port, process.pid());
                return new MotoServer(process, port, settings.stopsWithJvm());
            } catch (RuntimeException e) {
                boolean portTaken = !process.isAlive() && tail(settings.logFile()).contains("Address already in use");
                destroyTree(process);
                // A free port can be taken between our probe and moto's bind: then try another one.
                if (!portTaken || attempt >= attempts) {
                    throw e;
                }
                LOG.warn("moto found its port taken, retrying on another port port={} attempt={}", port, attempt);
            }
        }
    }

    /** The AWS endpoint for SDK clients, e.g. {@code http://localhost:5055}. */
    public URI endpoint() {
        return URI.create("http://localhost:" + port);
    }

    public int port() {
        return port;
    }

    public boolean isRunning() {
        return process.isAlive();
    }

    @Override
    public void close() {
        stopProcess();
        if (shutdownHook != null) {
            try {
                Runtime.getRuntime().removeShutdownHook(shutdownHook);
            } catch (IllegalStateException shuttingDown) {
                // The hook is running or about to: nothing left to undo.
            }
        }
    }

    private void stopProcess() {
        if (process.isAlive()) {
            destroyTree(process);
            LOG.info("moto stopped port={}", port);
        }
    }

    /** The moto setting that makes it verify TOTP codes; without it any code passes. */
    static final String TOTP_SWITCH = "MOTO_COGNITO_IDP_USER_POOL_ENABLE_TOTP";

    private static Process launch(Settings settings, int port) {
        try {
            Files.createDirectories(settings.logFile().toAbsolutePath().getParent());
            // stdin stays a pipe on purpose: the launcher exits when it closes (see class comment).
            ProcessBuilder builder = new ProcessBuilder(List.of(settings.python().toString(), settings.launcher().toString(),
                    "-H", HOST, "-p", Integer.toString(port), "--parent-managed"))
                    .redirectErrorStream(true)
                    .redirectOutput(settings.logFile().toFile());
            // moto then checks TOTP codes (VerifySoftwareToken, the SOFTWARE_TOKEN_MFA challenge) against
            // its one fixed secret, instead of accepting any code; see docs/local-env.md.
            builder.environment().put(TOTP_SWITCH, "true");
            return builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot start moto with " + settings.python(), e);
        }
    }

    private static void awaitReady(Process process, int port, Settings settings) {
        URI probe = URI.create("http://" + HOST + ":" + port + "/moto-api/");
        long deadline = System.nanoTime() + settings.startTimeout().toNanos();
        try (HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build()) {
            while (System.nanoTime() < deadline) {
                if (!process.isAlive()) {
                    throw new IllegalStateException("moto exited with " + process.exitValue() + " before it was ready; see "
                            + settings.logFile() + ":\n" + tail(settings.logFile()));
                }
                try {
                    HttpRequest request = HttpRequest.newBuilder(probe).timeout(Duration.ofSeconds(2)).GET().build();
                    if (http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                        return;
                    }
                } catch (IOException notYet) {
                    // Not listening yet.
                }
                TimeUnit.MILLISECONDS.sleep(50);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for moto", e);
        }
        throw new IllegalStateException("moto was not ready within " + settings.startTimeout() + "; see " + settings.logFile());
    }

    private static void destroyTree(Process process) {
        process.descendants().forEach(ProcessHandle::destroy);
        process.destroy();
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(HOST))) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("No free port", e);
        }
    }

    private static String tail(Path file) {
        try {
            List<String> lines = Files.readAllLines(file);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size()));
        } catch (IOException | UncheckedIOException e) {
            return "(no log)";
        }
    }
}
