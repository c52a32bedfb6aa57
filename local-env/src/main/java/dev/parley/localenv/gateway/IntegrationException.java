package dev.parley.localenv.gateway;

import java.util.Optional;

/** A Lambda proxy integration gave API Gateway nothing usable. */
final class IntegrationException extends Exception {
    enum Kind {
        /** The function threw (Lambda's "Unhandled" error). */
        FUNCTION_ERROR,
        /** No response within the integration timeout (29 s on AWS). */
        TIMEOUT,
        /** The response is not JSON or not the proxy response shape. */
        MALFORMED_RESPONSE
    }

    private final Kind kind;
    private final String errorMessage;

    IntegrationException(Kind kind, String message, Throwable cause) {
        this(kind, message, cause, null);
    }

    private IntegrationException(Kind kind, String message, Throwable cause, String errorMessage) {
        super(message, cause);
        this.kind = kind;
        this.errorMessage = errorMessage;
    }

    /** The function threw; the cause is the handler's exception. */
    static IntegrationException functionError(LambdaFunctionException failure) {
        return new IntegrationException(Kind.FUNCTION_ERROR, failure.getMessage(), failure.getCause(), failure.errorMessage());
    }

    Kind kind() {
        return kind;
    }

    /** For a function error, the {@code errorMessage} Lambda reports (see {@link LambdaFunctionException#errorMessage}). */
    Optional<String> errorMessage() {
        return Optional.ofNullable(errorMessage);
    }
}
