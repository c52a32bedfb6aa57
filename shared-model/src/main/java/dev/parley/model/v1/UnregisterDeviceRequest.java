package dev.parley.model.v1;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;


/** unregisterDevice: the calling device gets no more pushes. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record UnregisterDeviceRequest() {
}
