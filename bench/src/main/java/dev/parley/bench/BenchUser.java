package dev.parley.bench;

/**
 * A user the benchmark created in the user pool.
 *
 * @param userId the token's {@code sub}: the id the authorizer gives the functions, and the one
 *               createConversation takes
 */
record BenchUser(String username, String userId, String accessToken) {
}
