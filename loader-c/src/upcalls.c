#include "upcalls.h"

#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>

#include "jvm.h"
#include "loglimit.h"
#include "messages.h"
#include "state.h"
#include "vjvm_api.h"

static volatile int in_fork_child = 0;
static pthread_once_t fork_guard_once = PTHREAD_ONCE_INIT;
static __thread char last_failure[1024];
/* The JVM heap's reserved range, kept out of fork children; set once at load, read by the atfork handler. */
static volatile uintptr_t excluded_start, excluded_end;

/* A fork child has only the forking thread: the JVM's GC and VM threads are gone, so entering it hangs. */
static void on_fork_child(void) { in_fork_child = 1; }

/*
 * Before every fork: the child never enters the JVM, so it gets no copy of the heap's mappings.
 * Its page tables are not copied (a shorter fork) and the JVM's writes during a save copy nothing.
 * Again at each fork, since the JVM maps the memory it commits anew, without the advice.
 */
static void before_fork(void) {
    uintptr_t start = excluded_start, end = excluded_end;
    if (start != 0 && end > start) madvise((void *)start, end - start, MADV_DONTFORK);
}

static void register_fork_guard(void) { pthread_atfork(before_fork, NULL, on_fork_child); }

void vjvm_exclude_from_forks(uintptr_t start, uintptr_t end) {
    excluded_start = start;
    excluded_end = end;
}

void vjvm_install_fork_guard(void) { pthread_once(&fork_guard_once, register_fork_guard); }

int vjvm_in_fork_child(void) { return in_fork_child; }

JNIEnv *vjvm_upcall_env(void) { return in_fork_child || !vjvm_state.active ? NULL : vjvm_env(vjvm_state.jvm); }

const char *vjvm_upcall_failure(void) { return last_failure; }

int vjvm_upcall(enum vjvm_upcall which, jvalue *result, ...) {
    JNIEnv *env = vjvm_upcall_env();
    jobject target = vjvm_state.upcalls;
    if (env == NULL || target == NULL) return VJVM_UPCALL_NOT_ENTERED;
    const struct vjvm_upcall_method *method = &vjvm_upcall_methods[which];
    jmethodID id = vjvm_state.upcall_ids[which];
    va_list args;
    va_start(args, result);
    /* The typed callers pass arguments that match the method's descriptor. */
    switch (method->returns) {
    case 'V': (*env)->CallVoidMethodV(env, target, id, args); break;
    case 'Z': result->z = (*env)->CallBooleanMethodV(env, target, id, args); break;
    case 'I': result->i = (*env)->CallIntMethodV(env, target, id, args); break;
    case 'J': result->j = (*env)->CallLongMethodV(env, target, id, args); break;
    default: result->l = (*env)->CallObjectMethodV(env, target, id, args); break;
    }
    va_end(args);
    if (!(*env)->ExceptionCheck(env)) return VJVM_UPCALL_DONE;
    vjvm_take_exception(env, last_failure, sizeof last_failure);
    if (method->what != NULL && vjvm_api.Log != NULL && vjvm_log_admit(method->what, last_failure))
        vjvm_api.Log(NULL, "warning", MSG_UPCALL_EXCEPTION, vjvm_state.name, method->what, last_failure);
    return VJVM_UPCALL_THREW;
}

jint vjvm_upcalls_bind(JNIEnv *env, jclass implementation) {
    jmethodID ids[VJVM_UPCALL_COUNT];
    jmethodID constructor = (*env)->GetMethodID(env, implementation, "<init>", "()V");
    if (constructor == NULL) return JNI_ERR;
    for (int i = 0; i < VJVM_UPCALL_COUNT; i++) {
        ids[i] = (*env)->GetMethodID(env, implementation, vjvm_upcall_methods[i].name, vjvm_upcall_methods[i].descriptor);
        if (ids[i] == NULL) return JNI_ERR;
    }
    jobject created = (*env)->NewObject(env, implementation, constructor);
    if (created == NULL) return JNI_ERR;
    jobject upcalls = (*env)->NewGlobalRef(env, created);
    (*env)->DeleteLocalRef(env, created);
    if (upcalls == NULL) return JNI_ERR;
    memcpy(vjvm_state.upcall_ids, ids, sizeof ids);
    vjvm_state.upcalls = upcalls;
    return JNI_OK;
}

void vjvm_upcalls_reset(JNIEnv *env) {
    if (env != NULL && vjvm_state.upcalls != NULL) (*env)->DeleteGlobalRef(env, vjvm_state.upcalls);
    vjvm_state.upcalls = NULL;
}
