package dev.parley.model.v1;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;


/**
 * A member, their role (owner, admin or member) and, in a {@code listMembers} page, their username
 * when the server knows it (absent otherwise).
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record MemberInfo(String userId, String role, String username) {

    /** A member as the conversation itself knows them: without a name. */
    public MemberInfo(String userId, String role) {
        this(userId, role, null);
    }
}
