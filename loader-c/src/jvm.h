/* Finding libjvm, creating the process's one JVM or joining it, and getting a JNIEnv on any thread. */
#ifndef VJVM_JVM_H
#define VJVM_JVM_H

#include <jni.h>
#include <stddef.h>

struct vjvm_jvm_request {
    const char *so_path;           /* for log lines */
    const char *class_path;        /* the shared runtime jar: the class path of a JVM created here */
    const char *java_home;         /* from the 'java-home' module argument, or NULL */
    const char **options;          /* from 'jvm-option' module arguments */
    int option_count;
};

/*
 * Returns the JVM of this process, creating it on first use, with the calling thread attached.
 * On failure returns NULL and writes the log line (problem and fix) into err. Writes a notice-level
 * line into note when there is something worth logging (start-up time, ignored options), else leaves it.
 */
JavaVM *vjvm_jvm_acquire(const struct vjvm_jvm_request *request, char *err, size_t errlen, char *note,
                         size_t notelen);

/* The JNIEnv of the calling thread, attaching it as a daemon thread if needed; NULL if that fails. */
JNIEnv *vjvm_env(JavaVM *jvm);

/* Clears the pending exception and writes its toString() into buf (always NUL-terminated). */
void vjvm_take_exception(JNIEnv *env, char *buf, size_t buflen);

#endif
