package dev.parley.client;

import dev.parley.client.store.OutboxEntry;
import dev.parley.model.ErrorCode;
import org.junit.jupiter.api.Test;

import java.util.concurrent.CompletionException;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Error frames as the server words them (functions' JoinByInvite and Invite, docs/protocol.md#invite-links)
 * made refusals; GroupsTest gets each from the real server too.
 */
class GroupRefusalTest {

    @Test
    void aJoinsForbiddenIsToldApartByTheServersDocumentedWording() {
        assertThat(joinRefusedWith("This invite link is not valid.")).isEqualTo(GroupRefusal.Reason.INVITE_NOT_VALID);
        assertThat(joinRefusedWith("This invite link was revoked.")).isEqualTo(GroupRefusal.Reason.INVITE_REVOKED);
        assertThat(joinRefusedWith("This invite link expired at 2026-12-07T09:00:00Z.")).isEqualTo(GroupRefusal.Reason.INVITE_EXPIRED);
        assertThat(joinRefusedWith("This invite link was used its 20 times.")).isEqualTo(GroupRefusal.Reason.INVITE_USED_UP);
        assertThat(joinRefusedWith("This invite link ended when its creator stopped being an admin of the group."))
                .isEqualTo(GroupRefusal.Reason.INVITE_CREATOR_NOT_ADMIN);
        assertThat(joinRefusedWith("Some wording a later server uses.")).isEqualTo(GroupRefusal.Reason.INVITE_NOT_VALID);
    }

    @Test
    void codesMapToReasonsAndWhatARetryMayFixStaysAsItCame() {
        assertThat(refusal(ErrorCode.FORBIDDEN, false).reason()).isEqualTo(GroupRefusal.Reason.NOT_ALLOWED);
        assertThat(refusal(ErrorCode.NOT_FOUND, false).reason()).isEqualTo(GroupRefusal.Reason.NOT_FOUND);
        assertThat(refusal(ErrorCode.LIMIT_EXCEEDED, true).reason()).isEqualTo(GroupRefusal.Reason.LIMIT_EXCEEDED);
        assertThat(refusal(ErrorCode.BAD_REQUEST, false).reason()).isEqualTo(GroupRefusal.Reason.BAD_REQUEST);

        ParleyException.ServerError unavailable = error(ErrorCode.UNAVAILABLE, "throttled");
        assertThat(GroupRefusal.of(new CompletionException(unavailable), false)).isSameAs(unavailable);
        ParleyException.ConnectionLost lost = new ParleyException.ConnectionLost("closed");
        assertThat(GroupRefusal.of(lost, false)).isSameAs(lost);
    }

    @Test
    void aSendStuckWithForbiddenIsTheAnnouncementRule() {
        assertThat(GroupRefusal.of(new OutboxEntry.Stuck(ErrorCode.FORBIDDEN, "FORBIDDEN", "Only admins post")))
                .contains(GroupRefusal.Reason.ANNOUNCEMENT_ONLY);
        assertThat(GroupRefusal.of(new OutboxEntry.Stuck(ErrorCode.NOT_FOUND, "NOT_FOUND", "gone")))
                .contains(GroupRefusal.Reason.NOT_FOUND);
        assertThat(GroupRefusal.of(new OutboxEntry.Stuck(ErrorCode.PAYLOAD_TOO_LARGE, "PAYLOAD_TOO_LARGE", "big"))).isEmpty();
        assertThat(GroupRefusal.of((OutboxEntry.Stuck) null)).isEmpty();
    }

    private static GroupRefusal.Reason joinRefusedWith(String message) {
        return refusal(ErrorCode.FORBIDDEN, true, message).reason();
    }

    private static GroupRefusal refusal(ErrorCode code, boolean joining) {
        return refusal(code, joining, "refused");
    }

    private static GroupRefusal refusal(ErrorCode code, boolean joining, String message) {
        ParleyException.ServerError error = error(code, message);
        GroupRefusal refusal = (GroupRefusal) GroupRefusal.of(new CompletionException(error), joining);
        assertThat(refusal.serverError()).isSameAs(error);
        assertThat(refusal.retryable()).isFalse();
        return refusal;
    }

    private static ParleyException.ServerError error(ErrorCode code, String message) {
        return new ParleyException.ServerError("r1", code, code.name(), message);
    }
}
