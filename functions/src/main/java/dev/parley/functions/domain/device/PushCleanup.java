package dev.parley.functions.domain.device;

/**
 * Stops pushes to devices that are revoked: forgets their push registrations and deletes their
 * platform endpoints. Best effort: a failure is logged, never fails the revocation (the push
 * worker skips revoked devices anyway).
 */
public interface PushCleanup {
    /** For use cases and deployments without push. */
    PushCleanup NONE = new PushCleanup() {
        @Override
        public void stop(String userId, String deviceId) {
        }

        @Override
        public void stopAll(String userId) {
        }

        @Override
        public void deleteAll(String userId) {
        }
    };

    /** Stops pushes to one device of the user. */
    void stop(String userId, String deviceId);

    /** Stops pushes to every device of the user. */
    void stopAll(String userId);

    /**
     * For deleteAccount, strict where the others are best effort: each endpoint is deleted before its
     * registration is forgotten, and a failure throws, so calling again finds what is left.
     */
    void deleteAll(String userId);
}
