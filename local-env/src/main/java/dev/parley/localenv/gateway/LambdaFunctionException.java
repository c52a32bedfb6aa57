package dev.parley.localenv.gateway;

/**
 * A function invocation failed the way Lambda reports an "Unhandled" function error: the handler (or its
 * constructor, or the (de)serialization of its input or output) threw. The cause is the handler's exception.
 */
public final class LambdaFunctionException extends Exception {
    private final String functionName;

    LambdaFunctionException(String functionName, Throwable cause) {
        super("function " + functionName + " failed: " + cause, cause);
        this.functionName = functionName;
    }

    public String functionName() {
        return functionName;
    }

    /**
     * The {@code errorMessage} Lambda reports for this failure: the Java runtime sends the exception's
     * localized message, or its class name when it has none. API Gateway reads nothing else of an
     * authorizer's error (only {@code "Unauthorized"} is a refusal).
     */
    public String errorMessage() {
        String message = getCause().getLocalizedMessage();
        return message == null ? getCause().getClass().getName() : message;
    }
}
