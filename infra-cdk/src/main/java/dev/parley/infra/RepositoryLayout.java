package dev.parley.infra;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Where the app finds what it deploys, wherever it was started from: the cdk CLI runs it from the
 * repository root, Maven from the root or from {@code infra-cdk/}.
 */
public record RepositoryLayout(Path root) {

    public RepositoryLayout {
        root = root.toAbsolutePath().normalize();
    }

    /** Searches upward from the working directory, then from where this class was loaded. */
    public static RepositoryLayout locate() {
        return Stream.concat(Stream.of(Path.of("").toAbsolutePath()), codeLocation().stream())
                .map(RepositoryLayout::findUpwardsFrom)
                .flatMap(Optional::stream)
                .findFirst()
                .orElseThrow(() -> new IllegalStateException(
                        "Cannot find the Parley repository root (a directory holding pom.xml and"
                                + " infra-cdk/pom.xml) above " + Path.of("").toAbsolutePath()
                                + ". Run the CDK app from inside the repository."));
    }

    static Optional<RepositoryLayout> findUpwardsFrom(Path start) {
        for (Path dir = start.toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("pom.xml"))
                    && Files.isRegularFile(dir.resolve("infra-cdk").resolve("pom.xml"))) {
                return Optional.of(new RepositoryLayout(dir));
            }
        }
        return Optional.empty();
    }

    /** The shaded Lambda jar that the functions module builds. */
    public Path defaultFunctionsJar() {
        return root.resolve("functions").resolve("target").resolve("parley-functions.jar");
    }

    /** The shaded Lambda jar of the media processor, which only the processor function deploys. */
    public Path defaultMediaProcessorJar() {
        return root.resolve("media-processor").resolve("target").resolve("parley-media-processor.jar");
    }

    /** Where the CDK CLI and local-env expect the cloud assembly. */
    public Path cloudAssemblyDirectory() {
        return root.resolve("cdk.out");
    }

    /**
     * The {@code context} of the root cdk.json (the CDK feature flags). The cdk CLI hands it to the
     * app itself; reading it here too means a synth from Maven gives the same template as
     * {@code cdk synth}. Context from the CLI still wins, because {@code App} applies it last.
     */
    public Map<String, Object> cdkJsonContext() {
        Path cdkJson = root.resolve("cdk.json");
        if (!Files.isRegularFile(cdkJson)) {
            return Map.of();
        }
        try {
            ObjectMapper mapper = new ObjectMapper();
            JsonNode context = mapper.readTree(cdkJson.toFile()).path("context");
            if (!context.isObject()) {
                return Map.of();
            }
            Map<String, Object> values = new LinkedHashMap<>();
            context.properties().forEach(entry ->
                    values.put(entry.getKey(), mapper.convertValue(entry.getValue(), Object.class)));
            return Collections.unmodifiableMap(values);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + cdkJson, e);
        }
    }

    private static List<Path> codeLocation() {
        try {
            var source = RepositoryLayout.class.getProtectionDomain().getCodeSource();
            return source == null ? List.of() : List.of(Path.of(source.getLocation().toURI()));
        } catch (URISyntaxException | IllegalArgumentException | SecurityException e) {
            return List.of();
        }
    }
}
