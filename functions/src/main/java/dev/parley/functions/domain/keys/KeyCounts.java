package dev.parley.functions.domain.keys;

import dev.parley.model.Limits;

/** A device's unclaimed one-time keys of each kind. */
public record KeyCounts(int ec, int kyber) {

    /** Below {@link Limits#KEYS_LOW_THRESHOLD} of either kind: the device should publish more. */
    public boolean low() {
        return ec < Limits.KEYS_LOW_THRESHOLD || kyber < Limits.KEYS_LOW_THRESHOLD;
    }
}
