/*
 * The natives behind keyspace and key scanning (Scan, ScanKey) and the SDK's server dictionaries:
 * a scan step collects what the server hands its callback in C and returns it to Java in one
 * array, so no upcall runs inside the server's iteration and module code may change the keyspace
 * freely between steps.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "vjvm_api.h"
#include "vjvm_constants.h"
#include "vjvm_contract.h"

#define PTR(x) ((void *)(intptr_t)(x))

/* Byte strings copied out of a callback; a NULL data with length SIZE_MAX is a missing value. */
struct collected {
    char **data;
    size_t *lengths;
    size_t count;
    size_t capacity;
    int failed;
};

static void collect(struct collected *c, const char *data, size_t length, int missing) {
    if (c->failed) return;
    if (c->count == c->capacity) {
        size_t capacity = c->capacity == 0 ? 16 : c->capacity * 2;
        char **grown_data = realloc(c->data, capacity * sizeof(char *));
        if (grown_data == NULL) { c->failed = 1; return; }
        c->data = grown_data;
        size_t *grown_lengths = realloc(c->lengths, capacity * sizeof(size_t));
        if (grown_lengths == NULL) { c->failed = 1; return; }
        c->lengths = grown_lengths;
        c->capacity = capacity;
    }
    char *copy = NULL;
    if (!missing) {
        copy = malloc(length == 0 ? 1 : length);
        if (copy == NULL) { c->failed = 1; return; }
        if (length > 0) memcpy(copy, data, length);
    }
    c->data[c->count] = copy;
    c->lengths[c->count] = missing ? SIZE_MAX : length;
    c->count++;
}

static void collect_string(struct collected *c, void *string) {
    if (string == NULL) {
        collect(c, NULL, 0, 1);
        return;
    }
    size_t length = 0;
    const char *data = vjvm_api.StringPtrLen(string, &length);
    collect(c, data, length, 0);
}

static void collected_free(struct collected *c) {
    for (size_t i = 0; i < c->count; i++) free(c->data[i]);
    free(c->data);
    free(c->lengths);
}

static void throw_oom(JNIEnv *env, const char *message) {
    jclass oom = (*env)->FindClass(env, "java/lang/OutOfMemoryError");
    if (oom != NULL) (*env)->ThrowNew(env, oom, message);
}

static jbyteArray java_bytes(JNIEnv *env, const char *data, size_t length) {
    if (length > INT32_MAX) {
        throw_oom(env, "a string longer than 2 GiB cannot become a Java byte[]");
        return NULL;
    }
    jbyteArray array = (*env)->NewByteArray(env, (jsize)length);
    if (array != NULL && length > 0) (*env)->SetByteArrayRegion(env, array, 0, (jsize)length, (const jbyte *)data);
    return array;
}

/* The collected strings as a byte[][] (null where a value was missing); frees them in any case. */
static jobjectArray collected_to_java(JNIEnv *env, struct collected *c) {
    jobjectArray result = NULL;
    if (c->failed) {
        throw_oom(env, "the loader could not allocate memory for a scan step");
        goto done;
    }
    jclass byte_array = (*env)->FindClass(env, "[B");
    if (byte_array == NULL) goto done;
    result = (*env)->NewObjectArray(env, (jsize)c->count, byte_array, NULL);
    (*env)->DeleteLocalRef(env, byte_array);
    if (result == NULL) goto done;
    for (size_t i = 0; i < c->count; i++) {
        if (c->lengths[i] == SIZE_MAX) continue;
        jbyteArray bytes = java_bytes(env, c->data[i], c->lengths[i]);
        if (bytes == NULL) {
            result = NULL;
            goto done;
        }
        (*env)->SetObjectArrayElement(env, result, (jsize)i, bytes);
        (*env)->DeleteLocalRef(env, bytes);
    }
done:
    collected_free(c);
    return result;
}

static void set_more(JNIEnv *env, jintArray more, int value) {
    jint v = value;
    if (more != NULL && (*env)->GetArrayLength(env, more) > 0) (*env)->SetIntArrayRegion(env, more, 0, 1, &v);
}

static void scan_keys_callback(void *ctx, void *keyname, void *key, void *privdata) {
    collect_string(privdata, keyname);
}

static void scan_key_callback(void *key, void *field, void *value, void *privdata) {
    collect_string(privdata, field);
    collect_string(privdata, value);
}

jobjectArray JNICALL vjvm_native_scan_keys(JNIEnv *env, jclass cls, jlong ctx, jlong cursor, jintArray more) {
    struct collected c = {0};
    int going_on = vjvm_api.Scan(PTR(ctx), PTR(cursor), (void *)scan_keys_callback, &c);
    set_more(env, more, going_on);
    return collected_to_java(env, &c);
}

jobjectArray JNICALL vjvm_native_scan_key(JNIEnv *env, jclass cls, jlong key, jlong cursor, jintArray more) {
    struct collected c = {0};
    int going_on = vjvm_api.ScanKey(PTR(key), PTR(cursor), (void *)scan_key_callback, &c);
    set_more(env, more, going_on);
    return collected_to_java(env, &c);
}

