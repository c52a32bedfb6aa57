package dev.parley.model.v1;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;


/** ping reply: the server's clock in epoch milliseconds. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record PingReply(long serverTime) {
}
