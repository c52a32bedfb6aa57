package dev.parley.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.List;
import java.util.Locale;

/** W4 (sync) and W5 (push bursts): what one request used, as text and as JSON for bench.json. */
final class OperationsReport {
    private static final ObjectMapper JSON = new ObjectMapper();

    private OperationsReport() {
    }

    static String table(List<OperationResult> results) {
        if (results.isEmpty()) {
            return "";
        }
        StringBuilder out = new StringBuilder("\nSync, push, keys and E2EE: per request (per sync; per send in a burst; per claim; per message)\n");
        for (OperationResult r : results) {
            out.append("\n  %s  %s%n".formatted(r.name(), r.description()));
            out.append("      AWS calls %s:".formatted(number(r.awsCallsPerRequest(), 2)));
            r.cost().awsCalls().forEach((operation, count) -> out.append(" %s %s".formatted(operation, number(r.per(count), 2))));
            out.append('\n');
            out.append("      DynamoDB units: write %s, read %s; API Gateway messages in/out %s / %s%n".formatted(
                    number(r.per(r.cost().writeUnits()), 3), number(r.per(r.cost().readUnits()), 3),
                    number(r.per(r.cost().apiGatewayIn()), 2), number(r.per(r.cost().apiGatewayOut()), 2)));
            out.append("      Lambda invocations:");
            r.invocationsPerMessage().forEach((function, count) -> out.append(" %s %s".formatted(PriceTable.shortName(function),
                    number(count, 2))));
            out.append("; SQS requests %s, SNS pushes %s%n".formatted(number(r.per(r.cost().sqsRequests()), 2),
                    number(r.per(r.cost().snsPublishes()), 2)));
            out.append("      $%s per million (API Gateway, Lambda at each function's memory, DynamoDB, SQS, SNS)%n"
                    .formatted(number(r.dollarsPerMillion(), 3)));
            if (!r.figures().isEmpty()) {
                out.append("     ");
                r.figures().forEach((name, value) -> out.append(" %s %s".formatted(name, number(value, 2))));
                out.append('\n');
            }
        }
        return out.toString();
    }

    static ArrayNode json(List<OperationResult> results) {
        ArrayNode array = JSON.createArrayNode();
        for (OperationResult r : results) {
            ObjectNode o = array.addObject();
            o.put("name", r.name()).put("description", r.description()).put("requests", r.requests());
            o.set("awsCalls", JSON.valueToTree(r.cost().awsCalls()));
            o.put("awsCallsPerRequest", r.awsCallsPerRequest());
            o.putObject("dynamoDb").put("writeUnitsPerRequest", r.per(r.cost().writeUnits()))
                    .put("readUnitsPerRequest", r.per(r.cost().readUnits()))
                    .set("byOperation", JSON.valueToTree(r.cost().dynamoDb()));
            o.putObject("apiGatewayMessages").put("in", r.cost().apiGatewayIn()).put("out", r.cost().apiGatewayOut());
            o.set("lambdaInvocationsByFunction", JSON.valueToTree(r.cost().invocations()));
            o.put("sqsRequests", r.cost().sqsRequests()).put("snsPublishes", r.cost().snsPublishes());
            o.put("dollarsPerMillionRequests", r.dollarsPerMillion());
            o.set("figures", JSON.valueToTree(r.figures()));
        }
        return array;
    }

    private static String number(double value, int decimals) {
        return String.format(Locale.ROOT, "%." + decimals + "f", value);
    }
}
