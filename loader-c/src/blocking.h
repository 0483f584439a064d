/* Blocked clients and main-thread tasks: the server-to-JVM callbacks of io.valkeyjvm.core.internal.BlockingHost. */
#ifndef VJVM_BLOCKING_H
#define VJVM_BLOCKING_H

#include <jni.h>

/* The callbacks, by number, as NativeAccess.blockingCallback hands them to Java. */
enum vjvm_blocking_callback {
    VJVM_BLOCKED_REPLY = 0,
    VJVM_BLOCKED_TIMEOUT = 1,
    VJVM_BLOCKED_FREE = 2,
    VJVM_BLOCKED_DISCONNECTED = 3,
    VJVM_MAIN_THREAD_TASKS = 4,
    VJVM_TIMER_FIRED = 5,
    VJVM_KEY_READY = 6,
    VJVM_SHUTDOWN_EVENT = 7,
    VJVM_BLOCKING_CALLBACKS = 8
};

void *vjvm_blocking_callback(int which);

/* Caches BlockingHost's upcalls; JNI_OK or an error. */
jint vjvm_blocking_bind(JNIEnv *env, jclass blocking_host);

void vjvm_blocking_reset(JNIEnv *env);

#endif
