package dev.parley.model.v1;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.List;

/** getKeyLog reply: at most 100 entries, oldest first; fewer than 100 means the newest is included. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record KeyLogReply(String userId, List<KeyLogEntryInfo> entries) {
}
