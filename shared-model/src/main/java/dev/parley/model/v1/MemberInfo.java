package dev.parley.model.v1;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;


/** A member and their role (admin or member). */
@JsonIgnoreProperties(ignoreUnknown = true)
public record MemberInfo(String userId, String role) {
}
