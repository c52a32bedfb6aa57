package dev.parley.model.v1;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * One entry of a user's key log. {@code change} is "added", "reinstalled" or "revoked"; {@code at}
 * epoch ms; {@code hash} = base64(SHA-256(prevHash bytes || UTF-8 of
 * "seq|deviceNum|registrationId|identityKey|change|at")), {@code prevHash} of entry 1 is 32 zero bytes.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record KeyLogEntryInfo(long seq, int deviceNum, int registrationId, String identityKey, String change, long at,
                              String prevHash, String hash) {
}
