package dev.parley.bench;

import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.SdkResponse;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.DeleteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.DeleteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.ScanRequest;
import software.amazon.awssdk.services.dynamodb.model.ScanResponse;
import software.amazon.awssdk.services.dynamodb.model.TransactGetItemsRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactGetItemsResponse;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemResponse;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The on-demand request units one DynamoDB call costs, by AWS's rules, computed from item sizes
 * ({@link ItemSize}), because moto's consumed-capacity figures are placeholders.
 * <ul>
 *   <li>Writes: 1 write unit per started 1 KB of the item. UpdateItem and DeleteItem are
 *       <b>estimates</b>: AWS charges the larger of the item before and after, which the request does
 *       not show, so they are sized from the key plus the values (and attribute names) the request
 *       writes, or from the item the response returns when it returns one.</li>
 *   <li>A write whose condition fails is charged as if it had succeeded ({@link #ofFailedWrite}).</li>
 *   <li>TransactWriteItems: 2 write units per started 1 KB of each item (prepare and commit);
 *       ConditionCheck items too. TransactGetItems: 2 read units per started 4 KB of each item.</li>
 *   <li>GetItem: 1 read unit per started 4 KB, half for an eventually consistent read; a missing
 *       item still costs the minimum.</li>
 *   <li>BatchGetItem: each item rounded up separately, as if read with GetItem; requested keys that
 *       came back neither as items nor as unprocessed keys were missing and cost the minimum.</li>
 *   <li>Query and Scan: the returned items' sizes summed, then rounded up to 4 KB once; at least one
 *       unit; half when eventually consistent. With a projection the returned items are smaller
 *       than what AWS charges for, so such a Query is undercounted (Parley's send path projects
 *       nothing).</li>
 * </ul>
 */
public final class RequestUnits {
    static final long WRITE_UNIT_BYTES = 1024;
    static final long READ_UNIT_BYTES = 4096;

    /** Request units of one call; read units may be halves. */
    public record Units(double write, double read) {
        public static final Units NONE = new Units(0, 0);

        public Units plus(Units other) {
            return new Units(write + other.write, read + other.read);
        }
    }

    private RequestUnits() {
    }

    /** Units of a call that succeeded; calls that are not item reads or writes cost none. */
    public static Units of(SdkRequest request, SdkResponse response) {
        return switch (request) {
            case PutItemRequest put -> write(put.item());
            case UpdateItemRequest update -> write(Math.max(updatedSize(update),
                    response instanceof UpdateItemResponse r && r.hasAttributes() ? ItemSize.of(r.attributes()) : 0));
            case DeleteItemRequest delete -> write(Math.max(ItemSize.of(delete.key()),
                    response instanceof DeleteItemResponse r && r.hasAttributes() ? ItemSize.of(r.attributes()) : 0));
            case BatchWriteItemRequest batch -> batchWrite(batch, (BatchWriteItemResponse) response);
            case TransactWriteItemsRequest transaction -> transactWrite(transaction);
            case GetItemRequest get -> read(((GetItemResponse) response).hasItem()
                    ? ItemSize.of(((GetItemResponse) response).item()) : 0, get.consistentRead());
            case BatchGetItemRequest batch -> batchGet(batch, (BatchGetItemResponse) response);
            case QueryRequest query -> read(totalSize(((QueryResponse) response).items()), query.consistentRead());
            case ScanRequest scan -> read(totalSize(((ScanResponse) response).items()), scan.consistentRead());
            case TransactGetItemsRequest ignored -> transactGet((TransactGetItemsResponse) response);
            default -> Units.NONE;
        };
    }

    /** Units of a write whose condition failed (or a cancelled transaction): charged all the same. */
    public static Units ofFailedWrite(SdkRequest request) {
        return switch (request) {
            case PutItemRequest put -> write(put.item());
            case UpdateItemRequest update -> write(updatedSize(update));
            case DeleteItemRequest delete -> write(ItemSize.of(delete.key()));
            case TransactWriteItemsRequest transaction -> transactWrite(transaction);
            default -> Units.NONE;
        };
    }

    /** The estimate for UpdateItem: the key, the values it sets and the names it sets them under. */
    static long updatedSize(UpdateItemRequest update) {
        long size = ItemSize.of(update.key());
        if (update.hasExpressionAttributeValues()) {
            size += update.expressionAttributeValues().values().stream().mapToLong(ItemSize::value).sum();
        }
        if (update.hasExpressionAttributeNames()) {
            size += update.expressionAttributeNames().values().stream().mapToLong(name -> name.getBytes(StandardCharsets.UTF_8).length).sum();
        }
        return size;
    }

    private static Units write(Map<String, AttributeValue> item) {
        return write(ItemSize.of(item));
    }

    private static Units write(long bytes) {
        return new Units(units(bytes, WRITE_UNIT_BYTES), 0);
    }

    /** Read units for this many bytes read at once; eventually consistent unless told otherwise. */
    private static Units read(long bytes, Boolean consistent) {
        double units = units(bytes, READ_UNIT_BYTES);
        return new Units(0, Boolean.TRUE.equals(consistent) ? units : units / 2);
    }

    /** Started units of {@code unit} bytes; never less than one. */
    private static long units(long bytes, long unit) {
        return Math.max(1, (bytes + unit - 1) / unit);
    }

    private static long totalSize(List<Map<String, AttributeValue>> items) {
        return items.stream().mapToLong(ItemSize::of).sum();
    }

    private static Units batchWrite(BatchWriteItemRequest batch, BatchWriteItemResponse response) {
        Units total = Units.NONE;
        for (Map.Entry<String, List<WriteRequest>> table : batch.requestItems().entrySet()) {
            Set<WriteRequest> unprocessed = response != null && response.hasUnprocessedItems()
                    ? Set.copyOf(response.unprocessedItems().getOrDefault(table.getKey(), List.of())) : Set.of();
            for (WriteRequest write : table.getValue()) {
                if (unprocessed.contains(write)) {
                    continue;
                }
                total = total.plus(write.putRequest() != null ? write(write.putRequest().item())
                        : write(write.deleteRequest().key()));
            }
        }
        return total;
    }

    private static Units transactWrite(TransactWriteItemsRequest transaction) {
        Units total = Units.NONE;
        for (TransactWriteItem item : transaction.transactItems()) {
            long size;
            if (item.put() != null) {
                size = ItemSize.of(item.put().item());
            } else if (item.update() != null) {
                size = updatedSize(UpdateItemRequest.builder().key(item.update().key())
                        .expressionAttributeValues(item.update().expressionAttributeValues())
                        .expressionAttributeNames(item.update().expressionAttributeNames()).build());
            } else if (item.delete() != null) {
                size = ItemSize.of(item.delete().key());
            } else {
                size = ItemSize.of(item.conditionCheck().key());
            }
            total = total.plus(new Units(2 * units(size, WRITE_UNIT_BYTES), 0));
        }
        return total;
    }

    private static Units batchGet(BatchGetItemRequest batch, BatchGetItemResponse response) {
        Units total = Units.NONE;
        for (Map.Entry<String, KeysAndAttributes> table : batch.requestItems().entrySet()) {
            Boolean consistent = table.getValue().consistentRead();
            List<Map<String, AttributeValue>> items = response.hasResponses()
                    ? response.responses().getOrDefault(table.getKey(), List.of()) : List.of();
            KeysAndAttributes unprocessed = response.hasUnprocessedKeys() ? response.unprocessedKeys().get(table.getKey()) : null;
            int unprocessedKeys = unprocessed == null ? 0 : unprocessed.keys().size();
            int missing = Math.max(0, table.getValue().keys().size() - items.size() - unprocessedKeys);
            for (Map<String, AttributeValue> item : items) {
                total = total.plus(read(ItemSize.of(item), consistent));
            }
            for (int i = 0; i < missing; i++) {
                total = total.plus(read(0, consistent));
            }
        }
        return total;
    }

    private static Units transactGet(TransactGetItemsResponse response) {
        Units total = Units.NONE;
        if (response.hasResponses()) {
            for (var item : response.responses()) {
                long size = item.hasItem() ? ItemSize.of(item.item()) : 0;
                total = total.plus(new Units(0, 2 * units(size, READ_UNIT_BYTES)));
            }
        }
        return total;
    }
}
