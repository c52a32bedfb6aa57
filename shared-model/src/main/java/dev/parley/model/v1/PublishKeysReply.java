package dev.parley.model.v1;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/** publishKeys reply: the device's number (libsignal's device id) and how many one-time keys of each kind it now has. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record PublishKeysReply(int deviceNum, int oneTimePreKeys, int oneTimeKyberPreKeys) {
}
