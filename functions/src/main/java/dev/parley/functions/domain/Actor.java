package dev.parley.functions.domain;

/**
 * Who is acting: the user and device the $connect authorizer vouched for, and the socket the
 * request came in on. Events the action causes go to every live device but that socket, which
 * gets the reply instead.
 */
public record Actor(String userId, String deviceId, String connectionId) {
}
