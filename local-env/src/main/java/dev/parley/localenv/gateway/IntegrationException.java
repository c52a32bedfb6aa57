package dev.parley.localenv.gateway;

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

    IntegrationException(Kind kind, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
    }

    Kind kind() {
        return kind;
    }
}
