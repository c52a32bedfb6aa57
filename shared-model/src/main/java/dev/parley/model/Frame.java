package dev.parley.model;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A frame the server sends to a client. Every frame is a JSON object with a {@code type}:
 * {@code reply} answers a request, {@code error} refuses one, anything else is an event.
 */
public sealed interface Frame permits Frame.Reply, Frame.Error, Frame.Event {

    /** The value of the frame's {@code type} field. */
    String type();

    /**
     * The answer to a request. {@code payload} holds the action-specific fields, which are
     * written beside {@code type} and {@code requestId} at the top level of the frame.
     */
    record Reply(String requestId, ObjectNode payload) implements Frame {
        public Reply {
            if (requestId == null) {
                throw new IllegalArgumentException("a reply needs the requestId it answers");
            }
        }

        @Override
        public String type() {
            return "reply";
        }
    }

    /**
     * A refused request. {@code requestId} is null when the request could not be read far enough to know it;
     * {@code details} is null unless the code documents them (DEVICES_MISMATCH, sendMessage's CONFLICT, joinByInvite's FORBIDDEN).
     */
    record Error(String requestId, ErrorCode code, String message, ObjectNode details) implements Frame {
        public Error {
            if (code == null || message == null) {
                throw new IllegalArgumentException("an error needs a code and a message");
            }
        }

        /** An error without details. */
        public Error(String requestId, ErrorCode code, String message) {
            this(requestId, code, message, null);
        }

        @Override
        public String type() {
            return "error";
        }
    }

    /** Something the server tells the client unprompted, such as a new message. */
    record Event(String type, ObjectNode payload) implements Frame {
        public Event {
            if (type == null || type.equals("reply") || type.equals("error")) {
                throw new IllegalArgumentException("an event needs its own type, not " + type);
            }
        }
    }
}
