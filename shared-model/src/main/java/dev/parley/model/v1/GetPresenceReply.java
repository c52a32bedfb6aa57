package dev.parley.model.v1;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.List;

/** getPresence reply: only users who share a conversation with the caller and do not hide their presence. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record GetPresenceReply(List<PresenceInfo> presence) {
}
