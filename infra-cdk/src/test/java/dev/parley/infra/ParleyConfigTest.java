package dev.parley.infra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awscdk.RemovalPolicy;

class ParleyConfigTest {

    @TempDir
    Path repositoryRoot;

    @Test
    void given_a_repository_with_a_built_jar_when_no_context_is_set_then_the_defaults_apply() throws IOException {
        Path jar = builtJar();
        Path mediaJar = builtMediaJar();

        ParleyConfig config = ParleyConfig.from(Map.<String, Object>of()::get, new RepositoryLayout(repositoryRoot));

        assertThat(config).isEqualTo(new ParleyConfig(jar, "prod", RemovalPolicy.RETAIN, false,
                new MediaConfig(mediaJar, List.of("*"))));
    }

    @Test
    void given_no_built_jar_when_configuring_then_the_message_says_how_to_build_it() {
        assertThatThrownBy(() -> ParleyConfig.from(Map.<String, Object>of()::get, new RepositoryLayout(repositoryRoot)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("./parley build")
                .hasMessageContaining(repositoryRoot.resolve("functions/target/parley-functions.jar").toString());
    }

    @Test
    void given_context_from_the_command_line_when_configuring_then_it_overrides_the_defaults() throws IOException {
        Path jar = Files.createFile(repositoryRoot.resolve("elsewhere.jar"));
        Path mediaJar = Files.createFile(repositoryRoot.resolve("media-elsewhere.jar"));
        Map<String, Object> context = Map.of(
                "functionsJar", jar.toString(),
                "mediaProcessorJar", mediaJar.toString(),
                "media.corsOrigins", "https://app.example.com, http://localhost:5173",
                "stage", "dev",
                "removalPolicy", "destroy",
                "selfSignUp", "true");

        ParleyConfig config = ParleyConfig.from(context::get, new RepositoryLayout(repositoryRoot));

        assertThat(config).isEqualTo(new ParleyConfig(jar, "dev", RemovalPolicy.DESTROY, true,
                new MediaConfig(mediaJar, List.of("https://app.example.com", "http://localhost:5173"))));
    }

    @Test
    void given_cors_origins_as_a_json_list_from_cdk_json_when_configuring_then_they_are_taken_as_they_are() throws IOException {
        builtJar();
        builtMediaJar();

        ParleyConfig config = ParleyConfig.from(Map.<String, Object>of("media.corsOrigins",
                List.of("https://app.example.com"))::get, new RepositoryLayout(repositoryRoot));

        assertThat(config.media().corsOrigins()).containsExactly("https://app.example.com");
    }

    @Test
    void given_a_functions_jar_but_no_media_processor_jar_when_configuring_then_the_message_says_how_to_build_it()
            throws IOException {
        builtJar();

        assertThatThrownBy(() -> ParleyConfig.from(Map.<String, Object>of()::get, new RepositoryLayout(repositoryRoot)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("./parley build")
                .hasMessageContaining(repositoryRoot.resolve("media-processor/target/parley-media-processor.jar").toString());
    }

    @Test
    void given_push_secret_names_in_context_when_configuring_then_push_is_set_up_with_them() throws IOException {
        builtJar();
        builtMediaJar();
        Map<String, Object> context = Map.of("push.apns.secret", "parley/push/apns", "push.fcm.secret", "parley/push/fcm");

        ParleyConfig config = ParleyConfig.from(context::get, new RepositoryLayout(repositoryRoot));

        assertThat(config.push()).isEqualTo(new PushConfig("parley/push/apns", "parley/push/fcm"));
    }

    @Test
    void given_a_stage_name_api_gateway_would_reject_when_configuring_then_it_fails_before_deploying() throws IOException {
        builtJar();
        builtMediaJar();

        assertThatThrownBy(() -> ParleyConfig.from(Map.<String, Object>of("stage", "my stage")::get,
                new RepositoryLayout(repositoryRoot)))
                .hasMessageContaining("stage");
    }

    @Test
    void given_an_unknown_removal_policy_when_configuring_then_it_is_refused() throws IOException {
        builtJar();
        builtMediaJar();

        assertThatThrownBy(() -> ParleyConfig.from(Map.<String, Object>of("removalPolicy", "snapshot")::get,
                new RepositoryLayout(repositoryRoot)))
                .hasMessageContaining("retain or destroy");
    }

    private Path builtMediaJar() throws IOException {
        Path jar = repositoryRoot.resolve("media-processor/target/parley-media-processor.jar");
        Files.createDirectories(jar.getParent());
        return Files.createFile(jar);
    }

    private Path builtJar() throws IOException {
        Path jar = repositoryRoot.resolve("functions/target/parley-functions.jar");
        Files.createDirectories(jar.getParent());
        return Files.createFile(jar);
    }
}
