package dev.parley.model.v1;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/** What a client needs to start a Signal session with one device; {@code oneTimePreKey} is absent when none is left. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record PreKeyBundle(int deviceNum, int registrationId, String identityKey, SignedPreKeyInfo signedPreKey,
                           PreKeyInfo oneTimePreKey, KyberPreKeyInfo kyberPreKey) {
}
