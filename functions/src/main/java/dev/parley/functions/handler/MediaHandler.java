package dev.parley.functions.handler;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2WebSocketEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2WebSocketResponse;
import dev.parley.functions.domain.media.GetMediaUrl;
import dev.parley.functions.domain.media.RequestUpload;
import dev.parley.functions.log.JsonLogger;
import dev.parley.functions.wiring.MediaWiring;
import dev.parley.model.ProtocolCodec;
import dev.parley.model.v1.Actions;
import dev.parley.model.v1.GetMediaUrlRequest;
import dev.parley.model.v1.RequestUploadRequest;

import java.util.Map;

/**
 * One function for the media actions a client calls: requestUpload and getMediaUrl, picked by
 * route key. Neither touches the bytes; both sign locally.
 *
 * <p>Environment: {@code AWS_REGION}, {@code MESSAGES_TABLE}, {@code MEDIA_TABLE},
 * {@code MEDIA_BUCKET}, {@code RATE_LIMITS_TABLE}; on AWS also {@code MEDIA_CDN_DOMAIN},
 * {@code MEDIA_CDN_KEY_PAIR_ID} and {@code MEDIA_CDN_PRIVATE_KEY_SECRET} (all or none; none means
 * S3 presigned GET URLs, as local runs use).
 */
public final class MediaHandler extends PrimedHandler<APIGatewayV2WebSocketEvent, APIGatewayV2WebSocketResponse> {
    private static final JsonLogger LOG = JsonLogger.of(MediaHandler.class);
    private static final ProtocolCodec CODEC = ProtocolCodec.instance();

    /** The use cases this function serves, one per route. */
    public record UseCases(RequestUpload requestUpload, GetMediaUrl getMediaUrl) {
    }

    private final Map<String, ActionRoute.Action> routes;

    /** Lambda's entry point: configured from the process environment, primed before a SnapStart snapshot. */
    public MediaHandler() {
        this(new MediaWiring(System.getenv()));
        primeBeforeSnapshot();
    }

    /** An instance with its own environment, as local-env runs each function. */
    public MediaHandler(Map<String, String> environment) {
        this(new MediaWiring(environment));
    }

    /** An instance around given use cases, for tests. */
    public MediaHandler(UseCases useCases) {
        super(() -> { });
        this.routes = routes(useCases);
    }

    private MediaHandler(MediaWiring wiring) {
        super(wiring::prime, wiring::offline);
        this.routes = routes(new UseCases(wiring.requestUpload(), wiring.getMediaUrl()));
    }

    @Override
    public APIGatewayV2WebSocketResponse handleRequest(APIGatewayV2WebSocketEvent event, Context context) {
        return ActionRoute.respond(event, LOG, routes);
    }

    private static Map<String, ActionRoute.Action> routes(UseCases useCases) {
        return Map.of(
                Actions.REQUEST_UPLOAD, (request, call) -> {
                    var reply = useCases.requestUpload().request(call.actor(), Commands.of(CODEC.read(request, RequestUploadRequest.class)));
                    LOG.info("upload form issued", call.fields("userId", call.actor().userId(),
                            "conversationId", reply.conversationId(), "mediaId", reply.mediaId()));
                    return reply;
                },
                Actions.GET_MEDIA_URL, (request, call) -> {
                    var reply = useCases.getMediaUrl().get(call.actor(), Commands.of(CODEC.read(request, GetMediaUrlRequest.class)));
                    LOG.info("media urls signed", call.fields("userId", call.actor().userId(),
                            "conversationId", reply.conversationId(), "mediaId", reply.mediaId()));
                    return reply;
                });
    }

    @Override
    APIGatewayV2WebSocketEvent primingEvent() {
        return PrimingEvents.action("getMediaUrl", "\"mediaId\":\"priming\"");
    }
}
