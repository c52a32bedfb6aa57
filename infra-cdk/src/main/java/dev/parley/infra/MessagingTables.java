package dev.parley.infra;

import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.services.dynamodb.Attribute;
import software.amazon.awscdk.services.dynamodb.AttributeType;
import software.amazon.awscdk.services.dynamodb.BillingMode;
import software.amazon.awscdk.services.dynamodb.GlobalSecondaryIndexProps;
import software.amazon.awscdk.services.dynamodb.ProjectionType;
import software.amazon.awscdk.services.dynamodb.PointInTimeRecoverySpecification;
import software.amazon.awscdk.services.dynamodb.Table;
import software.constructs.Construct;

/**
 * Conversations, their messages, members, users and users' devices. All on demand; every read is a key lookup or
 * a Query on one partition, so no cost grows with the number of users, and nothing needs a GSI.
 *
 * <ul>
 *   <li><b>Messages</b>: partition key {@code conversationId} (S), sort key {@code seq} (N). One item
 *       per message at its sequence number, plus the conversation's header (kind, title, e2ee,
 *       members, admins) at seq 2^53-1, which sorts after every message: one Query, newest first,
 *       returns the header and the latest messages together. Each message has a sent record in a
 *       partition of its own (sender, device and clientMessageId), written in the same transaction,
 *       that expires through TTL on {@code expiresAt} after 24 h: sends are idempotent that long.</li>
 *   <li><b>Memberships</b>: partition key {@code userId} (S), sort key {@code conversationId} (S).
 *       A user's side of each conversation: role, joinedAt and the read and delivered cursors.</li>
 *   <li><b>Users</b>: partition key {@code username} (S). userId and display name, upserted on
 *       $connect; findUsers reads it by exact username only, so it cannot enumerate users.</li>
 *   <li><b>Devices</b>: partition key {@code userId} (S), sort key {@code deviceId} (S). platform,
 *       firstSeenAt and lastSeenAt (epoch ms, upserted on $connect), and revokedAt (epoch ms) once
 *       revoked; the item at deviceId {@code "*"} holds the user-wide revokedAt of
 *       signOutEverywhere. The $connect authorizer reads both in one strongly consistent
 *       BatchGetItem and refuses a token whose auth_time is not after either revokedAt.</li>
 *   <li><b>Keys</b>: partition key {@code pk} (S), sort key {@code sk} (S). The E2EE key directory
 *       (docs/e2ee.md): per user a device-number counter, each device's identity key, signed prekey
 *       and counters, its Kyber last-resort key, and the hash-chained key log; per device
 *       ({@code userId#deviceNum}) its one-time EC and Kyber prekeys, each taken by one conditional
 *       DeleteItem. Layout in {@code DynamoDbKeyDirectory}.</li>
 *   <li><b>RateLimits</b>: partition key {@code key} (S), TTL {@code expiresAt} (epoch seconds).
 *       Fixed-window counters; nothing in it outlives a few minutes, so it has no backups and goes
 *       with the stack.</li>
 * </ul>
 */
public final class MessagingTables extends Construct {

    public static final String TTL_ATTRIBUTE = "expiresAt";
    /** The memberships table's index of each conversation's members: conversationId, userId. */
    public static final String MEMBERS_INDEX = "byConversation";

    /** @param removalPolicy what happens to the durable tables (all but RateLimits) when the stack is deleted */
    public record Props(RemovalPolicy removalPolicy) {
    }

    private final Table messages;
    private final Table memberships;
    private final Table users;
    private final Table devices;
    private final Table keys;
    private final Table rateLimits;
    private final Table viewers;

    public MessagingTables(Construct scope, String id, Props props) {
        super(scope, id);
        messages = durable("Messages", key("conversationId", AttributeType.STRING), props.removalPolicy())
                .sortKey(key("seq", AttributeType.NUMBER))
                .timeToLiveAttribute(TTL_ATTRIBUTE)
                .build();
        memberships = durable("Memberships", key("userId", AttributeType.STRING), props.removalPolicy())
                .sortKey(key("conversationId", AttributeType.STRING))
                .build();
        // A large conversation's members, paged. KEYS_ONLY: only a row's creation or deletion
        // writes the index; the cursor updates of every read and delivery do not (docs/cost.md).
        memberships.addGlobalSecondaryIndex(GlobalSecondaryIndexProps.builder()
                .indexName(MEMBERS_INDEX)
                .partitionKey(key("conversationId", AttributeType.STRING))
                .sortKey(key("userId", AttributeType.STRING))
                .projectionType(ProjectionType.KEYS_ONLY)
                .build());
        RulePacks.suppressInStack(this, "AwsSolutions-IAM5", "Table.grant covers the table's indexes; the memberships"
                        + " table has one, byConversation, holding only conversationId and userId",
                "^Resource::<" + "MessagingMemberships[A-Za-z0-9]+\\.Arn>/index/\\*$");
        users = durable("Users", key("username", AttributeType.STRING), props.removalPolicy()).build();
        devices = durable("Devices", key("userId", AttributeType.STRING), props.removalPolicy())
                .sortKey(key("deviceId", AttributeType.STRING))
                .build();
        keys = durable("Keys", key("pk", AttributeType.STRING), props.removalPolicy())
                .sortKey(key("sk", AttributeType.STRING))
                .build();
        rateLimits = expiring("RateLimits", key("key", AttributeType.STRING), null, "Fixed-window rate-limit counters that"
                + " expire within minutes: nothing to restore");
        // Who views each large conversation, its recent removals and activity rounds: what the fan-out
        // reads per message instead of every member's connections (docs/cost.md, "Large conversations").
        viewers = expiring("Viewers", key("conversationId", AttributeType.STRING), key("entry", AttributeType.STRING),
                "Views that end within 5 minutes and removal markers kept 15 minutes: nothing to restore");
    }

    /** A table of items that expire through TTL within minutes: deleted with the stack, not backed up. */
    private Table expiring(String id, Attribute partitionKey, Attribute sortKey, String whyNoBackup) {
        Table.Builder builder = Table.Builder.create(this, id)
                .partitionKey(partitionKey)
                .billingMode(BillingMode.PAY_PER_REQUEST)
                .timeToLiveAttribute(TTL_ATTRIBUTE)
                .removalPolicy(RemovalPolicy.DESTROY);
        if (sortKey != null) {
            builder.sortKey(sortKey);
        }
        Table table = builder.build();
        RulePacks.suppress(table, "AwsSolutions-DDB3", whyNoBackup);
        return table;
    }

    private Table.Builder durable(String id, Attribute partitionKey, RemovalPolicy removalPolicy) {
        return Table.Builder.create(this, id)
                .partitionKey(partitionKey)
                .billingMode(BillingMode.PAY_PER_REQUEST)
                .pointInTimeRecoverySpecification(PointInTimeRecoverySpecification.builder()
                        .pointInTimeRecoveryEnabled(true)
                        .build())
                .removalPolicy(removalPolicy);
    }

    private static Attribute key(String name, AttributeType type) {
        return Attribute.builder().name(name).type(type).build();
    }

    public Table messages() {
        return messages;
    }

    public Table memberships() {
        return memberships;
    }

    public Table users() {
        return users;
    }

    public Table devices() {
        return devices;
    }

    public Table keys() {
        return keys;
    }

    public Table rateLimits() {
        return rateLimits;
    }

    public Table viewers() {
        return viewers;
    }
}
