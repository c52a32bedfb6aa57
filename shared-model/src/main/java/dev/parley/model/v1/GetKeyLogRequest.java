package dev.parley.model.v1;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/** getKeyLog: {@code userId}'s key log entries after {@code afterSeq} (absent: from the first), oldest first. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record GetKeyLogRequest(String userId, Long afterSeq) {
}
