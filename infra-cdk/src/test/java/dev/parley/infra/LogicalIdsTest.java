package dev.parley.infra;

import static dev.parley.infra.SynthesizedParley.parley;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.RemovalPolicy;

/**
 * Logical ids are what CloudFormation knows a resource by: these are the ids of deployed stacks, and
 * a changed one replaces the resource. The families that took over stack-level functions keep them.
 */
class LogicalIdsTest {

    private final SynthesizedParley parley = parley();

    @Test
    void the_cdk_algorithm_gives_the_ids_the_cdk_gives() {
        assertThat(LogicalIds.uniqueId(List.of("Sync", "PresenceFunction", "Resource", "Resource"))).isEqualTo("SyncPresenceFunction0213CE6A");
        assertThat(LogicalIds.uniqueId(List.of("Messaging", "Devices", "Resource"))).isEqualTo("MessagingDevices21681892");
        assertThat(LogicalIds.uniqueId(List.of("Default", "Region"))).isEqualTo("Region");
    }

    @Test
    void functions_moved_into_families_keep_the_ids_they_were_deployed_with() {
        assertThat(Map.of(
                "AuthorizerHandler", parley.functionWithHandler("AuthorizerHandler"),
                "ConnectHandler", parley.functionWithHandler("ConnectHandler"),
                "PingHandler", parley.functionWithHandler("PingHandler"),
                "SendMessageHandler", parley.functionWithHandler("SendMessageHandler"),
                "ConversationsHandler", parley.functionWithHandler("ConversationsHandler"),
                "DevicesHandler", parley.functionWithHandler("DevicesHandler"),
                "PresenceHandler", parley.functionWithHandler("PresenceHandler"),
                "PresenceWorkerHandler", parley.functionWithHandler("PresenceWorkerHandler"),
                "SyncHandler", parley.functionWithHandler("SyncHandler"))).isEqualTo(Map.of(
                "AuthorizerHandler", "AuthorizerFunction2E06DC35",
                "ConnectHandler", "ConnectFunctionD623A096",
                "PingHandler", "PingFunction196576CA",
                "SendMessageHandler", "SendMessageFunction1466198D",
                "ConversationsHandler", "ConversationsFunction9CE6EEB3",
                "DevicesHandler", "DevicesFunctionCCC0E066",
                "PresenceHandler", "SyncPresenceFunction0213CE6A",
                "PresenceWorkerHandler", "SyncPresenceWorkerFunctionA4BDFE25",
                "SyncHandler", "SyncSyncFunction082C5EF5"));
    }

    @Test
    void everything_a_moved_function_brings_keeps_its_id_too() {
        assertThat(parley.resourceIds()).contains(
                "ConnectFunctionLogsA31747B6", "ConnectFunctionServiceRoleC445EFC7",
                "ConnectFunctionServiceRoleDefaultPolicyBD793DD3", "ConnectFunctionLive2C4B685D",
                "SyncPresenceWorkerFunctionLiveSqsEventSourceParleyPresenceQueueD0F813A26B7D7737",
                "ConnectionsTable916FDB22", "MessagingMessages25681DDF", "MediaTableCDEFDDA6");
        // A version's id is the function's id and a hash of its configuration.
        assertThat(parley.idsOfType("AWS::Lambda::Version"))
                .anyMatch(id -> id.startsWith("ConnectFunctionCurrentVersionB17DA4BB"))
                .anyMatch(id -> id.startsWith("SyncPresenceFunctionCurrentVersionFBEA6B45"))
                .noneMatch(id -> id.contains("ConnectionFunctions") || id.startsWith("Presence"));
        assertThat(parley.resourceIds()).noneMatch(id -> id.startsWith("ConnectionFunctions")
                || id.startsWith("MessagingFunctions") || id.startsWith("ConversationFunctions")
                || id.startsWith("DeviceFunctions") || id.startsWith("Presence") && !id.startsWith("PresenceQueue"));
    }

    @Test
    void props_refuse_what_would_only_fail_inside_the_cdk() {
        assertThatThrownBy(() -> new Conversations.Props(null)).isInstanceOf(NullPointerException.class)
                .hasMessage("backend");
        assertThatThrownBy(() -> new PushPlatforms.Props(PushConfig.none(), null))
                .isInstanceOf(NullPointerException.class).hasMessage("logRemovalPolicy");
        assertThatThrownBy(() -> new MediaDelivery.Props(null, "media/", List.of("*"), RemovalPolicy.DESTROY))
                .isInstanceOf(NullPointerException.class).hasMessage("bucket");
    }
}
