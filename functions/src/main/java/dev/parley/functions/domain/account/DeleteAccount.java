package dev.parley.functions.domain.account;

import dev.parley.functions.domain.keys.ForgetKeys;
import dev.parley.functions.domain.Actor;
import dev.parley.functions.domain.Failure;
import dev.parley.functions.domain.FailureException;
import dev.parley.functions.domain.RequestFields;
import dev.parley.functions.domain.connection.Connection;
import dev.parley.functions.domain.connection.ConnectionRepository;
import dev.parley.functions.domain.conversation.LeaveEverything;
import dev.parley.functions.domain.device.ConnectionCloser;
import dev.parley.functions.domain.device.DeviceRegistry;
import dev.parley.functions.domain.device.LiveSockets;
import dev.parley.functions.domain.device.PushCleanup;
import dev.parley.functions.domain.user.UserDirectory;
import dev.parley.model.v1.DeleteAccountReply;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Use case: the caller deletes their account. The steps run in this order, each idempotent, so a
 * call that fails or crashes part way is finished by calling again (after signing in again):
 * <ol>
 *   <li>a user-wide revocation at now: tokens signed in before this call stop connecting;</li>
 *   <li>every other live socket of the user is closed;</li>
 *   <li>the user leaves every conversation; the members who stay get {@code accountDeleted};</li>
 *   <li>every push endpoint is deleted, then its registration;</li>
 *   <li>every media item the user uploaded: its objects, then its item;</li>
 *   <li>the user's per-user items: devices, settings, presence, and everything of theirs in the key
 *       directory (keys, device numbers, key log);</li>
 *   <li>the directory entry, so findUsers no longer finds the username;</li>
 *   <li>a user-wide revocation dated {@link #TOKEN_LIFETIME} ahead, which refuses every access
 *       token Cognito has issued or issues until the account is gone (the only item kept);</li>
 *   <li>the Cognito account.</li>
 * </ol>
 * The account goes last because a deletion can be resumed only by someone who can still sign in.
 * A crash between the last two steps is the one that waits: the user can sign in but not connect
 * until the revocation's date passes, then calls again. Messages the user sent stay, with their
 * {@code senderId}; only their media are gone.
 *
 * <p>The calling socket is left open so that it gets the reply; it belongs to no conversation any
 * more and its next connection attempt is refused. The client closes it.
 */
public final class DeleteAccount {
    /** How recent the socket's sign-in must be: a phone left unlocked for longer cannot delete the account. */
    public static final Duration RECENT_SIGN_IN = Duration.ofMinutes(10);
    /** Cognito's access token lifetime (docs/identity.md): no token issued before the deletion outlives it. */
    static final Duration TOKEN_LIFETIME = Duration.ofMinutes(60);

    private final DeviceRegistry devices;
    private final ConnectionRepository connections;
    private final LiveSockets sockets;
    private final LeaveEverything conversations;
    private final PushCleanup pushes;
    private final UploadedMedia media;
    private final UserDirectory directory;
    private final IdentityAccounts accounts;
    private final ForgetKeys keys;
    private final Clock clock;

    public DeleteAccount(DeviceRegistry devices, ConnectionRepository connections, ConnectionCloser closer,
                         LeaveEverything conversations, PushCleanup pushes, UploadedMedia media, UserDirectory directory,
                         IdentityAccounts accounts, Clock clock) {
        this(devices, connections, closer, conversations, pushes, media, directory, accounts, ForgetKeys.NONE, clock);
    }

    public DeleteAccount(DeviceRegistry devices, ConnectionRepository connections, ConnectionCloser closer,
                         LeaveEverything conversations, PushCleanup pushes, UploadedMedia media, UserDirectory directory,
                         IdentityAccounts accounts, ForgetKeys keys, Clock clock) {
        this.devices = devices;
        this.connections = connections;
        this.sockets = new LiveSockets(connections, closer);
        this.conversations = conversations;
        this.pushes = pushes;
        this.media = media;
        this.directory = directory;
        this.accounts = accounts;
        this.keys = keys;
        this.clock = clock;
    }

    /**
     * @param username   the caller's Cognito username, as the authorizer vouched for it
     * @param signedInAt the socket's sign-in ({@code auth_time}), as the authorizer vouched for it; null if unknown
     */
    public DeleteAccountReply delete(Actor actor, String username, Instant signedInAt, Command command) {
        if (username == null || username.isBlank()) {
            throw new IllegalStateException("The authorizer context has no username; is the authorizer attached to $connect?");
        }
        String confirmation = RequestFields.required(command.confirmUsername(), "confirmUsername");
        if (!confirmation.equals(username)) {
            throw RequestFields.badRequest("Field \"confirmUsername\" must be your own username.");
        }
        Instant now = clock.instant();
        if (signedInAt == null || signedInAt.isBefore(now.minus(RECENT_SIGN_IN))) {
            throw new FailureException(new Failure.SignInTooOld(RECENT_SIGN_IN));
        }
        String userId = actor.userId();
        devices.revokeAll(userId, now);
        List<Connection> others = connections.findLive(userId, now).stream()
                .filter(connection -> !connection.connectionId().equals(actor.connectionId()))
                .toList();
        int closed = sockets.close(others);
        int left = conversations.leaveAll(actor);
        pushes.deleteAll(userId);
        List<UploadedMedia.Upload> uploads = media.uploadedBy(userId);
        media.delete(uploads);
        devices.forget(userId);
        keys.forget(userId);
        directory.remove(username, userId);
        devices.revokeAll(userId, now.plus(TOKEN_LIFETIME));
        accounts.delete(username);
        return new DeleteAccountReply(left, uploads.size(), closed);
    }

    /** What the caller asks for: the {@code deleteAccount} action's fields, as the handler read them. */
    public record Command(String confirmUsername) {
    }
}
