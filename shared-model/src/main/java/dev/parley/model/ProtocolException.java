package dev.parley.model;

/** A frame that breaks the protocol. It carries what the error frame needs. */
public final class ProtocolException extends RuntimeException {
    private final transient Frame.Error frame;

    public ProtocolException(String requestId, ErrorCode code, String message) {
        super(code + ": " + message);
        this.frame = new Frame.Error(requestId, code, message);
    }

    public Frame.Error toFrame() {
        return frame;
    }
}
