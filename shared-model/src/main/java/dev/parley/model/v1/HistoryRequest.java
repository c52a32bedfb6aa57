package dev.parley.model.v1;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;


/** history: messages before {@code beforeSeq} (absent: the newest), at most {@code limit} (1..100, default 50), oldest first. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record HistoryRequest(String conversationId, Long beforeSeq, Integer limit) {
}
