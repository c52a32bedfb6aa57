package dev.parley.model.v1;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/** getKeyCounts: no fields; counts the calling device's one-time keys. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record GetKeyCountsRequest() {
}
