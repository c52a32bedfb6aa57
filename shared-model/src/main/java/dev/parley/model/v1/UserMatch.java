package dev.parley.model.v1;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;


/** One findUsers match. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record UserMatch(String username, String userId, String displayName) {
}
