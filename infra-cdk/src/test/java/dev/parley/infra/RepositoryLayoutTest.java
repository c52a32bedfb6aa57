package dev.parley.infra;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RepositoryLayoutTest {

    @TempDir
    Path root;

    @Test
    void the_root_is_found_from_the_root_itself_and_from_inside_infra_cdk() throws IOException {
        Files.createFile(root.resolve("pom.xml"));
        Path module = Files.createDirectories(root.resolve("infra-cdk/src/main"));
        Files.createFile(root.resolve("infra-cdk/pom.xml"));

        assertThat(RepositoryLayout.findUpwardsFrom(root)).contains(new RepositoryLayout(root));
        assertThat(RepositoryLayout.findUpwardsFrom(module)).contains(new RepositoryLayout(root));
        assertThat(new RepositoryLayout(root).defaultFunctionsJar())
                .isEqualTo(root.resolve("functions/target/parley-functions.jar"));
    }

    @Test
    void the_feature_flags_of_cdk_json_reach_an_app_run_outside_the_cdk_cli() throws IOException {
        Files.writeString(root.resolve("cdk.json"), """
                {"app": "./parley cdk-app",
                 "context": {"@aws-cdk/aws-iam:minimizePolicies": true,
                             "@aws-cdk/core:target-partitions": ["aws", "aws-cn"]}}
                """);

        assertThat(new RepositoryLayout(root).cdkJsonContext())
                .containsEntry("@aws-cdk/aws-iam:minimizePolicies", true)
                .containsEntry("@aws-cdk/core:target-partitions", java.util.List.of("aws", "aws-cn"))
                .doesNotContainKey("app");
    }

    @Test
    void a_repository_without_cdk_json_has_no_extra_context() {
        assertThat(new RepositoryLayout(root).cdkJsonContext()).isEmpty();
    }
}
