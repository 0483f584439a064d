#include "natives.h"
#include <errno.h>

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "callbacks.h"
#include "datatypes.h"
#include "dump_guard.h"
#include "jvm.h"
#include "state.h"
#include "trampoline_support.h"
#include "upcalls.h"
#include "vjvm_api.h"
#include "vjvm_constants.h"
#include "vjvm_contract.h"

#define PTR(x) ((void *)(intptr_t)(x))

static jbyteArray bytes_to_java(JNIEnv *env, const char *data, size_t length) {
    if (length > INT32_MAX) {
        jclass oom = (*env)->FindClass(env, "java/lang/OutOfMemoryError");
        if (oom != NULL) (*env)->ThrowNew(env, oom, "a string longer than 2 GiB cannot become a Java byte[]");
        return NULL;
    }
    jbyteArray array = (*env)->NewByteArray(env, (jsize)length);
    if (array != NULL && length > 0) (*env)->SetByteArrayRegion(env, array, 0, (jsize)length, (const jbyte *)data);
    return array;
}

jbyteArray JNICALL vjvm_native_string_bytes(JNIEnv *env, jclass cls, jlong str) {
    size_t length = 0;
    const char *data = vjvm_api.StringPtrLen(PTR(str), &length);
    return bytes_to_java(env, data, length);
}

jbyteArray JNICALL vjvm_native_arg_bytes(JNIEnv *env, jclass cls, jlong argv, jint index) {
    return vjvm_native_string_bytes(env, cls, (jlong)(intptr_t)((void **)PTR(argv))[index]);
}

/* argsInto's work, on memory C may write: also the target of its foreign downcall, which passes the Java arrays in place. */
static int args_into(void **argv, int argc, char *buffer, int capacity, int *ends) {
    size_t used = 0;
    for (int i = 0; i < argc; i++) {
        size_t length = 0;
        const char *data = vjvm_api.StringPtrLen(argv[i], &length);
        if (length > (size_t)capacity - used) return -1;
        memcpy(buffer + used, data, length);
        used += length;
        ends[i] = (int)used;
    }
    return argc;
}

jlong JNICALL vjvm_native_args_into_function(JNIEnv *env, jclass cls) { return VJVM_JLONG(args_into); }

/* Through a stack buffer and one region copy per array: no pinning, which costs more than the copy on G1 since JDK 22. */
jint JNICALL vjvm_native_args_into(JNIEnv *env, jclass cls, jlong argv, jint argc, jbyteArray buffer, jintArray ends) {
    enum { MAX_BYTES = 16 * 1024, MAX_ARGS = 64 };
    char bytes[MAX_BYTES];
    int end[MAX_ARGS];
    jsize capacity = (*env)->GetArrayLength(env, buffer);
    if (capacity > MAX_BYTES) capacity = MAX_BYTES;
    if (argc < 0 || argc > MAX_ARGS || (*env)->GetArrayLength(env, ends) < argc) return -1;
    if (args_into(PTR(argv), argc, bytes, capacity, end) < 0) return -1;
    (*env)->SetByteArrayRegion(env, buffer, 0, argc == 0 ? 0 : end[argc - 1], (const jbyte *)bytes);
    (*env)->SetIntArrayRegion(env, ends, 0, argc, (const jint *)end);
    return (*env)->ExceptionCheck(env) ? -1 : argc;
}

jbyteArray JNICALL vjvm_native_c_string_bytes(JNIEnv *env, jclass cls, jlong ptr) {
    const char *text = PTR(ptr);
    return text == NULL ? NULL : bytes_to_java(env, text, strlen(text));
}

jlong JNICALL vjvm_native_command_callback(JNIEnv *env, jclass cls, jint index) {
    return VJVM_JLONG(vjvm_command_callback(index));
}

void JNICALL vjvm_native_command_entry(JNIEnv *env, jclass cls, jlong entry) {
    vjvm_state.command_entry = (int (*)(int, void *, void **, int))(intptr_t)entry;
}

jboolean JNICALL vjvm_native_exclude_from_forks(JNIEnv *env, jclass cls, jlong start, jlong end) {
    return vjvm_exclude_from_forks((uintptr_t)start, (uintptr_t)end) ? JNI_TRUE : JNI_FALSE;
}

