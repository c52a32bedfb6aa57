package dev.parley.model.v1;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/** The newest entry of a user's key log: its {@code seq} and {@code hash} (base64 SHA-256). */
@JsonIgnoreProperties(ignoreUnknown = true)
public record KeyLogHead(long seq, String hash) {
}
