package dev.parley.functions.domain.conversation;

import java.util.Collection;
import java.util.Map;

/** Port: members' usernames by user id, for member lists; an id without a known name is absent. */
@FunctionalInterface
public interface MemberNames {

    Map<String, String> usernames(Collection<String> userIds);
}