jlong JNICALL vjvm_native_keyspace_callback(JNIEnv *env, jclass cls, jint index) {
    return VJVM_JLONG(vjvm_keyspace_callback(index));
}


jlong JNICALL vjvm_native_command_filter_callback(JNIEnv *env, jclass cls, jint index) {
    return VJVM_JLONG(vjvm_command_filter_callback(index));
}

jbyteArray JNICALL vjvm_native_memory(JNIEnv *env, jclass cls, jlong address, jint length) {
    return address == 0 || length < 0 ? NULL : bytes_to_java(env, PTR(address), (size_t)length);
}

jlong JNICALL vjvm_native_callback(JNIEnv *env, jclass cls, jint which) { return VJVM_JLONG(vjvm_callback(which)); }

jlong JNICALL vjvm_native_auth_callback(JNIEnv *env, jclass cls, jint index) { return VJVM_JLONG(vjvm_auth_callback(index)); }

void JNICALL vjvm_native_store_address(JNIEnv *env, jclass cls, jlong address, jlong value) {
    if (address != 0) *(void **)PTR(address) = PTR(value);
}

jstring JNICALL vjvm_native_set_module_user_acl_string(JNIEnv *env, jclass cls, jlong user, jbyteArray rules) {
    if (vjvm_api.SetModuleUserACLString == NULL) return (*env)->NewStringUTF(env, "this server has no SetModuleUserACLString (Valkey 7.2 or later has it)");
    jsize length = (*env)->GetArrayLength(env, rules);
    char *text = malloc((size_t)length + 1);
    if (text == NULL) return (*env)->NewStringUTF(env, "out of memory");
    (*env)->GetByteArrayRegion(env, rules, 0, length, (jbyte *)text);
    text[length] = '\0';
    void *error = NULL;
    int rc = vjvm_api.SetModuleUserACLString(NULL, PTR(user), text, &error);
    free(text);
    if (rc == VALKEYMODULE_OK) return NULL;
    if (error == NULL) return (*env)->NewStringUTF(env, "the server refused the rules");
    size_t reason_length = 0;
    const char *reason = vjvm_api.StringPtrLen(error, &reason_length);
    /* NewStringUTF takes modified UTF-8: keep printable ASCII only (the reasons are English text). */
    char copy[512];
    size_t n = reason_length < sizeof copy ? reason_length : sizeof copy - 1;
    for (size_t i = 0; i < n; i++) copy[i] = reason[i] >= 0x20 && reason[i] < 0x7f ? reason[i] : '?';
    copy[n] = '\0';
    vjvm_api.FreeString(NULL, error);
    return (*env)->NewStringUTF(env, copy);
}

jlong JNICALL vjvm_native_timer_remaining(JNIEnv *env, jclass cls, jlong ctx, jlong id) {
    uint64_t remaining = 0;
    if (vjvm_api.GetTimerInfo == NULL || vjvm_api.GetTimerInfo(PTR(ctx), (uint64_t)id, &remaining, NULL) != 0) return -1;
    return (jlong)remaining;
}

static void free_strings(jlong ctx, void **strings, jsize count) {
    for (jsize i = 0; strings != NULL && i < count; i++)
        if (strings[i] != NULL) vjvm_api.FreeString(PTR(ctx), strings[i]);
    free(strings);
}

/* Server strings for a Java byte[][] (NULL and a pending exception on failure); free with free_strings. */
static void **strings_from_java(JNIEnv *env, jlong ctx, jobjectArray array, jsize *count) {
    *count = (*env)->GetArrayLength(env, array);
    void **strings = calloc(*count > 0 ? (size_t)*count : 1, sizeof *strings);
    if (strings == NULL) goto error;
    for (jsize i = 0; i < *count; i++) {
        jbyteArray bytes = (jbyteArray)(*env)->GetObjectArrayElement(env, array, i);
        if (bytes == NULL) goto error;
        jsize length = (*env)->GetArrayLength(env, bytes);
        jbyte *data = (*env)->GetByteArrayElements(env, bytes, NULL);
        if (data == NULL) goto error;
        strings[i] = vjvm_api.CreateString(PTR(ctx), (const char *)data, (size_t)length);
        (*env)->ReleaseByteArrayElements(env, bytes, data, JNI_ABORT);
        (*env)->DeleteLocalRef(env, bytes);
    }
    return strings;
error:
    free_strings(ctx, strings, *count);
    return NULL;
}

