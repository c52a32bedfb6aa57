package dev.parley.functions.handler;

import dev.parley.functions.domain.Failure;
import dev.parley.model.ErrorCode;
import dev.parley.model.Frame;
import dev.parley.model.ProtocolCodec;

/** The one mapping from domain failures to protocol errors. */
final class ErrorFrames {
    private ErrorFrames() {
    }

    static Frame.Error of(String requestId, Failure failure) {
        return switch (failure) {
            case Failure.UnknownAction unknown -> new Frame.Error(requestId, ErrorCode.UNKNOWN_ACTION,
                    "Unknown action \"" + unknown.action() + "\". The actions are listed in docs/protocol.md.");
            case Failure.ConversationNotFound notFound -> new Frame.Error(requestId, ErrorCode.NOT_FOUND,
                    "There is no conversation \"" + notFound.conversationId() + "\" that you are a member of.");
            case Failure.MediaNotFound notFound -> new Frame.Error(requestId, ErrorCode.NOT_FOUND,
                    "Conversation \"" + notFound.conversationId() + "\" has no ready media \"" + notFound.mediaId() + "\".");
            case Failure.DeviceNotFound notFound -> new Frame.Error(requestId, ErrorCode.NOT_FOUND,
                    "You have no device \"" + notFound.deviceId() + "\"; listDevices names them.");
            case Failure.KeysNotFound notFound -> new Frame.Error(requestId, ErrorCode.NOT_FOUND, notFound.deviceNum() == null
                    ? "User \"" + notFound.userId() + "\" has no device with published keys."
                    : "User \"" + notFound.userId() + "\" has no device " + notFound.deviceNum() + " with published keys.");
            case Failure.BadRequest bad -> new Frame.Error(requestId, ErrorCode.BAD_REQUEST, bad.message());
            case Failure.PayloadTooLarge tooLarge -> new Frame.Error(requestId, ErrorCode.PAYLOAD_TOO_LARGE, tooLarge.message());
            case Failure.NotAdmin notAdmin -> new Frame.Error(requestId, ErrorCode.FORBIDDEN,
                    "Only an admin of conversation \"" + notAdmin.conversationId() + "\" can change who else is in it.");
            case Failure.Forbidden forbidden -> new Frame.Error(requestId, ErrorCode.FORBIDDEN, forbidden.message());
            case Failure.InviteUnusable unusable -> new Frame.Error(requestId, ErrorCode.FORBIDDEN, unusable.message(),
                    ProtocolCodec.instance().mapper().createObjectNode().put("reason", unusable.why().wire()));
            case Failure.LimitExceeded exceeded -> new Frame.Error(requestId, ErrorCode.LIMIT_EXCEEDED, exceeded.message());
            case Failure.RateLimited limited -> new Frame.Error(requestId, ErrorCode.RATE_LIMITED,
                    "At most " + limited.perMinute() + " " + limited.action() + " requests a minute; retry after a backoff with jitter.");
            case Failure.SignInTooOld old -> new Frame.Error(requestId, ErrorCode.FORBIDDEN,
                    "This needs a sign-in of the last " + old.within().toMinutes() + " minutes: sign in again, reconnect and retry.");
            case Failure.DevicesMismatch mismatch -> new Frame.Error(requestId, ErrorCode.DEVICES_MISMATCH,
                    "The envelopes do not match the members' current devices (details: missing, extra, stale): claim keys for"
                            + " missing and stale devices, drop sessions of extra and stale ones, and resend with the same clientMessageId.",
                    ProtocolCodec.instance().mapper().valueToTree(mismatch));
            case Failure.MembersChanged changed -> new Frame.Error(requestId, ErrorCode.CONFLICT,
                    "The group's members changed since your list (details: membersEpoch, the current one): list the members"
                            + " again, give the newcomers the sender key, and resend with the same clientMessageId and the new membersEpoch.",
                    ProtocolCodec.instance().mapper().createObjectNode().put("membersEpoch", changed.membersEpoch()));
            case Failure.Unavailable ignored -> new Frame.Error(requestId, ErrorCode.UNAVAILABLE,
                    "The service is briefly overloaded; retry after a backoff with jitter.");
        };
    }

    /** For failures nobody expected. The details stay in the log, under the request id. */
    static Frame.Error internal(String requestId) {
        return new Frame.Error(requestId, ErrorCode.INTERNAL, "Something went wrong on the server; it has been logged.");
    }
}
