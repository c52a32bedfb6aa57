package dev.parley.functions.handler;

import dev.parley.functions.domain.Failure;
import dev.parley.model.ErrorCode;
import dev.parley.model.Frame;

/** The one mapping from domain failures to protocol errors. */
final class ErrorFrames {
    private ErrorFrames() {
    }

    static Frame.Error of(String requestId, Failure failure) {
        return switch (failure) {
            case Failure.UnknownAction unknown -> new Frame.Error(requestId, ErrorCode.UNKNOWN_ACTION,
                    "Unknown action \"" + unknown.action() + "\". The actions are listed in docs/protocol.md.");
            case Failure.Unavailable ignored -> new Frame.Error(requestId, ErrorCode.UNAVAILABLE,
                    "The service is briefly overloaded; retry after a backoff with jitter.");
        };
    }

    /** For failures nobody expected. The details stay in the log, under the request id. */
    static Frame.Error internal(String requestId) {
        return new Frame.Error(requestId, ErrorCode.INTERNAL, "Something went wrong on the server; it has been logged.");
    }
}
