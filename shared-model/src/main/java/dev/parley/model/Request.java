package dev.parley.model;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A request as a client sends it: {@code {"action": "...", "requestId": "...", ...}}.
 * {@code body} is the whole frame, so that each action reads its own fields from it.
 */
public record Request(String action, String requestId, ObjectNode body) {
}
