package dev.parley.functions.domain.keys;

import java.util.Set;

/** Port: everyone who shares a conversation with a user (the presence feature's contacts), the user excluded. */
public interface Peers {

    Set<String> of(String userId);
}
