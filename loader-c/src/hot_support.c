/* Helpers of the generated hot JNI natives (generated/vjvm_hot_natives.c): strings and byte buffers. */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>

#include "trampoline_support.h"

/* UTF-16 units read from the String per GetStringRegion call. */
#define CHUNK 128

static void throw_new(JNIEnv *env, const char *class_name, const char *message) {
    jclass cls = (*env)->FindClass(env, class_name);
    if (cls == NULL) return; /* FindClass left its own error pending */
    (*env)->ThrowNew(env, cls, message);
    (*env)->DeleteLocalRef(env, cls);
}

static size_t put_code_point(char *out, uint32_t cp) {
    if (cp < 0x80) {
        out[0] = (char)cp;
        return 1;
    }
    if (cp < 0x800) {
        out[0] = (char)(0xC0 | (cp >> 6));
        out[1] = (char)(0x80 | (cp & 0x3F));
        return 2;
    }
    if (cp < 0x10000) {
        out[0] = (char)(0xE0 | (cp >> 12));
        out[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
        out[2] = (char)(0x80 | (cp & 0x3F));
        return 3;
    }
    out[0] = (char)(0xF0 | (cp >> 18));
    out[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
    out[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
    out[3] = (char)(0x80 | (cp & 0x3F));
    return 4;
}

#define IS_HIGH_SURROGATE(c) ((c) >= 0xD800 && (c) <= 0xDBFF)
#define IS_LOW_SURROGATE(c) ((c) >= 0xDC00 && (c) <= 0xDFFF)

int vjvm_utf8_get(JNIEnv *env, jstring s, struct vjvm_utf8 *u) {
    u->chars = NULL;
    u->heap = NULL;
    if (s == NULL) return 1;

    jsize length = (*env)->GetStringLength(env, s);
    /* At most 3 bytes per UTF-16 unit (a surrogate pair, 2 units, is 4 bytes), and the NUL. */
    size_t capacity = (size_t)length * 3 + 1;
    char *out = u->inline_chars;
    if (capacity > sizeof u->inline_chars) {
        out = u->heap = malloc(capacity);
        if (out == NULL) {
            throw_new(env, "java/lang/OutOfMemoryError", "no native memory for a string argument");
            return 0;
        }
    }

    jchar chunk[CHUNK];
    size_t n = 0;
    jchar high = 0; /* a high surrogate waiting for its low half */
    for (jsize start = 0; start < length; start += CHUNK) {
        jsize count = length - start < CHUNK ? length - start : CHUNK;
        (*env)->GetStringRegion(env, s, start, count, chunk);
        for (jsize i = 0; i < count; i++) {
            jchar c = chunk[i];
            if (high != 0) {
                if (IS_LOW_SURROGATE(c)) {
                    n += put_code_point(out + n, 0x10000 + (((uint32_t)high - 0xD800) << 10) + ((uint32_t)c - 0xDC00));
                    high = 0;
                    continue;
                }
                out[n++] = '?';
                high = 0;
            }
            if (IS_HIGH_SURROGATE(c)) {
                high = c;
            } else if (IS_LOW_SURROGATE(c)) {
                out[n++] = '?';
            } else {
                n += put_code_point(out + n, c);
            }
        }
    }
    if (high != 0) out[n++] = '?';
    out[n] = '\0';
    u->chars = out;
    return 1;
}

void vjvm_utf8_release(struct vjvm_utf8 *u) {
    free(u->heap);
    u->heap = NULL;
    u->chars = NULL;
}

int vjvm_check_buffer(JNIEnv *env, jbyteArray array, jlong length, const char *function, const char *param) {
    jsize size = array == NULL ? 0 : (*env)->GetArrayLength(env, array);
    if (length >= 0 && length <= size) return 1;
    char message[256];
    snprintf(message, sizeof message, "%s: the length of '%s' is %" PRId64 ", outside its byte[] of %d bytes",
             function, param, (int64_t)length, (int)size);
    throw_new(env, "java/lang/IllegalArgumentException", message);
    return 0;
}
