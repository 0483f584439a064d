#include "upcalls.h"

#include <pthread.h>
#include <stdio.h>

#include "jvm.h"
#include "loglimit.h"
#include "messages.h"
#include "state.h"
#include "vjvm_api.h"

static volatile int in_fork_child = 0;
static pthread_once_t fork_guard_once = PTHREAD_ONCE_INIT;

/* A fork child has only the forking thread: the JVM's GC and VM threads are gone, so entering it hangs. */
static void on_fork_child(void) { in_fork_child = 1; }

static void register_fork_guard(void) { pthread_atfork(NULL, NULL, on_fork_child); }

void vjvm_install_fork_guard(void) { pthread_once(&fork_guard_once, register_fork_guard); }

int vjvm_in_fork_child(void) { return in_fork_child; }

JNIEnv *vjvm_upcall_env(void) { return in_fork_child || !vjvm_state.active ? NULL : vjvm_env(vjvm_state.jvm); }

static int reply_error(void *ctx, const char *message) {
    if (vjvm_api.ReplyWithError != NULL) vjvm_api.ReplyWithError(ctx, message);
    return 0;
}

static int dispatch_command(int index, void *ctx, void **argv, int argc) {
    char description[1024];
    if (in_fork_child) return reply_error(ctx, "ERR JVM module commands cannot run in a fork child");
    if (!vjvm_state.active) return reply_error(ctx, "ERR this JVM module is not loaded");
    JNIEnv *env = vjvm_env(vjvm_state.jvm);
    if (env == NULL) return reply_error(ctx, "ERR cannot attach this thread to the JVM");

    jint rc = (*env)->CallStaticIntMethod(env, vjvm_state.host_class, vjvm_state.dispatch_command, (jint)index,
                                          (jlong)(intptr_t)ctx, (jlong)(intptr_t)argv, (jint)argc);
    if (!(*env)->ExceptionCheck(env)) return (int)rc;
    /* The Java side catches everything; reaching here means even that failed (e.g. StackOverflowError). */
    vjvm_take_exception(env, description, sizeof description);
    if (vjvm_api.Log != NULL && vjvm_log_admit("an exception", description))
        vjvm_api.Log(ctx, "warning", MSG_UPCALL_EXCEPTION, vjvm_state.name, "an exception", description);
    return reply_error(ctx, "ERR internal error in the JVM module; see the server log");
}

void vjvm_info_callback(void *info_ctx, int for_crash_report) {
    /* A crash report may come from inside the JVM itself: do not enter it then. */
    JNIEnv *env = for_crash_report ? NULL : vjvm_upcall_env();
    if (env == NULL) return;
    (*env)->CallStaticVoidMethod(env, vjvm_state.host_class, vjvm_state.info, (jlong)(intptr_t)info_ctx);
    if ((*env)->ExceptionCheck(env)) (*env)->ExceptionClear(env);
}

/* Each callback is a distinct C function because the server passes no user data to command callbacks. */
#define CALLBACK(i) \
    static int command_callback_##i(void *ctx, void **argv, int argc) { return dispatch_command(i, ctx, argv, argc); }
#define CALLBACK_ADDRESS(i) command_callback_##i,
#define REPEAT16(M, hi)                                                                                          \
    M(hi##0) M(hi##1) M(hi##2) M(hi##3) M(hi##4) M(hi##5) M(hi##6) M(hi##7) M(hi##8) M(hi##9) M(hi##a) M(hi##b) \
    M(hi##c) M(hi##d) M(hi##e) M(hi##f)
#define REPEAT256(M)                                                                                           \
    REPEAT16(M, 0x0) REPEAT16(M, 0x1) REPEAT16(M, 0x2) REPEAT16(M, 0x3) REPEAT16(M, 0x4) REPEAT16(M, 0x5)      \
    REPEAT16(M, 0x6) REPEAT16(M, 0x7) REPEAT16(M, 0x8) REPEAT16(M, 0x9) REPEAT16(M, 0xa) REPEAT16(M, 0xb)      \
    REPEAT16(M, 0xc) REPEAT16(M, 0xd) REPEAT16(M, 0xe) REPEAT16(M, 0xf)

REPEAT256(CALLBACK)

static const vjvm_command_fn command_callbacks[VJVM_COMMAND_CALLBACKS] = {REPEAT256(CALLBACK_ADDRESS)};

vjvm_command_fn vjvm_command_callback(int index) {
    if (index < 0 || index >= VJVM_COMMAND_CALLBACKS) return NULL;
    return command_callbacks[index];
}
