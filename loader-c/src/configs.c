#include "configs.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "jvm.h"
#include "state.h"
#include "trampoline_support.h"
#include "upcalls.h"
#include "vjvm_api.h"
#include "vjvm_constants.h"

/* A string get's result must outlive the call; the server copies it before the next get. */
static void *last_string;

static JNIEnv *main_env(void) { return vjvm_env(vjvm_state.jvm); }

/* A set that the Java side refused: its message becomes the server's error string, which the server frees. */
static int refused(jstring message, void **err) {
    JNIEnv *env = main_env();
    const char *chars = env == NULL || message == NULL ? NULL : (*env)->GetStringUTFChars(env, message, NULL);
    const char *text = chars != NULL ? chars : "the module refused the value";
    if (err != NULL) *err = vjvm_api.CreateString(NULL, text, strlen(text));
    if (chars != NULL) (*env)->ReleaseStringUTFChars(env, message, chars);
    if (env != NULL && message != NULL) (*env)->DeleteLocalRef(env, message);
    return VALKEYMODULE_ERR;
}

static int set_outcome(int outcome, jstring problem, void **err) {
    if (outcome == VJVM_UPCALL_DONE && problem == NULL) return VALKEYMODULE_OK;
    if (outcome == VJVM_UPCALL_DONE) return refused(problem, err);
    if (err != NULL) {
        const char *text = outcome == VJVM_UPCALL_THREW ? vjvm_upcall_failure() : "the JVM module cannot be reached here";
        *err = vjvm_api.CreateString(NULL, text, strlen(text));
    }
    return VALKEYMODULE_ERR;
}

static long long get_number(const char *name) {
    jlong value = 0;
    return vjvm_up_config_get_number(&value, VJVM_JLONG(name)) == VJVM_UPCALL_DONE ? (long long)value : 0;
}

static int set_number(const char *name, long long value, void **err) {
    jstring problem = NULL;
    int outcome = vjvm_up_config_set_number(&problem, VJVM_JLONG(name), (jlong)value);
    return set_outcome(outcome, problem, err);
}

static int get_bool(const char *name, void *privdata) { return get_number(name) != 0; }

static int set_bool(const char *name, int value, void *privdata, void **err) { return set_number(name, value, err); }

static long long get_numeric(const char *name, void *privdata) { return get_number(name); }

static int set_numeric(const char *name, long long value, void *privdata, void **err) { return set_number(name, value, err); }

static int get_enum(const char *name, void *privdata) { return (int)get_number(name); }

static int set_enum(const char *name, int value, void *privdata, void **err) { return set_number(name, value, err); }

static void *get_string(const char *name, void *privdata) {
    jbyteArray bytes = NULL;
    JNIEnv *env = main_env();
    if (env == NULL || vjvm_up_config_get_string(&bytes, VJVM_JLONG(name)) != VJVM_UPCALL_DONE || bytes == NULL) return NULL;
    jsize length = (*env)->GetArrayLength(env, bytes);
    jbyte *data = (*env)->GetByteArrayElements(env, bytes, NULL);
    if (data != NULL) {
        if (last_string != NULL) vjvm_api.FreeString(NULL, last_string);
        last_string = vjvm_api.CreateString(NULL, (const char *)data, (size_t)length);
        (*env)->ReleaseByteArrayElements(env, bytes, data, JNI_ABORT);
    }
    (*env)->DeleteLocalRef(env, bytes);
    return last_string;
}

static int set_string(const char *name, void *value, void *privdata, void **err) {
    jstring problem = NULL;
    int outcome = vjvm_up_config_set_string(&problem, VJVM_JLONG(name), VJVM_JLONG(value));
    return set_outcome(outcome, problem, err);
}

static int apply(void *ctx, void *privdata, void **err) {
    jstring problem = NULL;
    int outcome = vjvm_up_config_apply(&problem, VJVM_JLONG(ctx), (jint)(intptr_t)privdata);
    return set_outcome(outcome, problem, err);
}

void *vjvm_config_callback(int which) {
    switch (which) {
    case VJVM_CALLBACK_CONFIG_GET_BOOL: return (void *)get_bool;
    case VJVM_CALLBACK_CONFIG_SET_BOOL: return (void *)set_bool;
    case VJVM_CALLBACK_CONFIG_GET_NUMBER: return (void *)get_numeric;
    case VJVM_CALLBACK_CONFIG_SET_NUMBER: return (void *)set_numeric;
    case VJVM_CALLBACK_CONFIG_GET_STRING: return (void *)get_string;
    case VJVM_CALLBACK_CONFIG_SET_STRING: return (void *)set_string;
    case VJVM_CALLBACK_CONFIG_GET_ENUM: return (void *)get_enum;
    case VJVM_CALLBACK_CONFIG_SET_ENUM: return (void *)set_enum;
    case VJVM_CALLBACK_CONFIG_APPLY: return (void *)apply;
    default: return NULL;
    }
}

void vjvm_configs_reset(void) {
    if (last_string != NULL && vjvm_api.FreeString != NULL) vjvm_api.FreeString(NULL, last_string);
    last_string = NULL;
}
