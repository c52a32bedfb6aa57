package dev.parley.infra;

import static dev.parley.infra.SynthesizedParley.asMap;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Rotating the media signing key in three deploys: trust the next key, sign with it, drop the old
 * one. At no step does a function sign with a key the distribution does not trust.
 */
class MediaSigningKeyRotationTest {

    @Test
    void the_context_names_trusted_generations_oldest_first_and_the_signer_defaults_to_the_oldest() {
        assertThat(MediaSigningKeys.from(Map.<String, Object>of()::get)).isEqualTo(new MediaSigningKeys(List.of(1), 1));
        assertThat(MediaSigningKeys.from(Map.<String, Object>of("media.signingKeys", "1,2")::get))
                .isEqualTo(new MediaSigningKeys(List.of(1, 2), 1));
        assertThat(MediaSigningKeys.from(Map.<String, Object>of("media.signingKeys", List.of(1, 2),
                "media.activeSigningKey", "2")::get)).isEqualTo(new MediaSigningKeys(List.of(1, 2), 2));
    }

    @Test
    void a_signer_outside_the_trusted_keys_or_a_malformed_list_is_refused_at_synth() {
        assertThatThrownBy(() -> MediaSigningKeys.from(Map.<String, Object>of("media.signingKeys", "1",
                "media.activeSigningKey", "2")::get)).hasMessageContaining("media.activeSigningKey must be one of");
        assertThatThrownBy(() -> MediaSigningKeys.from(Map.<String, Object>of("media.signingKeys", "2,1")::get))
                .hasMessageContaining("oldest first");
        assertThatThrownBy(() -> MediaSigningKeys.from(Map.<String, Object>of("media.signingKeys", "1,1")::get))
                .hasMessageContaining("distinct");
        assertThatThrownBy(() -> MediaSigningKeys.from(Map.<String, Object>of("media.signingKeys", "1,2,3")::get))
                .hasMessageContaining("1 or 2");
        assertThatThrownBy(() -> MediaSigningKeys.from(Map.<String, Object>of("media.signingKeys", "new")::get))
                .hasMessageContaining("by number");
    }

    @Test
    void step_one_trusts_the_next_key_while_the_old_one_still_signs_and_keeps_its_logical_ids() {
        SynthesizedParley before = SynthesizedParley.parley();
        SynthesizedParley during = SynthesizedParley.of(SynthesizedParley.templateWith(Map.of("media.signingKeys", "1,2")));

        List<String> keys = during.idsOfType("AWS::CloudFront::PublicKey");
        assertThat(keys).hasSize(2).containsAll(before.idsOfType("AWS::CloudFront::PublicKey"));
        assertThat(during.idsOfType("AWS::SecretsManager::Secret")).hasSize(2)
                .containsAll(before.idsOfType("AWS::SecretsManager::Secret"));
        assertThat(trustedKeys(during)).containsExactlyInAnyOrderElementsOf(keys);
        assertThat(signer(during)).isEqualTo(signer(before));
    }

    @Test
    void step_two_signs_with_the_new_key_and_reads_only_its_secret() {
        SynthesizedParley before = SynthesizedParley.parley();
        SynthesizedParley switched = SynthesizedParley.of(SynthesizedParley.templateWith(
                Map.of("media.signingKeys", "1,2", "media.activeSigningKey", "2")));

        String newKey = switched.idsOfType("AWS::CloudFront::PublicKey").stream()
                .filter(id -> !before.idsOfType("AWS::CloudFront::PublicKey").contains(id)).findFirst().orElseThrow();
        String newSecret = switched.idsOfType("AWS::SecretsManager::Secret").stream()
                .filter(id -> !before.idsOfType("AWS::SecretsManager::Secret").contains(id)).findFirst().orElseThrow();
        assertThat(signer(switched)).containsEntry("MEDIA_CDN_KEY_PAIR_ID", Map.of("Ref", newKey))
                .containsEntry("MEDIA_CDN_PRIVATE_KEY_SECRET", Map.of("Ref", newSecret));
        assertThat(trustedKeys(switched)).contains(newKey);
        String mediaRoute = switched.functionWithHandler("MediaHandler");
        String oldSecret = before.idsOfType("AWS::SecretsManager::Secret").get(0);
        assertThat(switched.actionsAllowedOn(mediaRoute, newSecret)).contains("secretsmanager:GetSecretValue");
        assertThat(switched.actionsAllowedOn(mediaRoute, oldSecret)).isEmpty();
    }

    @Test
    void step_three_drops_the_old_key_from_the_distribution_and_the_stack() {
        SynthesizedParley before = SynthesizedParley.parley();
        SynthesizedParley after = SynthesizedParley.of(SynthesizedParley.templateWith(Map.of("media.signingKeys", "2")));

        List<String> keys = after.idsOfType("AWS::CloudFront::PublicKey");
        assertThat(keys).hasSize(1).doesNotContainAnyElementsOf(before.idsOfType("AWS::CloudFront::PublicKey"));
        assertThat(trustedKeys(after)).containsExactlyElementsOf(keys);
        assertThat(signer(after)).containsEntry("MEDIA_CDN_KEY_PAIR_ID", Map.of("Ref", keys.get(0)));
    }

    private static List<String> trustedKeys(SynthesizedParley parley) {
        String group = parley.idsOfType("AWS::CloudFront::KeyGroup").get(0);
        return parley.referencedIds(asMap(parley.properties(group).get("KeyGroupConfig")).get("Items"));
    }

    private static Map<String, Object> signer(SynthesizedParley parley) {
        Map<String, Object> environment = parley.environmentOf("MediaHandler");
        return Map.of("MEDIA_CDN_KEY_PAIR_ID", environment.get("MEDIA_CDN_KEY_PAIR_ID"),
                "MEDIA_CDN_PRIVATE_KEY_SECRET", environment.get("MEDIA_CDN_PRIVATE_KEY_SECRET"));
    }
}
