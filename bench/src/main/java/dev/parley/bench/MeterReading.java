package dev.parley.bench;

import dev.parley.functions.adapter.aws.AwsCallCounter;
import dev.parley.localenv.gateway.MessageMeter;

import java.util.Map;
import java.util.TreeMap;

/**
 * Every counter the cost model reads, at one moment: AWS calls by {@code service/operation} (the
 * functions' {@link AwsCallCounter}), billed API Gateway messages in and out (the gateway's
 * {@link MessageMeter}) and DynamoDB request units by operation ({@link DynamoDbCapacityMeter}).
 * A workload's cost is the difference of two readings around its measured sends.
 */
public record MeterReading(Map<String, Long> awsCalls, long apiGatewayIn, long apiGatewayOut,
                           Map<String, RequestUnits.Units> dynamoDb) {

    public static MeterReading take(MessageMeter gateway) {
        return new MeterReading(AwsCallCounter.process().snapshot(), gateway.inboundUnits(), gateway.outboundUnits(),
                DynamoDbCapacityMeter.snapshot());
    }

    /** What happened between {@code earlier} and this reading. */
    public MeterReading since(MeterReading earlier) {
        Map<String, Long> calls = new TreeMap<>();
        awsCalls.forEach((operation, count) -> {
            long delta = count - earlier.awsCalls.getOrDefault(operation, 0L);
            if (delta != 0) {
                calls.put(operation, delta);
            }
        });
        Map<String, RequestUnits.Units> units = new TreeMap<>();
        dynamoDb.forEach((operation, total) -> {
            RequestUnits.Units before = earlier.dynamoDb.getOrDefault(operation, RequestUnits.Units.NONE);
            RequestUnits.Units delta = new RequestUnits.Units(total.write() - before.write(), total.read() - before.read());
            if (delta.write() != 0 || delta.read() != 0) {
                units.put(operation, delta);
            }
        });
        return new MeterReading(calls, apiGatewayIn - earlier.apiGatewayIn, apiGatewayOut - earlier.apiGatewayOut, units);
    }

    public double writeUnits() {
        return dynamoDb.values().stream().mapToDouble(RequestUnits.Units::write).sum();
    }

    public double readUnits() {
        return dynamoDb.values().stream().mapToDouble(RequestUnits.Units::read).sum();
    }

    public long totalAwsCalls() {
        return awsCalls.values().stream().mapToLong(Long::longValue).sum();
    }

    /** Changes whenever anything is still happening: used to wait until the cloud is quiet. */
    long activity() {
        return totalAwsCalls() + apiGatewayIn + apiGatewayOut;
    }
}
