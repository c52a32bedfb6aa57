package dev.parley.model.v1;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

import java.util.List;

/**
 * readCounts reply: for each asked seq, in the order asked, how many members' read cursors are at
 * or past it. Exact (as eventually consistent reads go) for seqs at or after {@code exactFrom};
 * for an older seq the count is a lower bound (the count at {@code exactFrom}).
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ReadCountsReply(String conversationId, long exactFrom, List<ReadCount> counts) {

    /** {@code readBy} members have read up to {@code seq} or further. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record ReadCount(long seq, long readBy) {
    }
}
