package dev.parley.model.v1;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;


/** One of the user's devices: {@code platform} is ios, android, web or unknown; times are epoch milliseconds; {@code current} marks the calling device. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record DeviceInfo(String deviceId, String platform, long firstSeenAt, long lastSeenAt, boolean connected, boolean current, boolean revoked) {
}
