package dev.parley.model.v1;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/** Event {@code keysLow}: a claim left this device with fewer than {@code threshold} one-time keys of a kind; publish more. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record KeysLowEvent(int oneTimePreKeys, int oneTimeKyberPreKeys, int threshold) {
}
