package dev.parley.model.v1;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;


/**
 * deleteAccount: delete the caller's account and Parley's data of it. {@code confirmUsername} must be
 * the caller's own username, and the socket must come from a sign-in of the last 10 minutes.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record DeleteAccountRequest(String confirmUsername) {
}
