package dev.parley.functions.handler;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2WebSocketEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2WebSocketResponse;
import dev.parley.functions.domain.Actor;
import dev.parley.functions.domain.conversation.AddMembers;
import dev.parley.functions.domain.conversation.CreateConversation;
import dev.parley.functions.domain.conversation.CreateInvite;
import dev.parley.functions.domain.conversation.GetConversation;
import dev.parley.functions.domain.conversation.JoinByInvite;
import dev.parley.functions.domain.conversation.LeaveConversation;
import dev.parley.functions.domain.conversation.ListConversations;
import dev.parley.functions.domain.conversation.ListInvites;
import dev.parley.functions.domain.conversation.ListMembers;
import dev.parley.functions.domain.conversation.RemoveMembers;
import dev.parley.functions.domain.conversation.RevokeInvite;
import dev.parley.functions.domain.conversation.SetRole;
import dev.parley.functions.domain.conversation.UpdateGroup;
import dev.parley.functions.domain.user.FindUsers;
import dev.parley.functions.log.JsonLogger;
import dev.parley.functions.wiring.ConversationsWiring;
import dev.parley.model.ProtocolCodec;
import dev.parley.model.v1.Actions;
import dev.parley.model.v1.AddMembersRequest;
import dev.parley.model.v1.CreateConversationRequest;
import dev.parley.model.v1.CreateInviteRequest;
import dev.parley.model.v1.FindUsersRequest;
import dev.parley.model.v1.GetConversationRequest;
import dev.parley.model.v1.JoinByInviteRequest;
import dev.parley.model.v1.LeaveConversationRequest;
import dev.parley.model.v1.ListConversationsRequest;
import dev.parley.model.v1.ListInvitesRequest;
import dev.parley.model.v1.ListMembersRequest;
import dev.parley.model.v1.RemoveMembersRequest;
import dev.parley.model.v1.RevokeInviteRequest;
import dev.parley.model.v1.SetRoleRequest;
import dev.parley.model.v1.UpdateGroupRequest;

import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * One function for the conversation actions: findUsers, createConversation, getConversation,
 * listConversations, addMembers, removeMembers, leaveConversation, listMembers, setRole, updateGroup and the
 * invite links (createInvite, joinByInvite, revokeInvite, listInvites). API Gateway routes each
 * action here by its route key, which picks the use case; the caller gets the reply, and the
 * members affected get {@code conversation} events.
 */
public final class ConversationsHandler extends PrimedHandler<APIGatewayV2WebSocketEvent, APIGatewayV2WebSocketResponse> {
    private static final JsonLogger LOG = JsonLogger.of(ConversationsHandler.class);
    private static final ProtocolCodec CODEC = ProtocolCodec.instance();

    /** The use cases this function serves, one per route. */
    public record UseCases(FindUsers findUsers, CreateConversation createConversation, GetConversation getConversation,
                           ListConversations listConversations, AddMembers addMembers, RemoveMembers removeMembers,
                           LeaveConversation leaveConversation, ListMembers listMembers, SetRole setRole,
                           UpdateGroup updateGroup, InviteLinks inviteLinks) {
    }

    /** The invite link use cases. */
    public record InviteLinks(CreateInvite createInvite, JoinByInvite joinByInvite, RevokeInvite revokeInvite,
                              ListInvites listInvites) {
    }

    private final Map<String, ActionRoute.Action> routes;

    /** Lambda's entry point: configured from the process environment, primed before a SnapStart snapshot. */
    public ConversationsHandler() {
        this(new ConversationsWiring(System.getenv()));
        primeBeforeSnapshot();
    }

    /** An instance with its own environment, as local-env runs each function. */
    public ConversationsHandler(Map<String, String> environment) {
        this(new ConversationsWiring(environment));
    }

    /** An instance around given use cases, for tests. */
    public ConversationsHandler(UseCases useCases) {
        super(() -> { });
        this.routes = routes(useCases);
    }

    private ConversationsHandler(ConversationsWiring wiring) {
        super(wiring::prime, wiring::offline);
        this.routes = routes(new UseCases(wiring.findUsers(), wiring.createConversation(), wiring.getConversation(),
                wiring.listConversations(), wiring.addMembers(), wiring.removeMembers(), wiring.leaveConversation(),
                wiring.listMembers(), wiring.setRole(), wiring.updateGroup(),
                new InviteLinks(wiring.createInvite(), wiring.joinByInvite(), wiring.revokeInvite(), wiring.listInvites())));
    }

    @Override
    public APIGatewayV2WebSocketResponse handleRequest(APIGatewayV2WebSocketEvent event, Context context) {
        return ActionRoute.respond(event, LOG, routes);
    }

    private static Map<String, ActionRoute.Action> routes(UseCases useCases) {
        return Map.ofEntries(
                Map.entry(Actions.FIND_USERS, route(FindUsersRequest.class, Commands::of, useCases.findUsers()::find)),
                Map.entry(Actions.CREATE_CONVERSATION,
                        route(CreateConversationRequest.class, Commands::of, useCases.createConversation()::create)),
                Map.entry(Actions.GET_CONVERSATION,
                        route(GetConversationRequest.class, Commands::of, useCases.getConversation()::get)),
                Map.entry(Actions.LIST_CONVERSATIONS,
                        route(ListConversationsRequest.class, Commands::of, useCases.listConversations()::list)),
                Map.entry(Actions.ADD_MEMBERS, route(AddMembersRequest.class, Commands::of, useCases.addMembers()::add)),
                Map.entry(Actions.REMOVE_MEMBERS,
                        route(RemoveMembersRequest.class, Commands::of, useCases.removeMembers()::remove)),
                Map.entry(Actions.LEAVE_CONVERSATION,
                        route(LeaveConversationRequest.class, Commands::of, useCases.leaveConversation()::leave)),
                Map.entry(Actions.LIST_MEMBERS, route(ListMembersRequest.class, Commands::of, useCases.listMembers()::list)),
                Map.entry(Actions.SET_ROLE, route(SetRoleRequest.class, Commands::of, useCases.setRole()::set)),
                Map.entry(Actions.UPDATE_GROUP, route(UpdateGroupRequest.class, Commands::of, useCases.updateGroup()::update)),
                Map.entry(Actions.CREATE_INVITE,
                        route(CreateInviteRequest.class, Commands::of, useCases.inviteLinks().createInvite()::create)),
                Map.entry(Actions.JOIN_BY_INVITE,
                        route(JoinByInviteRequest.class, Commands::of, useCases.inviteLinks().joinByInvite()::join)),
                Map.entry(Actions.REVOKE_INVITE,
                        route(RevokeInviteRequest.class, Commands::of, useCases.inviteLinks().revokeInvite()::revoke)),
                Map.entry(Actions.LIST_INVITES,
                        route(ListInvitesRequest.class, Commands::of, useCases.inviteLinks().listInvites()::list)));
    }

    /** Reads the action's fields into its request record, maps it to the use case's command and runs that as the caller. */
    private static <T, C> ActionRoute.Action route(Class<T> type, Function<T, C> command, BiFunction<Actor, C, ?> useCase) {
        return (request, call) -> {
            Actor actor = call.actor();
            Object reply = useCase.apply(actor, command.apply(CODEC.read(request, type)));
            LOG.info("request handled", call.fields("userId", actor.userId()));
            return reply;
        };
    }

    @Override
    APIGatewayV2WebSocketEvent primingEvent() {
        return PrimingEvents.action("listConversations", "");
    }
}
