package dev.parley.functions.domain.keys;

/** Port: deleteAccount's step in the key directory: every key, device number and log entry of the user goes. */
public interface ForgetKeys {

    /** No key directory in this function. */
    ForgetKeys NONE = userId -> { };

    /** Idempotent: a second call finds nothing to delete. */
    void forget(String userId);
}
