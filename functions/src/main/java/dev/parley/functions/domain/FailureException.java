package dev.parley.functions.domain;

/** Carries a {@link Failure} out of a use case or adapter to the handler that maps it to a frame. */
public final class FailureException extends RuntimeException {
    private final transient Failure failure;

    public FailureException(Failure failure, Throwable cause) {
        super(failure.toString(), cause);
        this.failure = failure;
    }

    public FailureException(Failure failure) {
        this(failure, null);
    }

    public Failure failure() {
        return failure;
    }
}
