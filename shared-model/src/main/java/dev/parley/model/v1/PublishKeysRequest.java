package dev.parley.model.v1;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.List;

/**
 * publishKeys: the calling device's public keys (docs/protocol/e2ee.md). signedPreKey and
 * kyberLastResortKey are required on the device's first publish and on a reinstall (a new
 * registrationId), and replace the stored ones when present later; the one-time keys are added,
 * at most 100 of each kind per call.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record PublishKeysRequest(Integer registrationId, String identityKey, SignedPreKeyInfo signedPreKey,
                                 SignedPreKeyInfo kyberLastResortKey, List<PreKeyInfo> oneTimePreKeys,
                                 List<SignedPreKeyInfo> oneTimeKyberPreKeys) {
}
