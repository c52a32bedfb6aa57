package dev.parley.model.v1;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;


/** getSettings: the caller's settings. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record GetSettingsRequest() {
}
