package dev.parley.model.v1;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/** A claimed Kyber prekey: a one-time one, or the device's last-resort key ({@code lastResort} true) when none is left. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record KyberPreKeyInfo(int keyId, String publicKey, String signature, boolean lastResort) {
}
