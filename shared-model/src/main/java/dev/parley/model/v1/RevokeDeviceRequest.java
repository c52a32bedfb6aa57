package dev.parley.model.v1;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;


/** revokeDevice: cut one of the caller's other devices off until it signs in again. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record RevokeDeviceRequest(String deviceId) {
}