/* A Java byte[] held for one call: its bytes, or NULL and 0 for a null array. */
struct held_bytes {
    jbyteArray array;
    jbyte *data;
    size_t length;
};

static int hold(JNIEnv *env, jbyteArray array, struct held_bytes *out) {
    *out = (struct held_bytes){array, NULL, 0};
    if (array == NULL) return 1;
    out->length = (size_t)(*env)->GetArrayLength(env, array);
    out->data = (*env)->GetByteArrayElements(env, array, NULL);
    return out->data != NULL;
}

static void release(JNIEnv *env, struct held_bytes *held) {
    if (held->data != NULL) (*env)->ReleaseByteArrayElements(env, held->array, held->data, JNI_ABORT);
}

jbyteArray JNICALL vjvm_native_dict_get(JNIEnv *env, jclass cls, jlong dict, jbyteArray key) {
    struct held_bytes k;
    jbyteArray result = NULL;
    if (hold(env, key, &k)) {
        int nokey = 0;
        void *value = vjvm_api.DictGetC(PTR(dict), k.data, k.length, &nokey);
        if (!nokey && value != NULL) {
            size_t length = 0;
            const char *data = vjvm_api.StringPtrLen(value, &length);
            result = java_bytes(env, data, length);
        }
    }
    release(env, &k);
    return result;
}

jint JNICALL vjvm_native_dict_set(JNIEnv *env, jclass cls, jlong dict, jbyteArray key, jbyteArray value, jboolean replace) {
    struct held_bytes k, v;
    jint added = 0;
    int held = hold(env, key, &k) & hold(env, value, &v);
    if (held) {
        int nokey = 0;
        void *old = vjvm_api.DictGetC(PTR(dict), k.data, k.length, &nokey);
        if (nokey) {
            vjvm_api.DictSetC(PTR(dict), k.data, k.length, vjvm_api.CreateString(NULL, (const char *)v.data, v.length));
            added = 1;
        } else if (replace) {
            vjvm_api.DictReplaceC(PTR(dict), k.data, k.length, vjvm_api.CreateString(NULL, (const char *)v.data, v.length));
            if (old != NULL) vjvm_api.FreeString(NULL, old);
        }
    }
    release(env, &v);
    release(env, &k);
    return added;
}

jboolean JNICALL vjvm_native_dict_del(JNIEnv *env, jclass cls, jlong dict, jbyteArray key) {
    struct held_bytes k;
    jboolean deleted = JNI_FALSE;
    if (hold(env, key, &k)) {
        void *old = NULL;
        if (vjvm_api.DictDelC(PTR(dict), k.data, k.length, &old) == VALKEYMODULE_OK) {
            if (old != NULL) vjvm_api.FreeString(NULL, old);
            deleted = JNI_TRUE;
        }
    }
    release(env, &k);
    return deleted;
}

void JNICALL vjvm_native_dict_free(JNIEnv *env, jclass cls, jlong dict) {
    void *iter = vjvm_api.DictIteratorStartC(PTR(dict), "^", NULL, 0);
    size_t length;
    void *value = NULL;
    while (vjvm_api.DictNextC(iter, &length, &value) != NULL)
        if (value != NULL) vjvm_api.FreeString(NULL, value);
    vjvm_api.DictIteratorStop(iter);
    vjvm_api.FreeDict(NULL, PTR(dict));
}

jlong JNICALL vjvm_native_dict_iterator_start(JNIEnv *env, jclass cls, jlong dict, jstring op, jbyteArray key) {
    struct held_bytes k;
    void *iter = NULL;
    const char *op_chars = (*env)->GetStringUTFChars(env, op, NULL);
    if (op_chars != NULL && hold(env, key, &k)) {
        iter = vjvm_api.DictIteratorStartC(PTR(dict), op_chars, k.data, k.length);
        release(env, &k);
    }
    if (op_chars != NULL) (*env)->ReleaseStringUTFChars(env, op, op_chars);
    return (jlong)(intptr_t)iter;
}

jboolean JNICALL vjvm_native_dict_iterator_reseek(JNIEnv *env, jclass cls, jlong iter, jstring op, jbyteArray key) {
    struct held_bytes k;
    jboolean ok = JNI_FALSE;
    const char *op_chars = (*env)->GetStringUTFChars(env, op, NULL);
    if (op_chars != NULL && hold(env, key, &k)) {
        ok = vjvm_api.DictIteratorReseekC(PTR(iter), op_chars, k.data, k.length) == VALKEYMODULE_OK ? JNI_TRUE : JNI_FALSE;
        release(env, &k);
    }
    if (op_chars != NULL) (*env)->ReleaseStringUTFChars(env, op, op_chars);
    return ok;
}

jobjectArray JNICALL vjvm_native_dict_iterator_next(JNIEnv *env, jclass cls, jlong iter, jboolean prev) {
    size_t length = 0;
    void *value = NULL;
    char *key = prev ? vjvm_api.DictPrevC(PTR(iter), &length, &value) : vjvm_api.DictNextC(PTR(iter), &length, &value);
    if (key == NULL) return NULL;
    struct collected c = {0};
    collect(&c, key, length, 0);
    collect_string(&c, value);
    return collected_to_java(env, &c);
}
