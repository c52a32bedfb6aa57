package dev.parley.model.v1;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;


/** Another member's receipt cursors: delivered and read up to these seqs. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record MemberCursor(String userId, long readSeq, long deliveredSeq) {
}
