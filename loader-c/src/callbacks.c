#include "callbacks.h"

#include "configs.h"
#include "state.h"
#include "trampoline_support.h"
#include "upcalls.h"
#include "vjvm_api.h"
#include "vjvm_constants.h"

static int reply_error(void *ctx, const char *message) {
    if (vjvm_api.ReplyWithError != NULL) vjvm_api.ReplyWithError(ctx, message);
    return VALKEYMODULE_OK;
}

/* The Java side catches everything; reaching C with a failure means even that failed (e.g. StackOverflowError). */
static const char JAVA_SIDE_FAILED[] = "ERR internal error in the JVM module; see the server log";

static int dispatch_command(int index, void *ctx, void **argv, int argc) {
    jint rc = VALKEYMODULE_OK;
    if (vjvm_in_fork_child()) return reply_error(ctx, "ERR JVM module commands cannot run in a fork child");
    if (vjvm_state.command_entry != NULL && vjvm_state.active) {
        rc = vjvm_state.command_entry(index, ctx, argv, argc);
        return rc >= 0 ? (int)rc : reply_error(ctx, JAVA_SIDE_FAILED);
    }
    switch (vjvm_up_dispatch_command(&rc, index, VJVM_JLONG(ctx), VJVM_JLONG(argv), argc)) {
    case VJVM_UPCALL_DONE: return (int)rc;
    case VJVM_UPCALL_NOT_ENTERED: return reply_error(ctx, "ERR this JVM module is not loaded, or this thread cannot enter the JVM");
    default: return reply_error(ctx, JAVA_SIDE_FAILED);
    }
}

/* Each callback is a distinct C function because the server passes no user data to command callbacks. */
#define COMMAND_CALLBACK(i) \
    static int command_callback_##i(void *ctx, void **argv, int argc) { return dispatch_command(i, ctx, argv, argc); }
