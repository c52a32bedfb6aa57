package dev.parley.model.v1;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/** Event {@code devicesChanged}: a device of {@code userId} was added, reinstalled or revoked; the log now ends at {@code keyLog}. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record DevicesChangedEvent(String userId, KeyLogHead keyLog) {
}
