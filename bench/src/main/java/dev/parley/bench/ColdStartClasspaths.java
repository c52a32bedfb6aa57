package dev.parley.bench;

import dev.parley.bench.coldstart.FirstEvent;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;
import java.util.zip.ZipFile;

/**
 * The classpaths of the cold-start runs, picked from this process's own classpath.
 *
 * @param function the deployed functions jar, the Lambda runtime's event serialization (on the runtime's classpath
 *                 as on Lambda's; a stream handler never loads it) and the runner class
 * @param floor    the runner classes and only Jackson, the SDK's core modules, the DynamoDB and
 *                 {@code @connections} modules and the URL-connection HTTP client
 */
record ColdStartClasspaths(String function, String floor, int floorJarCount, long floorBytes) {
    /** Jackson, the SDK's non-service modules, and what they need; service modules are chosen by name below. */
    private static final Pattern LEAN = Pattern.compile(".*/(com/fasterxml/jackson/core|software/amazon/awssdk|software/amazon/eventstream"
            + "|org/reactivestreams|org/slf4j/slf4j-api)/.*\\.jar");
    private static final List<String> FLOOR_SERVICES = List.of("dynamodb", "apigatewaymanagementapi");

    static ColdStartClasspaths ofThisProcess(Path functionsJar) {
        List<Path> entries = Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator)).map(Path::of).toList();
        Path runner = runnerLocation();
        Path serialization = entries.stream().filter(p -> p.getFileName().toString().startsWith("aws-lambda-java-serialization"))
                .findFirst().orElseThrow(() -> new IllegalStateException("aws-lambda-java-serialization is not on the bench's classpath"));
        List<Path> floor = entries.stream()
                .filter(p -> LEAN.matcher(p.toString().replace(File.separatorChar, '/')).matches())
                .filter(p -> !isServiceModule(p) || FLOOR_SERVICES.stream().anyMatch(s -> p.getFileName().toString().startsWith(s + "-")))
                .toList();
        long bytes = floor.stream().mapToLong(ColdStartClasspaths::size).sum();
        return new ColdStartClasspaths(join(List.of(functionsJar, serialization, runner)),
                join(java.util.stream.Stream.concat(java.util.stream.Stream.of(runner), floor.stream()).toList()), floor.size(), bytes);
    }

    /** An SDK jar with a client of its own ({@code software/amazon/awssdk/services/<name>/}). */
    private static boolean isServiceModule(Path jar) {
        if (!jar.toString().contains("software" + File.separator + "amazon" + File.separator + "awssdk")) {
            return false;
        }
        try (ZipFile zip = new ZipFile(jar.toFile())) {
            return zip.stream().anyMatch(entry -> entry.getName().startsWith("software/amazon/awssdk/services/")
                    && entry.getName().endsWith("Client.class"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path runnerLocation() {
        try {
            return Path.of(FirstEvent.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static long size(Path path) {
        try {
            return Files.size(path);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String join(List<Path> paths) {
        return String.join(File.pathSeparator, paths.stream().map(Path::toString).toList());
    }
}
