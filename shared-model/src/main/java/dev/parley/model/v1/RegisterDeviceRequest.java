package dev.parley.model.v1;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;


/** registerDevice: {@code platform} is APNS, APNS_SANDBOX or FCM; {@code token} is the device token the platform issued. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record RegisterDeviceRequest(String platform, String token) {
}
