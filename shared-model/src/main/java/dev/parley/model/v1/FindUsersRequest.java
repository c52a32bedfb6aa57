package dev.parley.model.v1;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

import java.util.List;

/** findUsers: exact usernames to resolve into user ids (at most 25). */
@JsonIgnoreProperties(ignoreUnknown = true)
public record FindUsersRequest(List<String> usernames) {
}