/* BlockClientOnKeysWithFlags with the loader's callbacks; the server keeps its own references to the keys. */
jlong JNICALL vjvm_native_block_on_keys(JNIEnv *env, jclass cls, jlong ctx, jobjectArray keys, jlong timeout_ms, jlong privdata,
                                   jint flags) {
    jsize count = 0;
    void *bc = NULL;
    void **strings = strings_from_java(env, ctx, keys, &count);
    if (strings != NULL && vjvm_api.BlockClientOnKeysWithFlags != NULL)
        bc = vjvm_api.BlockClientOnKeysWithFlags(PTR(ctx), vjvm_callback(VJVM_CALLBACK_KEY_READY),
                                                 vjvm_callback(VJVM_CALLBACK_BLOCKED_TIMEOUT),
                                                 vjvm_callback(VJVM_CALLBACK_BLOCKED_FREE), timeout_ms, strings, count,
                                                 PTR(privdata), flags);
    free_strings(ctx, strings, count);
    return (jlong)(intptr_t)bc;
}

/* A command from Java for Call or Replicate: its name, the format flags and its arguments as server strings. */
struct java_command {
    const char *name;
    const char *flags;
    void **args;
    jsize count;
};

/* Fills *out; 0 if something could not be read. Release it with command_release in any case. */
static int command_from_java(JNIEnv *env, jlong ctx, jstring name, jstring flags, jobjectArray args, struct java_command *out) {
    *out = (struct java_command){0};
    out->name = (*env)->GetStringUTFChars(env, name, NULL);
    out->flags = (*env)->GetStringUTFChars(env, flags, NULL);
    if (out->name == NULL || out->flags == NULL) return 0;
    out->args = strings_from_java(env, ctx, args, &out->count);
    return out->args != NULL;
}

static void command_release(JNIEnv *env, jlong ctx, jstring name, jstring flags, struct java_command *command) {
    free_strings(ctx, command->args, command->count);
    if (command->flags != NULL) (*env)->ReleaseStringUTFChars(env, flags, command->flags);
    if (command->name != NULL) (*env)->ReleaseStringUTFChars(env, name, command->name);
}

/* Why the thread's last call was refused: read after the call returns to Java, when errno is long gone. */
static _Thread_local jint last_call_refusal = VJVM_CALL_RAN;

/* A reply with an errno the call does not document is a command that ran: only a dry run skips the errno reset. */
static jint call_refusal(int error, int replied) {
    switch (error) {
    case 0: return VJVM_CALL_RAN;
    case EBADF: return VJVM_CALL_REFUSED_BAD_FORMAT;
    case EINVAL: return VJVM_CALL_REFUSED_WRONG_ARITY;
    case ENOENT: return VJVM_CALL_REFUSED_UNKNOWN_COMMAND;
    case EPERM: return VJVM_CALL_REFUSED_CLUSTER_REDIRECT;
    case EROFS: return VJVM_CALL_REFUSED_CLUSTER_READ_ONLY;
    case ENETDOWN: return VJVM_CALL_REFUSED_CLUSTER_DOWN;
    case ENOTSUP: return VJVM_CALL_REFUSED_NO_USER;
    case EACCES: return VJVM_CALL_REFUSED_ACL;
    case ENOSPC: return VJVM_CALL_REFUSED_WRITE_OR_OOM;
    case ESPIPE: return VJVM_CALL_REFUSED_SCRIPT_MODE;
    default: return replied ? VJVM_CALL_RAN : VJVM_CALL_REFUSED_OTHER;
    }
}

/* ValkeyModule_Call with binary-safe arguments ("v" format plus flags); the reply, or 0. */
jlong JNICALL vjvm_native_call(JNIEnv *env, jclass cls, jlong ctx, jstring command, jstring flags, jobjectArray args) {
    void *reply = NULL;
    struct java_command call;
    last_call_refusal = VJVM_CALL_RAN;
    if (command_from_java(env, ctx, command, flags, args, &call)) {
        errno = 0; /* Valkey 8.0's Call does not reset it: a stale one would pass for a refusal */
        reply = vjvm_Call(PTR(ctx), call.name, call.flags, call.args, (size_t)call.count);
        last_call_refusal = call_refusal(errno, reply != NULL);
    }
    command_release(env, ctx, command, flags, &call);
    return (jlong)(intptr_t)reply;
}

