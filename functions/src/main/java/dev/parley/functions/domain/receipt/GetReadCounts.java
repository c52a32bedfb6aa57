package dev.parley.functions.domain.receipt;

import dev.parley.functions.domain.Failure;
import dev.parley.functions.domain.FailureException;
import dev.parley.functions.domain.RequestFields;
import dev.parley.functions.domain.conversation.ConversationId;
import dev.parley.functions.domain.sync.MemberCursors;
import dev.parley.functions.domain.sync.MemberState;
import dev.parley.model.Limits;
import dev.parley.model.v1.ReadCountsReply;

import java.util.List;

/**
 * Use case: {@code readCounts}. A member of a large conversation asks how many members have read
 * some of its messages (a client asks for its own recent messages, as "read by N"). Large
 * conversations send no per-member receipts; these counts take their place.
 *
 * <p>Cost: the caller's row (one consistent GetItem, which is also the membership check and tells
 * the tier) and the counts ({@link ReadCounts#tally}); the number of seqs asked does not change it.
 */
public final class GetReadCounts {
    private final MemberCursors rows;
    private final ReadCounts counts;

    public GetReadCounts(MemberCursors rows, ReadCounts counts) {
        this.rows = rows;
        this.counts = counts;
    }

    public ReadCountsReply counts(String userId, Command command) {
        String conversationId = ConversationId.require(command.conversationId());
        List<Long> seqs = RequestFields.required(command.seqs(), "seqs");
        if (seqs.isEmpty() || seqs.size() > Limits.MAX_READ_COUNT_SEQS) {
            throw RequestFields.badRequest("Field \"seqs\" must hold 1 to " + Limits.MAX_READ_COUNT_SEQS + " seqs.");
        }
        if (seqs.stream().anyMatch(seq -> seq == null || seq < 1)) {
            throw RequestFields.badRequest("Every seq in \"seqs\" must be at least 1.");
        }
        MemberState row = rows.row(userId, conversationId)
                .orElseThrow(() -> new FailureException(new Failure.ConversationNotFound(conversationId)));
        if (!row.large()) {
            throw RequestFields.badRequest("readCounts is for large conversations; a small one sends receipt events.");
        }
        ReadTally tally = counts.tally(conversationId);
        return new ReadCountsReply(conversationId, tally.exactFrom(),
                seqs.stream().map(seq -> new ReadCountsReply.ReadCount(seq, tally.readBy(seq))).toList());
    }

    /** What the caller asks for: the {@code readCounts} action's fields, as the handler read them. */
    public record Command(String conversationId, List<Long> seqs) {
    }
}
