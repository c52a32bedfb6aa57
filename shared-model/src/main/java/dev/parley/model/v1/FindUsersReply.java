package dev.parley.model.v1;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

import java.util.List;

/** findUsers reply: the exact matches; unknown usernames are simply absent. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record FindUsersReply(List<UserMatch> users) {
}
