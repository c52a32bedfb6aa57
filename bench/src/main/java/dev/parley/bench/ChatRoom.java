package dev.parley.bench;

import java.util.List;

/** A conversation the benchmark created, with the one device of each member. */
record ChatRoom(String conversationId, List<Device> members) {

    /** Every member's device but the sender's gets each message. */
    int recipientsPerMessage() {
        return members.size() - 1;
    }
}
