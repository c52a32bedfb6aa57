package dev.parley.functions.domain.receipt;

import dev.parley.functions.domain.Actor;
import dev.parley.functions.domain.Failure;
import dev.parley.functions.domain.FailureException;
import dev.parley.functions.domain.RequestFields;
import dev.parley.functions.domain.conversation.ConversationId;
import dev.parley.functions.domain.delivery.FanOut;
import dev.parley.functions.domain.conversation.ConversationTail;
import dev.parley.functions.domain.conversation.ConversationTails;
import dev.parley.functions.domain.sync.MemberCursors;
import dev.parley.functions.domain.sync.MemberCursors.Cursor;
import dev.parley.functions.domain.sync.MemberState;
import dev.parley.model.Limits;
import dev.parley.model.ProtocolCodec;
import dev.parley.model.v1.Actions;
import dev.parley.model.v1.ReceiptEvent;
import dev.parley.model.v1.ReceiptReply;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Use case: markDelivered and markRead. A cursor moves only forward and never past the
 * conversation's last seq; a regression is answered {@code moved: false} and tells nobody.
 *
 * <p>The common case is one conditional UpdateItem of the caller's row (1 write unit): the
 * condition checks membership, direction and the row's lastSeq at once. Only when it fails is the
 * row read (consistently) to tell why; a row whose lastSeq lags a just-sent message is checked
 * against the conversation's true tail and updated with it.
 *
 * <p>markRead moves only {@code readSeq}: the delivered cursor shown everywhere is
 * max(deliveredSeq, readSeq) ({@link MemberState#delivered()}), and markDelivered moves only when
 * that effective cursor does.
 *
 * <p>When a cursor moved, a {@code receipt} event goes to the user's other live devices (with the
 * unread count, for badges) and, in conversations of at most {@link Limits#RECEIPTS_MAX_MEMBERS}
 * members, to the other members' live devices (without it). That costs the header read and one
 * BatchGet of connections.
 *
 * <p>The unread count is the conversation's last seq against the new read cursor. A large
 * conversation's messages do not move its members' rows, so such a row's {@code lastSeq} is only
 * what the member's last cursor move raised it to, and counting from it would come out low: for a
 * large row the last seq is read from the timeline (one eventually consistent Query of the header
 * and the newest message, the read a small conversation makes for its member list instead).
 */
public final class MarkReceipt {
    private static final int MAX_ATTEMPTS = 3;

    private final MemberCursors rows;
    private final ConversationTails messages;
    private final FanOut fanOut;
    private final Clock clock;

    public MarkReceipt(MemberCursors rows, ConversationTails messages, FanOut fanOut, Clock clock) {
        this.rows = rows;
        this.messages = messages;
        this.fanOut = fanOut;
        this.clock = clock;
    }

    public ReceiptReply mark(Actor actor, Cursor cursor, Command command) {
        String conversationId = ConversationId.require(command.conversationId());
        long upToSeq = RequestFields.required(command.upToSeq(), "upToSeq");
        if (upToSeq < 1) {
            throw RequestFields.badRequest("Field \"upToSeq\" must be at least 1.");
        }
        Instant now = clock.instant();
        Optional<MemberState> moved = rows.advance(actor.userId(), conversationId, cursor, upToSeq, null, now);
        for (int attempt = 1; moved.isEmpty() && attempt < MAX_ATTEMPTS; attempt++) {
            MemberState row = rows.row(actor.userId(), conversationId)
                    .orElseThrow(() -> new FailureException(new Failure.ConversationNotFound(conversationId)));
            long current = cursor == Cursor.READ ? row.readSeq() : row.delivered();
            if (current >= upToSeq) {
                return reply(row, lastSeq(row), false);
            }
            Long trueLast = null;
            if (row.lastSeq() < upToSeq) {
                trueLast = messages.tail(conversationId, 1, ConversationTails.Read.CONSISTENT)
                        .map(ConversationTail::lastSeq).orElse(0L);
                if (upToSeq > trueLast) {
                    throw RequestFields.badRequest("upToSeq " + upToSeq + " is past the last seq " + trueLast);
                }
            }
            moved = rows.advance(actor.userId(), conversationId, cursor, upToSeq, trueLast, now);
        }
        if (moved.isEmpty()) {
            throw new FailureException(new Failure.Unavailable("memberships table: receipts raced"));
        }
        long lastSeq = lastSeq(moved.get());
        tell(actor, moved.get(), lastSeq);
        return reply(moved.get(), lastSeq, true);
    }

    /**
     * The conversation's last seq as far as unread counts need it: the row's own for a small
     * conversation (every message moves it), the timeline's for a large one (eventually consistent:
     * it may lag a message just stored, never run ahead).
     */
    private long lastSeq(MemberState row) {
        if (!row.large()) {
            return row.lastSeq();
        }
        return Math.max(row.lastSeq(), messages.tail(row.conversationId(), 1, ConversationTails.Read.EVENTUALLY_CONSISTENT)
                .map(ConversationTail::lastSeq).orElse(0L));
    }

    /** A large conversation's header lists nobody and it has no receipts: only the reader's own devices hear of it. */
    private void tell(Actor actor, MemberState row, long lastSeq) {
        List<String> others = row.large() ? List.of() : messages.tail(row.conversationId(), 0, ConversationTails.Read.EVENTUALLY_CONSISTENT)
                .map(tail -> tail.members().stream().filter(member -> !member.equals(actor.userId())).toList())
                .orElse(List.of());
        FanOut.Pending own = fanOut.lookUp(List.of(actor.userId()), actor.connectionId());
        FanOut.Pending theirs = others.isEmpty() || others.size() + 1 > Limits.RECEIPTS_MAX_MEMBERS
                ? null : fanOut.lookUp(others, null);
        own.send(ProtocolCodec.instance().event(Actions.RECEIPT_EVENT, new ReceiptEvent(row.conversationId(),
                actor.userId(), actor.deviceId(), row.readSeq(), row.delivered(), row.unread(lastSeq))));
        if (theirs != null) {
            theirs.send(ProtocolCodec.instance().event(Actions.RECEIPT_EVENT, new ReceiptEvent(row.conversationId(),
                    actor.userId(), actor.deviceId(), row.readSeq(), row.delivered(), null)));
        }
    }

    private static ReceiptReply reply(MemberState row, long lastSeq, boolean moved) {
        return new ReceiptReply(row.conversationId(), row.readSeq(), row.delivered(), row.unread(lastSeq), moved);
    }

    /** What the caller asks for: the {@code markDelivered/markRead} action's fields, as the handler read them. */
    public record Command(String conversationId, Long upToSeq) {
    }
}
