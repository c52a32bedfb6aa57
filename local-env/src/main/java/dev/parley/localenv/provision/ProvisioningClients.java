package dev.parley.localenv.provision;

import dev.parley.localenv.moto.SdkSystemProperties;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cognitoidentityprovider.CognitoIdentityProviderClient;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sts.StsClient;

/**
 * The SDK clients provisioning uses. Like every client in Parley they take the endpoint from the
 * standard settings ({@code aws.endpointUrl} system property or {@code AWS_ENDPOINT_URL}), never
 * from code, so they reach moto only because LocalCloud (or a test) points those settings at it
 * ({@link SdkSystemProperties}). The credentials are the same dummy ones. S3 is addressed path-style
 * ({@code http://localhost:PORT/bucket}): an emulator has no per-bucket host names.
 */
public record ProvisioningClients(DynamoDbClient dynamoDb, CognitoIdentityProviderClient cognito, SqsClient sqs, SnsClient sns,
                                  StsClient sts, S3Client s3)
        implements AutoCloseable {

    public static ProvisioningClients forRegion(Region region) {
        var credentials = StaticCredentialsProvider.create(AwsBasicCredentials.create(SdkSystemProperties.ACCESS_KEY_ID, SdkSystemProperties.SECRET_ACCESS_KEY));
        return new ProvisioningClients(
                DynamoDbClient.builder().region(region).credentialsProvider(credentials)
                        .httpClientBuilder(UrlConnectionHttpClient.builder()).build(),
                CognitoIdentityProviderClient.builder().region(region).credentialsProvider(credentials)
                        .httpClientBuilder(UrlConnectionHttpClient.builder()).build(),
                SqsClient.builder().region(region).credentialsProvider(credentials)
                        .httpClientBuilder(UrlConnectionHttpClient.builder()).build(),
                SnsClient.builder().region(region).credentialsProvider(credentials)
                        .httpClientBuilder(UrlConnectionHttpClient.builder()).build(),
                StsClient.builder().region(region).credentialsProvider(credentials)
                        .httpClientBuilder(UrlConnectionHttpClient.builder()).build(),
                S3Client.builder().region(region).credentialsProvider(credentials).forcePathStyle(true)
                        .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                        .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
                        .httpClientBuilder(UrlConnectionHttpClient.builder()).build());
    }

    @Override
    public void close() {
        dynamoDb.close();
        cognito.close();
        sqs.close();
        sns.close();
        sts.close();
        s3.close();
    }
}
