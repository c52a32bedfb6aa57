package dev.parley.functions.domain.device;

import java.util.ArrayList;
import java.util.List;

/** Records whose sessions were ended at the identity provider. */
public final class RecordingSessionTerminator implements SessionTerminator {
    private final List<String> signedOut = new ArrayList<>();

    @Override
    public synchronized void signOutEverywhere(String username) {
        signedOut.add(username);
    }

    public synchronized List<String> signedOut() {
        return List.copyOf(signedOut);
    }
}
