package dev.parley.functions.domain.account;

/** Port: the identity provider's user accounts (Cognito's user pool). */
public interface IdentityAccounts {

    /** Deletes the account; an account already gone is no error, so a resumed deletion can repeat this. */
    void delete(String username);
}
