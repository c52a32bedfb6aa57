package dev.parley.infra;

import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.services.dynamodb.Attribute;
import software.amazon.awscdk.services.dynamodb.AttributeType;
import software.amazon.awscdk.services.dynamodb.BillingMode;
import software.amazon.awscdk.services.dynamodb.PointInTimeRecoverySpecification;
import software.amazon.awscdk.services.dynamodb.Table;
import software.constructs.Construct;

/**
 * The live WebSocket connections, looked up by user so that fan-out to M members costs about M/100
 * BatchGetItem reads and never a Scan.
 *
 * <p>Layout: partition key {@code userId} (S), no sort key, one item per user. Each live connection
 * is a map attribute {@code c#<connectionId>} = {deviceId, connectedAt (epoch ms), expiresAt
 * (epoch s)}. The item's TTL attribute {@code expiresAt} (epoch seconds) trails the latest connect
 * by the 2-hour API Gateway maximum plus a margin, so items whose $disconnect was lost go away.
 */
public final class Connections extends Construct {

    public static final String PARTITION_KEY = "userId";
    public static final String TTL_ATTRIBUTE = "expiresAt";

    /** Fan-out reads members' connections in batches and removes the ones @connections answers 410 for. */
    static final String[] FAN_OUT_ACTIONS = {"dynamodb:BatchGetItem", "dynamodb:UpdateItem"};

    /** @param removalPolicy what happens to the table when the stack is deleted */
    public record Props(RemovalPolicy removalPolicy) {
    }

    private final Table table;

    public Connections(Construct scope, String id, Props props) {
        super(scope, id);
        table = Table.Builder.create(this, "Table")
                .partitionKey(Attribute.builder().name(PARTITION_KEY).type(AttributeType.STRING).build())
                .billingMode(BillingMode.PAY_PER_REQUEST)
                .timeToLiveAttribute(TTL_ATTRIBUTE)
                .pointInTimeRecoverySpecification(PointInTimeRecoverySpecification.builder()
                        .pointInTimeRecoveryEnabled(true)
                        .build())
                .removalPolicy(props.removalPolicy())
                .build();
    }

    public Table table() {
        return table;
    }
}
