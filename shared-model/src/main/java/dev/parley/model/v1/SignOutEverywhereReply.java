package dev.parley.model.v1;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;


/** signOutEverywhere reply, sent before the caller's own sockets close. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record SignOutEverywhereReply(int revokedDevices, int closedConnections) {
}
