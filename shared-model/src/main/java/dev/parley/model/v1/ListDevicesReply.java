package dev.parley.model.v1;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

import java.util.List;

/** listDevices reply, most recently seen first. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ListDevicesReply(List<DeviceInfo> devices) {
}