jint JNICALL vjvm_native_last_call_refusal(JNIEnv *env, jclass cls) {
    return last_call_refusal;
}

jint JNICALL vjvm_native_replicate(JNIEnv *env, jclass cls, jlong ctx, jstring command, jstring flags, jobjectArray args) {
    jint result = VALKEYMODULE_ERR;
    struct java_command replicated;
    if (command_from_java(env, ctx, command, flags, args, &replicated))
        result = vjvm_Replicate(PTR(ctx), replicated.name, replicated.flags, replicated.args, (size_t)replicated.count);
    command_release(env, ctx, command, flags, &replicated);
    return result;
}

/* StringDMA for reading: a copy of the value's bytes. The server may re-encode an integer-encoded value for it. */
jbyteArray JNICALL vjvm_native_key_string_bytes(JNIEnv *env, jclass cls, jlong key) {
    size_t length = 0;
    const char *data = vjvm_api.StringDMA(PTR(key), &length, VALKEYMODULE_READ);
    return data == NULL ? NULL : bytes_to_java(env, data, length);
}

/* The bytes of a string, error, big number or verbatim call reply (each has its own accessor). */
jbyteArray JNICALL vjvm_native_call_reply_bytes(JNIEnv *env, jclass cls, jlong reply) {
    size_t length = 0;
    const char *data = NULL, *format = NULL;
    switch (vjvm_api.CallReplyType(PTR(reply))) {
    case VALKEYMODULE_REPLY_VERBATIM_STRING: data = vjvm_api.CallReplyVerbatim(PTR(reply), &length, &format); break;
    case VALKEYMODULE_REPLY_BIG_NUMBER: data = vjvm_api.CallReplyBigNumber(PTR(reply), &length); break;
    default: data = vjvm_api.CallReplyStringPtr(PTR(reply), &length); break;
    }
    return data == NULL ? (*env)->NewByteArray(env, 0) : bytes_to_java(env, data, length);
}

/* The reply's own protocol text tells a simple string ("+OK") from a bulk one: both are VALKEYMODULE_REPLY_STRING. */
jboolean JNICALL vjvm_native_call_reply_is_simple(JNIEnv *env, jclass cls, jlong reply) {
    size_t length = 0;
    const char *proto = vjvm_api.CallReplyProto(PTR(reply), &length);
    return proto != NULL && length > 0 && proto[0] == '+' ? JNI_TRUE : JNI_FALSE;
}

/* Likewise a RESP2 null array ("*-1") from a null bulk string ("$-1"): both are VALKEYMODULE_REPLY_NULL. */
jboolean JNICALL vjvm_native_call_reply_is_null_array(JNIEnv *env, jclass cls, jlong reply) {
    size_t length = 0;
    const char *proto = vjvm_api.CallReplyProto(PTR(reply), &length);
    return proto != NULL && length > 0 && proto[0] == '*' ? JNI_TRUE : JNI_FALSE;
}

/* The format points into the reply's protocol text ("txt:..."): exactly three characters, no NUL. */
jstring JNICALL vjvm_native_call_reply_verbatim_format(JNIEnv *env, jclass cls, jlong reply) {
    char format[4] = "txt";
    size_t length = 0;
    const char *found = NULL;
    if (vjvm_api.CallReplyVerbatim != NULL && vjvm_api.CallReplyVerbatim(PTR(reply), &length, &found) != NULL && found != NULL)
        memcpy(format, found, 3);
    return (*env)->NewStringUTF(env, format);
}

/* Key (which 0) or value (1) of a map call reply's pair at index. */
jlong JNICALL vjvm_native_call_reply_map_element(JNIEnv *env, jclass cls, jlong reply, jlong index, jint which) {
    void *key = NULL, *value = NULL;
    if (vjvm_api.CallReplyMapElement == NULL || vjvm_api.CallReplyMapElement(PTR(reply), (size_t)index, &key, &value) != 0)
        return 0;
    return (jlong)(intptr_t)(which == 0 ? key : value);
}

