package dev.parley.model.v1;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;


/** ping: keep-alive; send one every 5 minutes on a quiet socket. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record PingRequest() {
}
