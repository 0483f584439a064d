/*
 * Calls from the loader into the module's Java side: the one helper behind every typed caller
 * (vjvm_up_* in generated/vjvm_contract.c), binding the module's LoaderUpcalls, and the fork-child
 * guard on all of them.
 */
#ifndef VJVM_UPCALLS_H
#define VJVM_UPCALLS_H

#include <jni.h>
#include <stdint.h>

#include "vjvm_contract.h"

/* A pointer as the jlong Java sees. */
#define VJVM_JLONG(p) ((jlong)(intptr_t)(p))

/* Creates the module's LoaderUpcalls from `implementation` and looks up every upcall; JNI_OK, or an error with an exception pending. */
jint vjvm_upcalls_bind(JNIEnv *env, jclass implementation);

/* Forgets the module's LoaderUpcalls (unload, failed load). */
void vjvm_upcalls_reset(JNIEnv *env);

/* Describes the calling thread's last upcall that threw (its toString()). */
const char *vjvm_upcall_failure(void);

/* Installs the pthread_atfork handlers once per loaded copy of this file. */
void vjvm_install_fork_guard(void);

/*
 * Keeps [start, end), a page-aligned range the JVM reserved, out of every later fork child, besides
 * those given before; (0, 0) forgets them all. Returns 0 if the range is refused (empty, or too many).
 */
int vjvm_exclude_from_forks(uintptr_t start, uintptr_t end);

/*
 * The JNIEnv for a callback from the server, or NULL where the JVM must not be entered: in a fork
 * child, or when no module is loaded from this file.
 */
JNIEnv *vjvm_upcall_env(void);

/* True in a fork child of the server (BGSAVE, BGREWRITEAOF, full sync): the JVM must never be entered there. */
int vjvm_in_fork_child(void);

#endif
