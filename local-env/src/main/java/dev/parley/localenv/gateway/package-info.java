/**
 * The API Gateway WebSocket emulator: real sockets (Jetty 12) in front of the real handler classes,
 * invoked in-process through the Lambda Java serialization path.
 *
 * <p>Entry points: {@link dev.parley.localenv.gateway.WebSocketGateway} (start/stop, URLs, meter),
 * {@link dev.parley.localenv.gateway.ApiDefinitionReader} (routes and functions from the synthesized
 * template), {@link dev.parley.localenv.gateway.GatewaySettings} (region, ids, timeouts) and
 * {@link dev.parley.localenv.gateway.LambdaInvoker} (one function, in-process).
 *
 * <h2>Reproduced (aws-facts.md, "API Gateway WebSocket")</h2>
 * CONNECT / MESSAGE / DISCONNECT event shapes ({@code WebSocketEvents}); route selection with
 * {@code $default}, the Forbidden, "Internal server error" and "Endpoint request timed out" frames, route
 * responses, the 29 s integration timeout and concurrent invocations ({@code MessageRouter}); the REQUEST authorizer's
 * 401/403/500 and its context on every event ({@code ConnectAuthorizer}); the {@code $connect} status as
 * the handshake status, statusCode 0 refused, only {@code Sec-WebSocket-Protocol} forwarded
 * ({@code ConnectHandshake}); 1003 for binary, 1009 over 32 KB per frame or 128 KB per message
 * ({@code GatewayEndpoint}); 1001 for idle (data frames only) and maximum lifetime, {@code $disconnect}
 * exactly once on every close path ({@code ConnectionLifecycle}); {@code @connections} POST/GET/DELETE
 * with {@code x-amzn-ErrorType}/{@code x-amzn-RequestId} and 410 for unknown, closed and connecting ids
 * ({@code ConnectionsApi}); 16-character ids; messages metered in 32 KB units ({@code MessageMeter}).
 *
 * <h2>Deliberate differences from AWS</h2>
 * <ul>
 *   <li>Plain {@code ws://} and {@code http://} on one local port, all interfaces. {@code domainName} is the
 *       client's Host ({@code localhost:3001}), {@code X-Forwarded-Proto}/{@code -Port} are
 *       {@code http}/the local port, {@code apiId} is fixed ({@code parleylocal}).</li>
 *   <li>{@code @connections} is not authenticated: SigV4 is not checked, IAM is not enforced.</li>
 *   <li>The account's request quota only when configured ({@link dev.parley.localenv.gateway.GatewaySettings.Quota},
 *       off by default): then a {@code @connections} call over it gets 429 LimitExceededException, and inbound
 *       messages use it up without being refused. No per-client throttling (1008), no connection-rate limit.</li>
 *   <li>Functions share one JVM. Each concurrent invocation gets its own handler instance (a pool, like
 *       execution environments), but static state is shared; no cold-start delay; the template's memory and
 *       function timeout are not applied (the 29 s integration timeout is the {@code Context} deadline, and a
 *       function that overruns keeps running in the background with its result dropped).</li>
 *   <li>Authorizer context values always reach later events as strings (AWS may pass numbers and
 *       booleans either way; handlers must accept strings).</li>
 *   <li>Best guesses, unconfirmed: a {@code $connect} timeout refuses with 504 and a {@code $connect} error
 *       with 500; DELETE closes with 1000 "Connection Closed Normally" (as a captured AWS event shows);
 *       idle and lifetime closes say "Going away"; outbound messages over 32 KB are sent as 32 KB
 *       fragments; invalid UTF-8 from a client closes with 1007; {@code Connection} and {@code Upgrade}
 *       are not passed to {@code $connect}.</li>
 *   <li>A POST body that is not UTF-8 is delivered with replacement characters (a text frame must be UTF-8).</li>
 *   <li>Only Lambda proxy integrations, only {@code $request.body.*} selection expressions, no stage
 *       variables (a {@code stageVariables.*} identity source is always missing), no API keys.</li>
 *   <li>A client that vanishes after {@code $connect} succeeded but before the 101 completes gets no
 *       {@code $disconnect}.</li>
 * </ul>
 */
package dev.parley.localenv.gateway;
