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
/*
 * The JVM's reservations kept out of fork children (its heap, code heaps, class data archive...):
 * set at load, read by the atfork handler. A range is written before the count that includes it.
 */
#define MAX_EXCLUDED_RANGES 16
static volatile uintptr_t excluded_starts[MAX_EXCLUDED_RANGES], excluded_ends[MAX_EXCLUDED_RANGES];
static volatile int excluded_count;

/* A fork child has only the forking thread: the JVM's GC and VM threads are gone, so entering it hangs. */
static void on_fork_child(void) { in_fork_child = 1; }

/*
 * Before every fork: the child never enters the JVM, so it gets no copy of the JVM's mappings.
 * Their page tables are not copied (a shorter fork) and the JVM's writes during a save copy nothing.
 * Again at each fork, since the JVM maps the memory it commits anew, without the advice.
 */
static void before_fork(void) {
    int count = excluded_count;
    for (int i = 0; i < count; i++) madvise((void *)excluded_starts[i], excluded_ends[i] - excluded_starts[i], MADV_DONTFORK);
}

static void register_fork_guard(void) { pthread_atfork(before_fork, NULL, on_fork_child); }

int vjvm_exclude_from_forks(uintptr_t start, uintptr_t end) {
    if (start == 0 && end == 0) {
        excluded_count = 0;
        return 1;
    }
    int count = excluded_count;
    if (start == 0 || end <= start || count == MAX_EXCLUDED_RANGES) return 0;
    excluded_starts[count] = start;
    excluded_ends[count] = end;
    excluded_count = count + 1;
    return 1;
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
