package dev.parley.functions.domain.device;

/** The revocation records of a device, as the $connect authorizer reads them: one strongly consistent read. */
public interface RevocationRecords {

    /** When {@code deviceId} of {@code userId} was revoked, and when the user signed out everywhere. */
    Revocations revocations(String userId, String deviceId);
}
