/*
 * The state of the one module loaded from this .so. Each JVM module ships its own copy of the
 * loader, so each .so (and this state) belongs to exactly one module.
 */
#ifndef VJVM_STATE_H
#define VJVM_STATE_H

#include <jni.h>
#include <limits.h>

#include "vjvm_contract.h"

struct vjvm_module_state {
    int active;                    /* a module is loaded from this file right now */
    char so_path[PATH_MAX];
    char name[128];                /* the registered module name, for log lines */
    JavaVM *jvm;
    jobject class_loader;          /* global ref: the module's own URLClassLoader */
    jobject upcalls;               /* global ref: the module's LoaderUpcalls (class VJVM_CLASS_UPCALLS) */
    jmethodID upcall_ids[VJVM_UPCALL_COUNT];
    /* An FFM upcall stub (JDK 22+) that the command callbacks call instead of the JNI upcall, or NULL. */
    int (*command_entry)(int index, void *ctx, void **argv, int argc);
};

extern struct vjvm_module_state vjvm_state;

#endif
