package dev.parley.cli;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.awaitility.Awaitility.await;

/**
 * {@code parley chat} in a child JVM on a pseudo-terminal (util-linux {@code script} allocates
 * it, so JLine runs on a real terminal as in a user's shell): type lines, wait for output.
 */
final class TerminalProcess implements AutoCloseable {
    private final Process process;
    private final StringBuffer output = new StringBuffer();

    TerminalProcess(String user, Path endpoints, Path home) throws IOException {
        this(user, endpoints, home, null);
    }

    /** @param password null for a demo user (the endpoints file has its password) */
    TerminalProcess(String user, Path endpoints, Path home, String password) throws IOException {
        List<String> java = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--enable-native-access=ALL-UNNAMED", "-cp", System.getProperty("java.class.path"),
                ParleyChat.class.getName(), user, "--endpoints", endpoints.toString(), "--home", home.toString()));
        if (password != null) {
            java.addAll(List.of("--password", password));
        }
        // A terminal of a size, as a user's: on script's, of 0 columns, JLine cuts every prompt down to nothing.
        List<String> command = new File("/usr/bin/script").canExecute()
                ? List.of("/usr/bin/script", "-qfec", "stty cols 160 rows 50 && exec "
                        + String.join(" ", java.stream().map(TerminalProcess::quote).toList()), "/dev/null")
                : java;
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put("LC_ALL", "C.UTF-8"); // a user's UTF-8 terminal: the lock shows as a lock
        process = builder.start();
        Thread reader = new Thread(() -> {
            byte[] buffer = new byte[8192];
            try (InputStream in = process.getInputStream()) {
                int n;
                while ((n = in.read(buffer)) >= 0) {
                    output.append(new String(buffer, 0, n, StandardCharsets.UTF_8));
                }
            } catch (IOException ignored) {
                // the process ended
            }
        }, "terminal-" + user);
        reader.setDaemon(true);
        reader.start();
    }

    /** Types a line and presses Enter. */
    void type(String line) throws IOException {
        keys(line + "\r");
    }

    /** Keys as typed, {@code \r} being Enter. */
    void keys(String keys) throws IOException {
        OutputStream in = process.getOutputStream();
        in.write(keys.getBytes(StandardCharsets.UTF_8));
        in.flush();
    }

    void awaitOutput(String text) {
        try {
            await().atMost(Duration.ofSeconds(90)).until(() -> output.indexOf(text) >= 0);
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            throw new AssertionError("no \"" + text + "\" in the terminal's output:\n" + output, e);
        }
    }

    String output() {
        return output.toString();
    }

    boolean awaitExit() throws InterruptedException {
        return process.waitFor(30, java.util.concurrent.TimeUnit.SECONDS);
    }

    int exitValue() {
        return process.exitValue();
    }

    private static String quote(String arg) {
        return "'" + arg.replace("'", "'\\''") + "'";
    }

    /** Kills the JVM under script as well: script's own death would only hang its terminal up. */
    @Override
    public void close() {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
    }
}
