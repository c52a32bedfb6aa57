package dev.parley.model.v1;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

import java.util.List;

/**
 * readCounts: how many members of a large conversation have read each of {@code seqs} (1 to
 * {@link dev.parley.model.Limits#MAX_READ_COUNT_SEQS} seqs, each at least 1).
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ReadCountsRequest(String conversationId, List<Long> seqs) {
}
