/* Server-to-JVM calls: the command callbacks the server invokes, and the fork-child guard on all of them. */
#ifndef VJVM_UPCALLS_H
#define VJVM_UPCALLS_H

#include <jni.h>
#include <stdint.h>

/* The command callbacks handed to CreateCommand; callback i dispatches to the module's command i. */
#define VJVM_COMMAND_CALLBACKS 256

typedef int (*vjvm_command_fn)(void *ctx, void **argv, int argc);

vjvm_command_fn vjvm_command_callback(int index);

/* The INFO callback for RegisterInfoFunc: the module's JVM section. */
void vjvm_info_callback(void *info_ctx, int for_crash_report);

/* Installs the pthread_atfork child handler once per loaded copy of this file. */
void vjvm_install_fork_guard(void);

/*
 * The JNIEnv for a callback from the server, or NULL where the JVM must not be entered: in a fork
 * child, or when no module is loaded from this file.
 */
JNIEnv *vjvm_upcall_env(void);

/* True in a fork child of the server (BGSAVE, BGREWRITEAOF, full sync): the JVM must never be entered there. */
int vjvm_in_fork_child(void);

#endif
