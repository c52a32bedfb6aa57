package dev.parley.client;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parley.client.store.OutboxEntry;
import dev.parley.model.ErrorCode;
import org.junit.jupiter.api.Test;

import java.util.concurrent.CompletionException;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Error frames as the server sends them (functions' JoinByInvite and Invite, docs/protocol.md#invite-links)
 * made refusals; GroupsTest gets each from the real server too.
 */
class GroupRefusalTest {

    @Test
    void aJoinsForbiddenIsToldApartByItsDetailsReasonNotItsWording() {
        assertThat(joinRefusedWith("notValid")).isEqualTo(GroupRefusal.Reason.INVITE_NOT_VALID);
        assertThat(joinRefusedWith("revoked")).isEqualTo(GroupRefusal.Reason.INVITE_REVOKED);
        assertThat(joinRefusedWith("expired")).isEqualTo(GroupRefusal.Reason.INVITE_EXPIRED);
        assertThat(joinRefusedWith("usedUp")).isEqualTo(GroupRefusal.Reason.INVITE_USED_UP);
        assertThat(joinRefusedWith("creatorNotAdmin")).isEqualTo(GroupRefusal.Reason.INVITE_CREATOR_NOT_ADMIN);
        assertThat(joinRefusedWith("aReasonALaterServerAdds")).isEqualTo(GroupRefusal.Reason.INVITE_NOT_VALID);
        ParleyException.ServerError noDetails = error(ErrorCode.FORBIDDEN, "This invite link was revoked.");
        assertThat(((GroupRefusal) GroupRefusal.of(noDetails, true)).reason()).isEqualTo(GroupRefusal.Reason.INVITE_NOT_VALID);
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

    private static GroupRefusal.Reason joinRefusedWith(String reason) {
        ObjectNode details = JsonNodeFactory.instance.objectNode().put("reason", reason);
        ParleyException.ServerError error = new ParleyException.ServerError("r1", ErrorCode.FORBIDDEN, "FORBIDDEN",
                "The server's wording, which apps must not parse.", details);
        return ((GroupRefusal) GroupRefusal.of(new CompletionException(error), true)).reason();
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
