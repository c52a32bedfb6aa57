package dev.parley.model.v1;

/** The action names of protocol v1: the route keys of the WebSocket API. */
public final class Actions {
    public static final String FIND_USERS = "findUsers";
    public static final String CREATE_CONVERSATION = "createConversation";
    public static final String GET_CONVERSATION = "getConversation";
    public static final String LIST_CONVERSATIONS = "listConversations";
    public static final String ADD_MEMBERS = "addMembers";
    public static final String REMOVE_MEMBERS = "removeMembers";
    public static final String LEAVE_CONVERSATION = "leaveConversation";
    public static final String LIST_MEMBERS = "listMembers";
    public static final String SET_ROLE = "setRole";
    public static final String UPDATE_GROUP = "updateGroup";
    public static final String CREATE_INVITE = "createInvite";
    public static final String JOIN_BY_INVITE = "joinByInvite";
    public static final String REVOKE_INVITE = "revokeInvite";
    public static final String LIST_INVITES = "listInvites";
    public static final String SEND_MESSAGE = "sendMessage";
    public static final String PING = "ping";
    public static final String LIST_DEVICES = "listDevices";
    public static final String REVOKE_DEVICE = "revokeDevice";
    public static final String SIGN_OUT_EVERYWHERE = "signOutEverywhere";
    public static final String DELETE_ACCOUNT = "deleteAccount";
    public static final String SYNC = "sync";
    public static final String HISTORY = "history";
    public static final String MARK_DELIVERED = "markDelivered";
    public static final String MARK_READ = "markRead";
    public static final String TYPING = "typing";
    public static final String VIEW_CONVERSATION = "viewConversation";
    public static final String READ_COUNTS = "readCounts";
    public static final String GET_PRESENCE = "getPresence";
    public static final String GET_SETTINGS = "getSettings";
    public static final String UPDATE_SETTINGS = "updateSettings";
    public static final String REGISTER_DEVICE = "registerDevice";
    public static final String UNREGISTER_DEVICE = "unregisterDevice";
    public static final String MUTE_CONVERSATION = "muteConversation";
    public static final String REQUEST_UPLOAD = "requestUpload";
    public static final String GET_MEDIA_URL = "getMediaUrl";
    public static final String PUBLISH_KEYS = "publishKeys";
    public static final String GET_KEY_COUNTS = "getKeyCounts";
    public static final String CLAIM_KEYS = "claimKeys";
    public static final String GET_KEY_LOG = "getKeyLog";

    /** Event types the server sends. */
    public static final String MESSAGE_EVENT = "message";
    public static final String CONVERSATION_EVENT = "conversation";
    public static final String RECEIPT_EVENT = "receipt";
    public static final String TYPING_EVENT = "typing";
    public static final String CONVERSATION_ACTIVITY_EVENT = "conversationActivity";
    public static final String PRESENCE_EVENT = "presence";
    public static final String MEDIA_READY_EVENT = "mediaReady";
    public static final String MEDIA_FAILED_EVENT = "mediaFailed";
    public static final String KEYS_LOW_EVENT = "keysLow";
    public static final String DEVICES_CHANGED_EVENT = "devicesChanged";

    private Actions() {
    }
}
