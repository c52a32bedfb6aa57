package dev.parley.client.signal;

import dev.parley.client.signal.keylog.KeyLogException;
import dev.parley.client.signal.keylog.KeyLogState;
import dev.parley.client.signal.keylog.KeyLogVerifier;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;

/**
 * Brings a user's verified key log up to a head the directory named (a claim's, or a
 * devicesChanged event's), page by page, on the crypto thread; a violation is told to the
 * listener and fails the future with the {@link KeyLogException}.
 */
final class KeyLogs {
    private final KeyDirectory directory;
    private final KeyLogVerifier verifier;
    private final E2eeListener listener;
    private final Executor crypto;

    KeyLogs(KeyDirectory directory, KeyLogVerifier verifier, E2eeListener listener, Executor crypto) {
        this.directory = directory;
        this.verifier = verifier;
        this.listener = listener;
        this.crypto = crypto;
    }

    /** Fetches and verifies the log after the remembered head unless {@code head} is that head. */
    CompletableFuture<KeyLogState> verifiedUpTo(String userId, KeyWire.KeyLogHead head) {
        return CompletableFuture.supplyAsync(() -> current(userId, head), crypto).thenCompose(current -> current
                ? CompletableFuture.completedFuture(verifier.known(userId).get())
                : verifiedPages(userId, head));
    }

    /**
     * getKeyLog answers at most {@link KeyWire#MAX_KEY_LOG_PAGE} entries: a full page is followed
     * by the page after its last seq, each verified (and remembered) before the next is asked.
     */
    private CompletableFuture<KeyLogState> verifiedPages(String userId, KeyWire.KeyLogHead head) {
        return directory.getKeyLog(userId, verifier.afterSeq(userId)).thenComposeAsync(log -> {
            KeyLogState state;
            try {
                state = verifier.verify(userId, log);
                int entries = log.entries() == null ? 0 : log.entries().size();
                if (entries >= KeyWire.MAX_KEY_LOG_PAGE) {
                    return verifiedPages(userId, head);
                }
                if (state.seq() < head.seq()) {
                    throw new KeyLogException(KeyLogException.Kind.ROLLBACK, userId, "the log ends at seq "
                            + state.seq() + " but the directory's head is seq " + head.seq());
                }
            } catch (KeyLogException e) {
                listener.onKeyLogViolation(e);
                throw new CompletionException(e);
            }
            return CompletableFuture.completedFuture(state);
        }, crypto);
    }

    private boolean current(String userId, KeyWire.KeyLogHead head) {
        try {
            return verifier.isCurrent(userId, head);
        } catch (KeyLogException e) {
            listener.onKeyLogViolation(e);
            throw new CompletionException(e);
        }
    }
}
