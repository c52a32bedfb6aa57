package dev.parley.infra;

import io.github.cdklabs.cdknag.NagPackSuppression;
import io.github.cdklabs.cdknag.NagSuppressions;
import io.github.cdklabs.cdknag.RegexAppliesTo;
import java.util.Arrays;
import java.util.List;
import software.amazon.awscdk.Stack;
import software.constructs.IConstruct;

/**
 * Findings of AWS's rule packs (cdk-nag AwsSolutions and Serverless) that are not faults here,
 * suppressed on the construct they are about, each with the reason a reviewer reads. cdk-nag
 * records them in the template's metadata; RulePacksTest fails on any finding without one.
 */
final class RulePacks {

    static final String LAMBDA_BASIC_EXECUTION =
            "Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole";

    private RulePacks() {
    }

    /**
     * Suppresses {@code rule} on the construct and everything below it.
     *
     * @param appliesTo the finding's exact subjects (e.g. a wildcard resource); empty: every one
     */
    static void suppress(IConstruct construct, String rule, String reason, String... appliesTo) {
        NagPackSuppression.Builder suppression = NagPackSuppression.builder().id(rule).reason(reason);
        if (appliesTo.length > 0) {
            suppression.appliesTo(List.of((Object[]) appliesTo));
        }
        NagSuppressions.addResourceSuppressions(construct, List.of(suppression.build()), true);
    }

    /**
     * Suppresses {@code rule} wherever in the stack its subject matches one of the regular
     * expressions (cdk-nag's {@code /regex/} form): a grant whose wildcard is the same for every
     * function that holds it.
     */
    static void suppressInStack(IConstruct anyInStack, String rule, String reason, String... subjectRegexes) {
        NagSuppressions.addStackSuppressions(Stack.of(anyInStack), List.of(NagPackSuppression.builder()
                .id(rule)
                .reason(reason)
                .appliesTo(Arrays.stream(subjectRegexes)
                        .map(regex -> (Object) RegexAppliesTo.builder().regex("/" + regex + "/").build())
                        .toList())
                .build()));
    }

    /** AWS's managed logging policy on a function's role: CreateLogGroup, CreateLogStream, PutLogEvents. */
    static void basicExecutionRole(IConstruct function) {
        suppress(function, "AwsSolutions-IAM4", "AWSLambdaBasicExecutionRole allows writing the function's"
                + " own logs only (CreateLogGroup, CreateLogStream, PutLogEvents) and AWS keeps it current",
                LAMBDA_BASIC_EXECUTION);
    }

    /** A function CloudFormation invokes at deploy time (a custom resource provider). */
    static void deployTimeFunction(IConstruct function) {
        basicExecutionRole(function);
        suppress(function, "Serverless-LambdaDefaultMemorySize", "A deploy-time custom resource provider: it runs"
                + " for seconds per deploy, and 128 MB is ample for its one SDK call");
        suppress(function, "Serverless-LambdaDLQ", "Invoked by CloudFormation, which reports a failure in the"
                + " stack's events and rolls back: there is no event to dead-letter");
        suppress(function, "Serverless-LambdaTracing", "A deploy-time provider: a trace of one call per deploy"
                + " tells nothing its log does not");
    }
}