#define COMMAND_CALLBACK_ADDRESS(i) command_callback_##i,
#define REPEAT16(M, hi)                                                                                          \
    M(hi##0) M(hi##1) M(hi##2) M(hi##3) M(hi##4) M(hi##5) M(hi##6) M(hi##7) M(hi##8) M(hi##9) M(hi##a) M(hi##b) \
    M(hi##c) M(hi##d) M(hi##e) M(hi##f)
#define REPEAT256(M)                                                                                           \
    REPEAT16(M, 0x0) REPEAT16(M, 0x1) REPEAT16(M, 0x2) REPEAT16(M, 0x3) REPEAT16(M, 0x4) REPEAT16(M, 0x5)      \
    REPEAT16(M, 0x6) REPEAT16(M, 0x7) REPEAT16(M, 0x8) REPEAT16(M, 0x9) REPEAT16(M, 0xa) REPEAT16(M, 0xb)      \
    REPEAT16(M, 0xc) REPEAT16(M, 0xd) REPEAT16(M, 0xe) REPEAT16(M, 0xf)

REPEAT256(COMMAND_CALLBACK)

static const vjvm_command_fn command_callbacks[] = {REPEAT256(COMMAND_CALLBACK_ADDRESS)};
_Static_assert(sizeof command_callbacks / sizeof command_callbacks[0] == VJVM_COMMAND_CALLBACKS,
               "one command callback per VJVM_COMMAND_CALLBACKS");

vjvm_command_fn vjvm_command_callback(int index) {
    if (index < 0 || index >= VJVM_COMMAND_CALLBACKS) return NULL;
    return command_callbacks[index];
}

/* A filter's callback gets only the filter context, so each of the module's filters has its own. */
#define FILTER_CALLBACK(i) static void command_filter_##i(void *fctx) { vjvm_up_command_filter(VJVM_JLONG(fctx), i); }
#define FILTER_CALLBACK_ADDRESS(i) command_filter_##i,

REPEAT16(FILTER_CALLBACK, 0x0)

static const vjvm_filter_fn filter_callbacks[] = {REPEAT16(FILTER_CALLBACK_ADDRESS, 0x0)};
_Static_assert(sizeof filter_callbacks / sizeof filter_callbacks[0] == VJVM_COMMAND_FILTERS,
               "one filter callback per VJVM_COMMAND_FILTERS");

vjvm_filter_fn vjvm_command_filter_callback(int index) {
    if (index < 0 || index >= VJVM_COMMAND_FILTERS) return NULL;
    return filter_callbacks[index];
}

static int blocked_reply(void *ctx, void **argv, int argc) {
    if (vjvm_up_blocked_reply(VJVM_JLONG(ctx), VJVM_JLONG(argv), argc) == VJVM_UPCALL_NOT_ENTERED)
        return reply_error(ctx, "ERR the JVM module cannot reply here");
    return VALKEYMODULE_OK;
}

static int blocked_timeout(void *ctx, void **argv, int argc) {
    if (vjvm_up_blocked_timeout(VJVM_JLONG(ctx), VJVM_JLONG(argv), argc) == VJVM_UPCALL_NOT_ENTERED)
        return reply_error(ctx, "ERR timed out");
    return VALKEYMODULE_OK;
}

static void blocked_free(void *ctx, void *privdata) { vjvm_up_blocked_free(VJVM_JLONG(privdata)); }

static void blocked_disconnected(void *ctx, void *bc) { vjvm_up_blocked_disconnected(VJVM_JLONG(bc)); }

/* Reply callback of a client blocked on keys: OK when it was served, ERR to keep it waiting. */
static int key_ready(void *ctx, void **argv, int argc) {
    jint served = 0;
    if (vjvm_up_key_ready(&served, VJVM_JLONG(ctx), VJVM_JLONG(argv), argc) != VJVM_UPCALL_DONE) return VALKEYMODULE_ERR;
    return served ? VALKEYMODULE_OK : VALKEYMODULE_ERR;
}

static void main_thread_tasks(void *unused) { vjvm_up_run_main_thread_tasks(); }

static void timer_fired(void *ctx, void *data) { vjvm_up_timer_fired(VJVM_JLONG(ctx), VJVM_JLONG(data)); }

static void call_unblocked(void *ctx, void *reply, void *data) { vjvm_up_call_unblocked(VJVM_JLONG(ctx), VJVM_JLONG(reply), VJVM_JLONG(data)); }

/* Every server event the module subscribed to (its ValkeyModuleEvent arrives by value), Shutdown included. */
static void server_event(void *ctx, vjvm_event event, uint64_t subevent, void *data) {
    vjvm_up_server_event(VJVM_JLONG(ctx), (jlong)event.id, (jlong)subevent, VJVM_JLONG(data));
}

static int keyspace_event(int subscription, void *ctx, int type, const char *event, void *key) {
    vjvm_up_keyspace_event(VJVM_JLONG(ctx), subscription, type, VJVM_JLONG(event), VJVM_JLONG(key));
    return VALKEYMODULE_OK;
}

/*
 * One callback per keyspace subscription, as for commands: the server passes them no user data. Each
 * of the module's handlers is its own subscriber, as in a C module, so the server keeps a handler (not
 * the whole module) from being notified of what it causes itself.
 */
#define KEYSPACE_CALLBACK(i) \
    static int keyspace_callback_##i(void *ctx, int type, const char *event, void *key) { return keyspace_event(i, ctx, type, event, key); }
#define KEYSPACE_CALLBACK_ADDRESS(i) keyspace_callback_##i,
#define REPEAT32(M) REPEAT16(M, 0x0) REPEAT16(M, 0x1)

REPEAT32(KEYSPACE_CALLBACK)

static const vjvm_keyspace_fn keyspace_callbacks[] = {REPEAT32(KEYSPACE_CALLBACK_ADDRESS)};
_Static_assert(sizeof keyspace_callbacks / sizeof keyspace_callbacks[0] == VJVM_KEYSPACE_CALLBACKS,
               "one keyspace callback per VJVM_KEYSPACE_CALLBACKS");

vjvm_keyspace_fn vjvm_keyspace_callback(int index) {
    if (index < 0 || index >= VJVM_KEYSPACE_CALLBACKS) return NULL;
    return keyspace_callbacks[index];
}

static void post_notification_job(void *ctx, void *id) { vjvm_up_post_notification_job(VJVM_JLONG(ctx), VJVM_JLONG(id)); }

static void post_notification_free(void *id) { vjvm_up_post_notification_free(VJVM_JLONG(id)); }

/*
 * Auth callbacks (RegisterAuthCallback): the server passes them no data, so each registration gets
 * its own C function. A failure to reach the Java side denies: authentication fails closed.
 */
static int authenticate(int index, void *ctx, void *username, void *password, void **err) {
    jint rc = VALKEYMODULE_AUTH_HANDLED;
    if (vjvm_up_authenticate(&rc, index, VJVM_JLONG(ctx), VJVM_JLONG(username), VJVM_JLONG(password), VJVM_JLONG(err)) != VJVM_UPCALL_DONE)
        return VALKEYMODULE_AUTH_HANDLED;
    return (int)rc;
}

#define AUTH_CALLBACK(i)                                                                                 \
    static int auth_callback_##i(void *ctx, void *username, void *password, void **err) {               \
        return authenticate(i, ctx, username, password, err);                                           \
    }
#define AUTH_CALLBACK_ADDRESS(i) auth_callback_##i,
#define REPEAT32(M) REPEAT16(M, 0x0) REPEAT16(M, 0x1)

REPEAT32(AUTH_CALLBACK)

static const vjvm_auth_fn auth_callbacks[] = {REPEAT32(AUTH_CALLBACK_ADDRESS)};
_Static_assert(sizeof auth_callbacks / sizeof auth_callbacks[0] == VJVM_AUTH_CALLBACKS, "one auth callback per VJVM_AUTH_CALLBACKS");

vjvm_auth_fn vjvm_auth_callback(int index) {
    if (index < 0 || index >= VJVM_AUTH_CALLBACKS) return NULL;
    return auth_callbacks[index];
}

/* BlockClientOnAuth's reply callback: the blocked client's decision, applied; a failure denies. */
static int auth_reply(void *ctx, void *username, void *password, void **err) {
    jint rc = VALKEYMODULE_AUTH_HANDLED;
    if (vjvm_up_auth_reply(&rc, VJVM_JLONG(ctx), VJVM_JLONG(username), VJVM_JLONG(password), VJVM_JLONG(err)) != VJVM_UPCALL_DONE)
        return VALKEYMODULE_AUTH_HANDLED;
    return (int)rc;
}

static void user_changed(uint64_t client_id, void *listener) { vjvm_up_user_changed((jlong)client_id, VJVM_JLONG(listener)); }

static void info(void *info_ctx, int for_crash_report) {
    /* A crash report may come from inside the JVM itself: do not enter it then. */
    if (!for_crash_report) vjvm_up_info(VJVM_JLONG(info_ctx));
}

void *vjvm_callback(int which) {
    switch (which) {
    case VJVM_CALLBACK_BLOCKED_REPLY: return (void *)blocked_reply;
    case VJVM_CALLBACK_BLOCKED_TIMEOUT: return (void *)blocked_timeout;
    case VJVM_CALLBACK_BLOCKED_FREE: return (void *)blocked_free;
    case VJVM_CALLBACK_BLOCKED_DISCONNECTED: return (void *)blocked_disconnected;
    case VJVM_CALLBACK_MAIN_THREAD_TASKS: return (void *)main_thread_tasks;
    case VJVM_CALLBACK_TIMER_FIRED: return (void *)timer_fired;
    case VJVM_CALLBACK_CALL_UNBLOCKED: return (void *)call_unblocked;
    case VJVM_CALLBACK_KEY_READY: return (void *)key_ready;
    case VJVM_CALLBACK_SERVER_EVENT: return (void *)server_event;
    case VJVM_CALLBACK_POST_NOTIFICATION_JOB: return (void *)post_notification_job;
    case VJVM_CALLBACK_POST_NOTIFICATION_FREE: return (void *)post_notification_free;
    case VJVM_CALLBACK_INFO: return (void *)info;
    case VJVM_CALLBACK_AUTH_REPLY: return (void *)auth_reply;
    case VJVM_CALLBACK_USER_CHANGED: return (void *)user_changed;
    default: return vjvm_config_callback(which);
    }
}
