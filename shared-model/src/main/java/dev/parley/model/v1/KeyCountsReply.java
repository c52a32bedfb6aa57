package dev.parley.model.v1;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/** getKeyCounts reply: the calling device's unclaimed one-time keys of each kind. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record KeyCountsReply(int oneTimePreKeys, int oneTimeKyberPreKeys) {
}
