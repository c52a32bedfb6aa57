package dev.parley.functions.domain.device;

/** Port: whether a device must register for pushes again (SNS reported its endpoint disabled). */
public interface PushRegistrations {

    /** True iff the device's push registration is marked invalid; false when it is active or it has none. */
    boolean required(String userId, String deviceId);
}
