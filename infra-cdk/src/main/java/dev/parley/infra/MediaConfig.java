package dev.parley.infra;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * Media settings, read from CDK context.
 *
 * @param processorJar the media processor's Lambda package (context {@code mediaProcessorJar}); a
 *     module of its own so that only that function carries the imaging libraries
 * @param corsOrigins the browser origins that may POST uploads to the bucket and fetch media from it
 *     (context {@code media.corsOrigins}: a comma-separated list or a JSON array; default {@code *}).
 *     Uploads are still bound to presigned POST policies; this only lets browsers make the request.
 */
public record MediaConfig(Path processorJar, List<String> corsOrigins) {

    public static final String PROCESSOR_JAR = "mediaProcessorJar";
    public static final String CORS_ORIGINS = "media.corsOrigins";

    static final List<String> ANY_ORIGIN = List.of("*");

    public MediaConfig {
        Objects.requireNonNull(processorJar, "processorJar");
        corsOrigins = List.copyOf(corsOrigins);
        if (corsOrigins.isEmpty() || corsOrigins.stream().anyMatch(String::isBlank)) {
            throw new IllegalArgumentException("Context " + CORS_ORIGINS + " must list at least one origin, got: " + corsOrigins);
        }
    }

    /** Fails with what to do when the jar was not built; {@link ParleyConfig} checks it after the functions jar. */
    void requireBuiltJar() {
        if (!Files.isRegularFile(processorJar)) {
            throw new IllegalStateException("The media processor jar " + processorJar + " does not exist."
                    + " Build it first with `./parley build` (or `mvn -pl media-processor -am package`),"
                    + " or point the context key " + PROCESSOR_JAR + " at a built jar.");
        }
    }

    /** @param context looks a context key up, returning null when it is not set */
    public static MediaConfig from(Function<String, Object> context, RepositoryLayout repository) {
        Object jar = context.apply(PROCESSOR_JAR);
        return new MediaConfig(
                jar == null ? repository.defaultMediaProcessorJar() : Path.of(jar.toString()).toAbsolutePath(),
                origins(context.apply(CORS_ORIGINS)));
    }

    /** Context from the command line arrives as text, from cdk.json as JSON values (here a list). */
    private static List<String> origins(Object value) {
        if (value == null) {
            return ANY_ORIGIN;
        }
        if (value instanceof List<?> list) {
            return list.stream().map(Object::toString).map(String::trim).toList();
        }
        return Arrays.stream(value.toString().split(",")).map(String::trim).toList();
    }
}
