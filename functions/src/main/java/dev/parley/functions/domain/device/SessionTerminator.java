package dev.parley.functions.domain.device;

/** Ends every session of a user at the identity provider, so no refresh token gets a new access token. */
public interface SessionTerminator {

    void signOutEverywhere(String username);
}
