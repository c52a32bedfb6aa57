package dev.parley.functions.config;

import org.junit.jupiter.api.Test;

import java.net.URI;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MediaConfigTest {
    private static Map<String, String> with(String... pairs) {
        Map<String, String> variables = new HashMap<>(Map.of("AWS_REGION", "eu-west-1", "MEDIA_BUCKET", "b", "MEDIA_TABLE", "t"));
        for (int i = 0; i < pairs.length; i += 2) {
            variables.put(pairs[i], pairs[i + 1]);
        }
        return variables;
    }

    private static MediaConfig read(Map<String, String> variables, String endpointProperty) {
        return MediaConfig.from(new Environment(variables), name -> "aws.endpointUrl".equals(name) ? endpointProperty : null);
    }

    @Test
    void on_aws_there_is_no_endpoint_and_no_cdn_unless_configured() {
        MediaConfig config = read(with(), null);

        assertThat(config.s3Endpoint()).isEmpty();
        assertThat(config.cdn()).isEmpty();
        assertThat(config.bucket()).isEqualTo("b");
        assertThat(config.mediaTable()).isEqualTo("t");
    }

    @Test
    void the_s3_endpoint_comes_from_the_sdks_own_settings_most_specific_first_with_localhost_for_127_0_0_1() {
        assertThat(read(with("AWS_ENDPOINT_URL_S3", "http://s3:1/", "AWS_ENDPOINT_URL", "http://all:2"), "http://p:3").s3Endpoint())
                .contains(URI.create("http://s3:1"));
        assertThat(read(with("AWS_ENDPOINT_URL", "http://all:2"), "http://p:3").s3Endpoint()).contains(URI.create("http://all:2"));
        assertThat(read(with(), "http://127.0.0.1:5000").s3Endpoint()).contains(URI.create("http://localhost:5000"));
    }

    @Test
    void cloudfront_signing_needs_all_three_variables() {
        MediaConfig config = read(with("MEDIA_CDN_DOMAIN", "d1.cloudfront.net", "MEDIA_CDN_KEY_PAIR_ID", "K1",
                "MEDIA_CDN_PRIVATE_KEY_SECRET", "parley/media-key"), null);

        assertThat(config.cdn()).isEqualTo(Optional.of(new MediaConfig.Cdn("d1.cloudfront.net", "K1", "parley/media-key")));
        assertThatThrownBy(() -> read(with("MEDIA_CDN_DOMAIN", "d1.cloudfront.net"), null))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("MEDIA_CDN_PRIVATE_KEY_SECRET");
    }
}
