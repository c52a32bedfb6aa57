package dev.parley.functions.adapter.apigateway;

import dev.parley.functions.domain.device.ConnectionCloser;
import software.amazon.awssdk.services.apigatewaymanagementapi.ApiGatewayManagementApiClient;
import software.amazon.awssdk.services.apigatewaymanagementapi.model.GoneException;

/**
 * Closes sockets through API Gateway's {@code @connections} API
 * ({@code DELETE /{stage}/@connections/{connectionId}}). API Gateway then sends the socket a close
 * frame and runs $disconnect. A 410 means the socket was already gone, which is the goal anyway.
 */
public final class ManagementApiConnectionCloser implements ConnectionCloser {
    private final ApiGatewayManagementApiClient managementApi;

    public ManagementApiConnectionCloser(ApiGatewayManagementApiClient managementApi) {
        this.managementApi = managementApi;
    }

    @Override
    public boolean close(String connectionId) {
        try {
            managementApi.deleteConnection(delete -> delete.connectionId(connectionId));
            return true;
        } catch (GoneException gone) {
            return false;
        }
    }
}
