#include "blocking.h"

#include <stdint.h>
#include <stdio.h>

#include "jvm.h"
#include "loglimit.h"
#include "trampoline_support.h"
#include "messages.h"
#include "state.h"
#include "upcalls.h"
#include "vjvm_api.h"

static struct {
    jclass host;
    jmethodID reply, timeout, free, disconnected, main_thread_tasks, timer_fired, key_ready, shutdown;
} up;

static JNIEnv *main_env(void) {
    return up.host == NULL ? NULL : vjvm_upcall_env();
}

static void clear_failure(JNIEnv *env, const char *what) {
    char description[1024];
    if (!(*env)->ExceptionCheck(env)) return;
    vjvm_take_exception(env, description, sizeof description);
    if (vjvm_api.Log != NULL && vjvm_log_admit(what, description))
        vjvm_api.Log(NULL, "warning", MSG_UPCALL_EXCEPTION, vjvm_state.name, what, description);
}

static int reply_error(void *ctx, const char *message) {
    if (vjvm_api.ReplyWithError != NULL) vjvm_api.ReplyWithError(ctx, message);
    return 0;
}

static int blocked_reply(void *ctx, void **argv, int argc) {
    JNIEnv *env = main_env();
    if (env == NULL) return reply_error(ctx, "ERR the JVM module cannot reply here");
    (*env)->CallStaticVoidMethod(env, up.host, up.reply, (jlong)(intptr_t)ctx, (jlong)(intptr_t)argv, (jint)argc);
    clear_failure(env, "a blocked client's reply");
    return 0;
}

static int blocked_timeout(void *ctx, void **argv, int argc) {
    JNIEnv *env = main_env();
    if (env == NULL) return reply_error(ctx, "ERR timed out");
    (*env)->CallStaticVoidMethod(env, up.host, up.timeout, (jlong)(intptr_t)ctx, (jlong)(intptr_t)argv, (jint)argc);
    clear_failure(env, "a blocked client's timeout");
    return 0;
}

static void blocked_free(void *ctx, void *privdata) {
    JNIEnv *env = main_env();
    if (env == NULL) return;
    (*env)->CallStaticVoidMethod(env, up.host, up.free, (jlong)(intptr_t)privdata);
    clear_failure(env, "releasing a blocked client");
}

static void blocked_disconnected(void *ctx, void *bc) {
    JNIEnv *env = main_env();
    if (env == NULL) return;
    (*env)->CallStaticVoidMethod(env, up.host, up.disconnected, (jlong)(intptr_t)bc);
    clear_failure(env, "a blocked client's disconnection");
}

static void main_thread_tasks(void *unused) {
    JNIEnv *env = main_env();
    if (env == NULL) return;
    (*env)->CallStaticVoidMethod(env, up.host, up.main_thread_tasks);
    clear_failure(env, "main-thread tasks");
}

/* Reply callback of a client blocked on keys: OK when it was served, ERR to keep it waiting. */
static int key_ready(void *ctx, void **argv, int argc) {
    JNIEnv *env = main_env();
    if (env == NULL) return 1;
    jint served = (*env)->CallStaticIntMethod(env, up.host, up.key_ready, (jlong)(intptr_t)ctx, (jlong)(intptr_t)argv, (jint)argc);
    if ((*env)->ExceptionCheck(env)) {
        clear_failure(env, "a key-blocked client's check");
        return 1;
    }
    return served ? 0 : 1;
}

/* The server's Shutdown event (its ValkeyModuleEvent arrives by value): the module winds down first. */
static void shutdown_event(void *ctx, vjvm_event event, uint64_t subevent, void *data) {
    JNIEnv *env = main_env();
    if (env == NULL) return;
    (*env)->CallStaticVoidMethod(env, up.host, up.shutdown);
    clear_failure(env, "shutdown");
}

static void timer_fired(void *ctx, void *data) {
    JNIEnv *env = main_env();
    if (env == NULL) return;
    (*env)->CallStaticVoidMethod(env, up.host, up.timer_fired, (jlong)(intptr_t)ctx, (jlong)(intptr_t)data);
    clear_failure(env, "a timer");
}

void *vjvm_blocking_callback(int which) {
    switch (which) {
    case VJVM_BLOCKED_REPLY: return (void *)blocked_reply;
    case VJVM_BLOCKED_TIMEOUT: return (void *)blocked_timeout;
    case VJVM_BLOCKED_FREE: return (void *)blocked_free;
    case VJVM_BLOCKED_DISCONNECTED: return (void *)blocked_disconnected;
    case VJVM_MAIN_THREAD_TASKS: return (void *)main_thread_tasks;
    case VJVM_TIMER_FIRED: return (void *)timer_fired;
    case VJVM_KEY_READY: return (void *)key_ready;
    case VJVM_SHUTDOWN_EVENT: return (void *)shutdown_event;
    default: return NULL;
    }
}

jint vjvm_blocking_bind(JNIEnv *env, jclass blocking_host) {
    jmethodID reply = (*env)->GetStaticMethodID(env, blocking_host, "reply", "(JJI)V");
    jmethodID timeout = (*env)->GetStaticMethodID(env, blocking_host, "timeout", "(JJI)V");
    jmethodID free_ = (*env)->GetStaticMethodID(env, blocking_host, "free", "(J)V");
    jmethodID disconnected = (*env)->GetStaticMethodID(env, blocking_host, "disconnected", "(J)V");
    jmethodID tasks = (*env)->GetStaticMethodID(env, blocking_host, "runMainThreadTasks", "()V");
    jmethodID fired = (*env)->GetStaticMethodID(env, blocking_host, "timerFired", "(JJ)V");
    jmethodID ready = (*env)->GetStaticMethodID(env, blocking_host, "keyReady", "(JJI)I");
    jmethodID shutdown = (*env)->GetStaticMethodID(env, blocking_host, "shutdown", "()V");
    if (reply == NULL || timeout == NULL || free_ == NULL || disconnected == NULL || tasks == NULL || fired == NULL ||
        ready == NULL || shutdown == NULL)
        return JNI_ERR;
    jclass host = (*env)->NewGlobalRef(env, blocking_host);
    if (host == NULL) return JNI_ERR;
    up.host = host;
    up.reply = reply;
    up.timeout = timeout;
    up.free = free_;
    up.disconnected = disconnected;
    up.main_thread_tasks = tasks;
    up.timer_fired = fired;
    up.key_ready = ready;
    up.shutdown = shutdown;
    return JNI_OK;
}

void vjvm_blocking_reset(JNIEnv *env) {
    if (env != NULL && up.host != NULL) (*env)->DeleteGlobalRef(env, up.host);
    up.host = NULL;
}
