package dev.parley.model.v1;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;


/** registerDevice reply: the calling device now gets pushes while it has no live connection. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record RegisterDeviceReply(String deviceId, String platform, String status) {
}
