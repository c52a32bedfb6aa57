package dev.parley.localenv.gateway;

import com.amazonaws.services.lambda.runtime.ClientContext;
import com.amazonaws.services.lambda.runtime.CognitoIdentity;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;

/**
 * The Lambda {@code Context} of one in-process invocation. The remaining time counts down to the
 * caller's deadline (API Gateway's 29 s integration timeout); the logger writes to slf4j under
 * {@code lambda.<function>}, where Lambda would write to CloudWatch Logs.
 */
record LocalLambdaContext(String awsRequestId, String functionName, String invokedFunctionArn, String logStreamName,
                          Instant deadline, Clock clock) implements Context {
    /** The template's MemorySize is not part of {@link FunctionDefinition}; the functions are sized at 1 GB. */
    static final int MEMORY_MB = 1024;

    @Override
    public String getAwsRequestId() {
        return awsRequestId;
    }

    @Override
    public String getLogGroupName() {
        return "/aws/lambda/" + functionName;
    }

    @Override
    public String getLogStreamName() {
        return logStreamName;
    }

    @Override
    public String getFunctionName() {
        return functionName;
    }

    @Override
    public String getFunctionVersion() {
        return "$LATEST";
    }

    @Override
    public String getInvokedFunctionArn() {
        return invokedFunctionArn;
    }

    @Override
    public CognitoIdentity getIdentity() {
        return null;
    }

    @Override
    public ClientContext getClientContext() {
        return null;
    }

    @Override
    public int getRemainingTimeInMillis() {
        long remaining = deadline.toEpochMilli() - clock.millis();
        return (int) Math.max(0, Math.min(Integer.MAX_VALUE, remaining));
    }

    @Override
    public int getMemoryLimitInMB() {
        return MEMORY_MB;
    }

    @Override
    public LambdaLogger getLogger() {
        return new Slf4jLambdaLogger(LoggerFactory.getLogger("lambda." + functionName));
    }

    private record Slf4jLambdaLogger(Logger logger) implements LambdaLogger {
        @Override
        public void log(String message) {
            logger.info(message);
        }

        @Override
        public void log(byte[] message) {
            logger.info(new String(message, StandardCharsets.UTF_8));
        }
    }
}
