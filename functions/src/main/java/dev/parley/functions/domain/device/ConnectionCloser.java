package dev.parley.functions.domain.device;

/** Closes a live socket from the server side ({@code DELETE @connections/{id}}). */
public interface ConnectionCloser {

    /** @return true if this call closed it, false if it was already gone */
    boolean close(String connectionId);
}
