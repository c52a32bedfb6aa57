package dev.parley.model.v1;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;


/** listDevices: the caller's devices. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ListDevicesRequest() {
}
