package dev.parley.bench;

import dev.parley.functions.adapter.aws.AwsCallCounter;
import dev.parley.localenv.gateway.LambdaMeter;
import dev.parley.localenv.gateway.MessageMeter;

import java.util.Map;
import java.util.TreeMap;

/**
 * Every counter the cost model reads, at one moment: AWS calls by {@code service/operation} (the
 * functions' {@link AwsCallCounter}), billed API Gateway messages in and out (the gateway's
 * {@link MessageMeter}), DynamoDB request units by operation ({@link DynamoDbCapacityMeter}), Lambda
 * invocations by function and the SQS event sources' requests ({@link LambdaMeter}). A workload's
 * cost is the difference of two readings around its measured sends.
 */
public record MeterReading(Map<String, Long> awsCalls, long apiGatewayIn, long apiGatewayOut,
                           Map<String, RequestUnits.Units> dynamoDb, Map<String, Long> invocations,
                           long eventSourceRequests) {

    /** A reading without Lambda counts (tests of the other figures). */
    public MeterReading(Map<String, Long> awsCalls, long apiGatewayIn, long apiGatewayOut,
                        Map<String, RequestUnits.Units> dynamoDb) {
        this(awsCalls, apiGatewayIn, apiGatewayOut, dynamoDb, Map.of(), 0);
    }

    public static MeterReading take(MessageMeter gateway) {
        return new MeterReading(AwsCallCounter.process().snapshot(), gateway.inboundUnits(), gateway.outboundUnits(),
                DynamoDbCapacityMeter.snapshot(), LambdaMeter.invocations(), LambdaMeter.eventSourceRequests());
    }

    /** What happened between {@code earlier} and this reading. */
    public MeterReading since(MeterReading earlier) {
        Map<String, Long> calls = difference(awsCalls, earlier.awsCalls);
        Map<String, RequestUnits.Units> units = new TreeMap<>();
        dynamoDb.forEach((operation, total) -> {
            RequestUnits.Units before = earlier.dynamoDb.getOrDefault(operation, RequestUnits.Units.NONE);
            RequestUnits.Units delta = new RequestUnits.Units(total.write() - before.write(), total.read() - before.read());
            if (delta.write() != 0 || delta.read() != 0) {
                units.put(operation, delta);
            }
        });
        return new MeterReading(calls, apiGatewayIn - earlier.apiGatewayIn, apiGatewayOut - earlier.apiGatewayOut, units,
                difference(invocations, earlier.invocations), eventSourceRequests - earlier.eventSourceRequests);
    }

    private static Map<String, Long> difference(Map<String, Long> now, Map<String, Long> earlier) {
        Map<String, Long> delta = new TreeMap<>();
        now.forEach((key, count) -> {
            long d = count - earlier.getOrDefault(key, 0L);
            if (d != 0) {
                delta.put(key, d);
            }
        });
        return delta;
    }

    public long totalInvocations() {
        return invocations.values().stream().mapToLong(Long::longValue).sum();
    }

    /** The functions' own SQS requests (SendMessage of jobs) and the event sources' receives and deletes. */
    public long sqsRequests() {
        return callsOf("sqs/") + eventSourceRequests;
    }

    /** SNS publishes (a mobile push each). */
    public long snsPublishes() {
        return callsOf("sns/");
    }

    private long callsOf(String servicePrefix) {
        return awsCalls.entrySet().stream().filter(e -> e.getKey().toLowerCase(java.util.Locale.ROOT).startsWith(servicePrefix))
                .mapToLong(Map.Entry::getValue).sum();
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
        return totalAwsCalls() + apiGatewayIn + apiGatewayOut + totalInvocations() + eventSourceRequests;
    }
}
