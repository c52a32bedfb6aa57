package dev.parley.model.v1;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.Map;

/** sync: {@code cursors} maps each conversation the device has to the last seq it holds (absent on a new device); {@code since} is the syncToken of the previous completed sync; {@code limit} is messages per conversation (1..100, default 50). */
@JsonIgnoreProperties(ignoreUnknown = true)
public record SyncRequest(Map<String, Long> cursors, String since, Integer limit) {
}
