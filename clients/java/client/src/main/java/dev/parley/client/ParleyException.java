package dev.parley.client;

/**
 * Why a request failed. Every failure of a {@code CompletableFuture} the SDK returns is one of
 * these subclasses, so an app branches on type (and on {@link ServerError#code()}), never on text.
 */
public abstract class ParleyException extends RuntimeException {
    ParleyException(String message, Throwable cause) {
        super(message, cause);
    }

    /** The failure inside a future's CompletionException wrapper (or the error itself when unwrapped). */
    public static Throwable unwrap(Throwable error) {
        return error instanceof java.util.concurrent.CompletionException && error.getCause() != null ? error.getCause() : error;
    }

    /** True when sending the same request again, after a backoff, may succeed. */
    public abstract boolean retryable();

    /** The server refused the request with a protocol error frame. */
    public static final class ServerError extends ParleyException {
        private final dev.parley.model.ErrorCode code;
        private final String codeName;
        private final String serverMessage;
        private final String requestId;
        private final com.fasterxml.jackson.databind.node.ObjectNode details;

        public ServerError(String requestId, dev.parley.model.ErrorCode code, String codeName, String serverMessage) {
            this(requestId, code, codeName, serverMessage, null);
        }

        public ServerError(String requestId, dev.parley.model.ErrorCode code, String codeName, String serverMessage,
                           com.fasterxml.jackson.databind.node.ObjectNode details) {
            super(codeName + ": " + serverMessage, null);
            this.requestId = requestId;
            this.code = code;
            this.codeName = codeName;
            this.serverMessage = serverMessage;
            this.details = details;
        }

        /** The error frame's {@code details} object (e.g. DEVICES_MISMATCH's device lists), or null when it had none. */
        public com.fasterxml.jackson.databind.node.ObjectNode details() {
            return details;
        }

        /** The code, or null when the server sent one this SDK version does not know (see {@link #codeName()}). */
        public dev.parley.model.ErrorCode code() {
            return code;
        }

        /** The code as the server sent it, known or not. */
        public String codeName() {
            return codeName;
        }

        /** The server's message, for humans and logs; it may change between server versions. */
        public String serverMessage() {
            return serverMessage;
        }

        public String requestId() {
            return requestId;
        }

        /** The code of that name, or null for one this SDK version does not know. */
        public static dev.parley.model.ErrorCode codeOf(String name) {
            for (dev.parley.model.ErrorCode code : dev.parley.model.ErrorCode.values()) {
                if (code.name().equals(name)) {
                    return code;
                }
            }
            return null;
        }

        /** An unknown code is treated as not retryable: the safe choice for a code the SDK cannot judge. */
        @Override
        public boolean retryable() {
            return code != null && code.retryable();
        }
    }

    /** The socket closed, or was not open, before the answer came; the request may or may not have run. */
    public static final class ConnectionLost extends ParleyException {
        public ConnectionLost(String message) {
            super(message, null);
        }

        @Override
        public boolean retryable() {
            return true;
        }
    }

    /** No answer within the request timeout; the request may or may not have run. */
    public static final class Timeout extends ParleyException {
        public Timeout(String message) {
            super(message, null);
        }

        @Override
        public boolean retryable() {
            return true;
        }
    }

    /** The server's answer could not be read as the documented reply (a server/SDK version mismatch). */
    public static final class MalformedReply extends ParleyException {
        public MalformedReply(String message, Throwable cause) {
            super(message, cause);
        }

        @Override
        public boolean retryable() {
            return false;
        }
    }
}
