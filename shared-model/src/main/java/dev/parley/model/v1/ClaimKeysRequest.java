package dev.parley.model.v1;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/** claimKeys: one bundle of {@code userId}'s device {@code deviceNum}, or of every device of theirs when absent. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ClaimKeysRequest(String userId, Integer deviceNum) {
}
