package dev.parley.localenv;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LocalCloudOptionsTest {
    private final ProjectLayout layout = new ProjectLayout(Path.of("/repo"));

    @Test
    void without_arguments_the_documented_ports_region_and_files_apply() {
        LocalCloudOptions options = LocalCloudOptions.parse(new String[0], Map.of(), layout);

        assertThat(options.gatewayPort()).isEqualTo(3001);
        assertThat(options.motoPort()).isEqualTo(5055);
        assertThat(options.region().id()).isEqualTo("us-east-1");
        assertThat(options.template()).isEqualTo(Path.of("/repo/cdk.out/Parley.template.json"));
        assertThat(options.endpointsFile()).isEqualTo(Path.of("/repo/local-env/target/endpoints.json"));
    }

    @Test
    void flags_win_over_the_environment_and_zero_means_a_free_port() {
        LocalCloudOptions options = LocalCloudOptions.parse(
                new String[] {"--port", "0", "--moto-port", "0", "--endpoints-file", "/tmp/e.json", "--region", "eu-west-1"},
                Map.of("PARLEY_PORT", "4000", "PARLEY_MOTO_PORT", "4001"), layout);

        assertThat(options.gatewayPort()).isZero();
        assertThat(options.motoPort()).isZero();
        assertThat(options.region().id()).isEqualTo("eu-west-1");
        assertThat(options.endpointsFile()).isEqualTo(Path.of("/tmp/e.json"));
        assertThat(LocalCloudOptions.parse(new String[0], Map.of("PARLEY_PORT", "4000"), layout).gatewayPort()).isEqualTo(4000);
    }

    @Test
    void an_unknown_option_or_a_bad_port_is_refused_with_the_usage() {
        assertThatThrownBy(() -> LocalCloudOptions.parse(new String[] {"--prot", "1"}, Map.of(), layout))
                .hasMessageContaining("Unknown option --prot").hasMessageContaining("Usage:");
        assertThatThrownBy(() -> LocalCloudOptions.parse(new String[] {"--port", "70000"}, Map.of(), layout))
                .hasMessageContaining("0..65535");
    }
}