jboolean JNICALL vjvm_native_in_fork_child(JNIEnv *env, jclass cls) { return vjvm_in_fork_child() ? JNI_TRUE : JNI_FALSE; }

/* ACLCheckCommandPermissions with the arguments as server strings, freed after. */
jint JNICALL vjvm_native_acl_check_command(JNIEnv *env, jclass cls, jlong ctx, jlong user, jobjectArray args) {
    jsize count = 0;
    jint result = VALKEYMODULE_ERR;
    void **strings = strings_from_java(env, ctx, args, &count);
    if (strings != NULL) result = vjvm_api.ACLCheckCommandPermissions(PTR(user), strings, count);
    free_strings(ctx, strings, count);
    return result;
}

jint JNICALL vjvm_native_acl_check_permissions(JNIEnv *env, jclass cls, jlong ctx, jlong user, jobjectArray args, jint db) {
    if (vjvm_api.ACLCheckPermissions == NULL) return VJVM_ACL_UNSUPPORTED;
    jsize count = 0;
    jint result = VJVM_ACL_INVALID;
    void **strings = strings_from_java(env, ctx, args, &count);
    if (strings != NULL) {
        int reason = 0;
        errno = 0;
        if (vjvm_api.ACLCheckPermissions(PTR(user), strings, count, db, &reason) == VALKEYMODULE_OK)
            result = VJVM_ACL_ALLOWED;
        else if (errno == EACCES)
            result = reason;
    }
    free_strings(ctx, strings, count);
    return result;
}

/* GetCommandKeysWithFlags: {n, positions, flags}, or the one reason there are none. */
jintArray JNICALL vjvm_native_command_keys(JNIEnv *env, jclass cls, jlong ctx, jobjectArray args) {
    jsize count = 0;
    int found = 0, *flags = NULL, *positions = NULL, error = 0;
    void **strings = strings_from_java(env, ctx, args, &count);
    if (strings != NULL) {
        errno = 0;
        positions = vjvm_api.GetCommandKeysWithFlags(PTR(ctx), strings, count, &found, &flags);
        error = errno;
    }
    free_strings(ctx, strings, count);
    jint head = 0;
    if (positions == NULL) {
        found = 0;
        head = strings == NULL || error == 0 ? 0
             : error == ENOENT              ? VJVM_COMMAND_KEYS_UNKNOWN_COMMAND
             : error == EINVAL              ? VJVM_COMMAND_KEYS_WRONG_ARITY
                                            : VJVM_COMMAND_KEYS_OTHER;
    } else {
        head = found;
    }
    jintArray result = (*env)->NewIntArray(env, 1 + 2 * found);
    if (result != NULL) {
        (*env)->SetIntArrayRegion(env, result, 0, 1, &head);
        for (int i = 0; i < found; i++) {
            jint position = positions[i], flag = flags != NULL ? flags[i] : 0;
            (*env)->SetIntArrayRegion(env, result, 1 + i, 1, &position);
            (*env)->SetIntArrayRegion(env, result, 1 + found + i, 1, &flag);
        }
    }
    if (positions != NULL) vjvm_api.Free(positions);
    if (flags != NULL) vjvm_api.Free(flags);
    return result;
}

/* Rebinds the hot functions of ValkeyModuleApi through JNI; RawBindings calls it right after JNA binds that class. */
jint JNICALL vjvm_native_bind_hot_functions(JNIEnv *env, jclass cls, jclass hot_natives) {
    if (hot_natives == NULL) return JNI_EINVAL;
    return vjvm_register_hot_natives(env, hot_natives);
}

jlong JNICALL vjvm_native_leaf_function(JNIEnv *env, jclass cls, jint index) { return vjvm_leaf_function(index); }

jboolean JNICALL vjvm_native_install_dump_guard(JNIEnv *env, jclass cls, jlong ctx) {
    return vjvm_install_dump_guard(PTR(ctx)) ? JNI_TRUE : JNI_FALSE;
}

