/*
 * What the generated API table, trampolines and hot JNI natives (generated/vjvm_api.{h,c},
 * generated/vjvm_hot_natives.c) need from the loader.
 */
#ifndef VJVM_TRAMPOLINE_SUPPORT_H
#define VJVM_TRAMPOLINE_SUPPORT_H

#include <jni.h>
#include <stddef.h>
#include <stdint.h>

/* Symbols that the Java bindings bind to by name; everything else in the loader stays hidden. */
#define VJVM_EXPORT __attribute__((visibility("default")))

/* The server's ValkeyModuleEvent, passed by value to SubscribeToServerEvent and IsSubEventSupported. */
typedef struct vjvm_event {
    uint64_t id;
    uint64_t dataver;
} vjvm_event;

/* The server's GetApi: stores the function named `name` in *target and returns 0, or returns 1 if absent. */
typedef int (*vjvm_get_api_fn)(const char *name, void *target);

/*
 * Called by a trampoline whose function the running server lacks: raises a Java
 * UnsupportedOperationException on the calling thread naming the function and the version that has it.
 */
void vjvm_missing_api(const char *name, const char *since);

/* --- For the hot JNI natives (src/hot_support.c) --- */

/* Text up to this many bytes of UTF-8 (with its NUL) needs no heap allocation. */
#define VJVM_UTF8_INLINE 256

/* A Java String as NUL-terminated UTF-8, held for the length of one call. */
struct vjvm_utf8 {
    const char *chars; /* the text, or NULL for a null String */
    char *heap;        /* the allocation behind chars when the text did not fit inline */
    char inline_chars[VJVM_UTF8_INLINE];
};

/*
 * Encodes s into *u exactly as String.getBytes(UTF_8) does, which is what JNA passes for a String
 * (a lone surrogate becomes '?'; JNI's own GetStringUTFChars would give modified UTF-8 instead).
 * A null s gives chars == NULL. Returns 1, or 0 with an OutOfMemoryError pending (then *u needs no release).
 */
int vjvm_utf8_get(JNIEnv *env, jstring s, struct vjvm_utf8 *u);
void vjvm_utf8_release(struct vjvm_utf8 *u);

/*
 * Checks the length that goes with a byte[] argument: 0..array length (0 for a null array).
 * Returns 1, or 0 with an IllegalArgumentException pending naming the function and parameter.
 */
int vjvm_check_buffer(JNIEnv *env, jbyteArray array, jlong length, const char *function, const char *param);

#endif
