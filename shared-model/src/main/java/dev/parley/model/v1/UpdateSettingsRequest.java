package dev.parley.model.v1;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;


/** updateSettings: each field present is changed; absent fields keep their value. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record UpdateSettingsRequest(Boolean presenceVisible, Boolean pushPreview) {
}
