package dev.parley.functions;

import com.nimbusds.jwt.JWTParser;
import dev.parley.functions.adapter.aws.AwsCallCounter;
import dev.parley.functions.adapter.aws.AwsClients;
import dev.parley.functions.adapter.dynamodb.DynamoDbConnectionRepository;
import dev.parley.functions.adapter.jwt.CognitoAccessTokenVerifier;
import dev.parley.functions.config.AuthorizerConfig;
import dev.parley.functions.config.ConnectionsConfig;
import dev.parley.functions.config.Environment;
import dev.parley.functions.domain.connection.ConnectionRepository;
import dev.parley.functions.domain.connection.RegisterConnection;
import dev.parley.functions.domain.connection.RemoveConnection;
import dev.parley.functions.domain.identity.AuthorizeConnection;
import dev.parley.model.ErrorCode;
import dev.parley.model.Frame;
import dev.parley.model.ProtocolCodec;
import dev.parley.model.ProtocolException;

import java.text.ParseException;
import java.time.Clock;
import java.util.Map;

/**
 * The one place where use cases meet their adapters. Each handler asks for what it needs, and
 * only that part of the configuration is read and validated, so the authorizer does not need
 * a table name and $connect does not need a user pool.
 */
public final class CompositionRoot {
    private final Environment environment;
    private final Clock clock = Clock.systemUTC();
    private AwsClients aws;
    private ConnectionRepository connections;

    public CompositionRoot(Map<String, String> environment) {
        this.environment = new Environment(environment);
    }

    public AuthorizeConnection authorizeConnection() {
        AuthorizerConfig config = AuthorizerConfig.from(environment);
        return new AuthorizeConnection(
                new CognitoAccessTokenVerifier(config.jwksUrl(), config.issuer(), config.appClientIds(), clock));
    }

    public RegisterConnection registerConnection() {
        return new RegisterConnection(connections(), clock);
    }

    public RemoveConnection removeConnection() {
        return new RemoveConnection(connections());
    }

    /** The SDK call counts of this process, for logs and the cost benchmark. */
    public AwsCallCounter awsCalls() {
        return AwsCallCounter.process();
    }

    /**
     * Loads the classes of the hot path before a SnapStart snapshot, with no network call: the
     * protocol codec, the JWT parser and, for functions that use it, the DynamoDB client.
     */
    public void prime() {
        ProtocolCodec codec = ProtocolCodec.instance();
        try {
            codec.decodeRequest("{\"action\":\"prime\",\"requestId\":\"prime\"}");
            codec.decodeRequest("not json");
        } catch (ProtocolException expected) {
            codec.encode(expected.toFrame());
        }
        codec.encode(new Frame.Error("prime", ErrorCode.UNKNOWN_ACTION, "prime"));
        try {
            JWTParser.parse("eyJhbGciOiJub25lIn0.eyJzdWIiOiJwcmltZSJ9.");
        } catch (ParseException e) {
            throw new IllegalStateException("a constant token parses", e);
        }
        if (aws != null) {
            aws.warmUp();
        }
    }

    private synchronized ConnectionRepository connections() {
        if (connections == null) {
            ConnectionsConfig config = ConnectionsConfig.from(environment);
            connections = new DynamoDbConnectionRepository(aws(config.region()).dynamoDb(), config.connectionsTable());
        }
        return connections;
    }

    private synchronized AwsClients aws(String region) {
        if (aws == null) {
            aws = new AwsClients(region, AwsCallCounter.process());
        }
        return aws;
    }
}
