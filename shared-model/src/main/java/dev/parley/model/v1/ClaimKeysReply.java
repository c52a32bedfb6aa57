package dev.parley.model.v1;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.List;

/** claimKeys reply: the user's key log head and one bundle per claimed device. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ClaimKeysReply(String userId, KeyLogHead keyLog, List<PreKeyBundle> bundles) {
}
