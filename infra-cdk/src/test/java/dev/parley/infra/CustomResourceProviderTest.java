package dev.parley.infra;

import static dev.parley.infra.SynthesizedParley.templateWith;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Node.js sources of the custom resources: valid JavaScript, small enough to inline, and what the template carries. */
class CustomResourceProviderTest {

    private static final Path PROVIDERS = Path.of("src/main/resources/providers");

    @TempDir
    Path work;

    @Test
    void every_provider_directory_is_listed_so_that_it_is_checked_below() throws IOException {
        try (Stream<Path> directories = Files.list(PROVIDERS)) {
            assertThat(directories.map(dir -> dir.getFileName().toString()))
                    .containsExactlyInAnyOrderElementsOf(CustomResourceProvider.NAMES);
        }
    }

    @Test
    void every_provider_is_javascript_that_node_accepts() throws Exception {
        for (String name : CustomResourceProvider.NAMES) {
            Path file = work.resolve(name + ".js");
            Files.writeString(file, CustomResourceProvider.source(name), StandardCharsets.UTF_8);
            Process node = new ProcessBuilder("node", "--check", file.toString()).redirectErrorStream(true).start();
            String output = new String(node.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(node.waitFor(60, TimeUnit.SECONDS)).as("node --check finished").isTrue();
            assertThat(node.exitValue()).as(name + ": " + output).isZero();
        }
    }

    @Test
    void every_provider_fits_inline_and_exports_a_handler() {
        for (String name : CustomResourceProvider.NAMES) {
            String source = CustomResourceProvider.source(name);
            assertThat(source.getBytes(StandardCharsets.UTF_8).length).as(name)
                    .isLessThanOrEqualTo(CustomResourceProvider.INLINE_LIMIT_BYTES);
            assertThat(source).as(name).contains("exports.handler = async (event, context) =>");
        }
    }

    @Test
    void the_template_carries_each_provider_inline_byte_for_byte() {
        var parley = SynthesizedParley.of(templateWith(Map.of(
                PushConfig.APNS_SECRET, "parley/push/apns", PushConfig.FCM_SECRET, "parley/push/fcm")));

        List<String> inlineCode = parley.inlineCodeOfFunctions();
        for (String name : CustomResourceProvider.NAMES) {
            assertThat(inlineCode).as(name).contains(CustomResourceProvider.source(name));
        }
    }
}