/*
 * UpdateRuntimeArgs reads its argv as a command's: it keeps argv[1..argc-1] and skips argv[0], so
 * slot 0 holds an empty string here. The server takes its own references to what it keeps.
 */
jint JNICALL vjvm_native_update_runtime_args(JNIEnv *env, jclass cls, jlong ctx, jobjectArray args) {
    if (vjvm_api.UpdateRuntimeArgs == NULL) return -1;
    jsize count = 0;
    void **strings = strings_from_java(env, ctx, args, &count);
    void **argv = calloc((size_t)count + 1, sizeof *argv);
    int rc = VALKEYMODULE_ERR;
    if (strings != NULL && argv != NULL) {
        argv[0] = vjvm_api.CreateString(PTR(ctx), "", 0);
        memcpy(argv + 1, strings, (size_t)count * sizeof *argv);
        rc = vjvm_api.UpdateRuntimeArgs(PTR(ctx), argv, count + 1);
        vjvm_api.FreeString(PTR(ctx), argv[0]);
    }
    free(argv);
    free_strings(ctx, strings, count);
    return rc;
}

/* RegisterEnumConfig needs C arrays of the names and their numbers: built here, copied by the server. */
jint JNICALL vjvm_native_register_enum_config(JNIEnv *env, jclass cls, jlong ctx, jstring name, jint default_value, jint flags,
                                              jobjectArray names, jintArray values, jint apply_group) {
    int rc = VALKEYMODULE_ERR;
    jsize count = (*env)->GetArrayLength(env, names);
    const char **chars = calloc(count > 0 ? (size_t)count : 1, sizeof *chars);
    jstring *strings = calloc(count > 0 ? (size_t)count : 1, sizeof *strings);
    jint *numbers = (*env)->GetIntArrayElements(env, values, NULL);
    const char *name_chars = (*env)->GetStringUTFChars(env, name, NULL);
    if (chars == NULL || strings == NULL || numbers == NULL || name_chars == NULL || vjvm_api.RegisterEnumConfig == NULL) goto done;
    for (jsize i = 0; i < count; i++) {
        strings[i] = (jstring)(*env)->GetObjectArrayElement(env, names, i);
        chars[i] = strings[i] == NULL ? NULL : (*env)->GetStringUTFChars(env, strings[i], NULL);
        if (chars[i] == NULL) goto done;
    }
    rc = vjvm_api.RegisterEnumConfig(PTR(ctx), name_chars, default_value, (unsigned int)flags, chars, numbers, count,
                                     vjvm_callback(VJVM_CALLBACK_CONFIG_GET_ENUM), vjvm_callback(VJVM_CALLBACK_CONFIG_SET_ENUM),
                                     apply_group > 0 ? vjvm_callback(VJVM_CALLBACK_CONFIG_APPLY) : NULL,
                                     PTR((intptr_t)apply_group));
done:
    for (jsize i = 0; strings != NULL && chars != NULL && i < count; i++) {
        if (chars[i] != NULL) (*env)->ReleaseStringUTFChars(env, strings[i], chars[i]);
        if (strings[i] != NULL) (*env)->DeleteLocalRef(env, strings[i]);
    }
    if (name_chars != NULL) (*env)->ReleaseStringUTFChars(env, name, name_chars);
    if (numbers != NULL) (*env)->ReleaseIntArrayElements(env, values, numbers, JNI_ABORT);
    free(strings);
    free(chars);
    return rc;
}

jint vjvm_register_natives(JNIEnv *env, jclass native_access) {
    return (*env)->RegisterNatives(env, native_access, vjvm_native_methods, VJVM_NATIVE_METHOD_COUNT);
}

void vjvm_missing_api(const char *name, const char *since) {
    char message[256];
    JNIEnv *env = NULL;
    if (vjvm_state.jvm == NULL) return;
    env = vjvm_env(vjvm_state.jvm);
    if (env == NULL) return;
    jclass unsupported = (*env)->FindClass(env, "java/lang/UnsupportedOperationException");
    if (unsupported == NULL) return;
    snprintf(message, sizeof message, "%s is not available in this valkey-server; it needs Valkey %s or later",
             name, since);
    (*env)->ThrowNew(env, unsupported, message);
    (*env)->DeleteLocalRef(env, unsupported);
}
