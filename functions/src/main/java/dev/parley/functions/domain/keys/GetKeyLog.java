package dev.parley.functions.domain.keys;

import dev.parley.functions.domain.RequestFields;
import dev.parley.model.Limits;
import dev.parley.model.v1.KeyLogEntryInfo;
import dev.parley.model.v1.KeyLogReply;

/**
 * Use case: a page of a user's key log, for a client to check it extends the head it verified
 * before. Anyone may read any user's log, as anyone may claim their keys: it holds public keys only.
 */
public final class GetKeyLog {
    private final KeyLog log;

    public GetKeyLog(KeyLog log) {
        this.log = log;
    }

    public KeyLogReply read(Command command) {
        String userId = RequestFields.required(command.userId(), "userId");
        long afterSeq = command.afterSeq() == null ? 0 : command.afterSeq();
        if (afterSeq < 0) {
            throw RequestFields.badRequest("Field \"afterSeq\" must be 0 or more.");
        }
        return new KeyLogReply(userId, log.after(userId, afterSeq, Limits.MAX_KEY_LOG_PAGE).stream()
                .map(GetKeyLog::info)
                .toList());
    }

    static KeyLogEntryInfo info(KeyLogEntry entry) {
        return new KeyLogEntryInfo(entry.seq(), entry.deviceNum(), entry.registrationId(),
                PublicKey.encode(entry.identityKey()), entry.change().value(), entry.at().toEpochMilli(),
                PublicKey.encode(entry.prevHash()), PublicKey.encode(entry.hash()));
    }

    /** What the caller asks for: the {@code getKeyLog} action's fields. */
    public record Command(String userId, Long afterSeq) {
    }
}
