/*
 * The module entry points the server calls. OnLoad puts the module's jar into the process's JVM
 * (creating the JVM on first use) and hands over to the module's LoaderUpcalls (VJVM_CLASS_UPCALLS),
 * which registers the module. Every failure ends in one log line that names the problem and the fix.
 */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "configs.h"
#include "datatypes.h"
#include "jvm.h"
#include "messages.h"
#include "natives.h"
#include "state.h"
#include "upcalls.h"
#include "vjvm_api.h"

#define OK 0
#define ERR 1
#define MAX_JVM_OPTIONS 48
#define RUNTIME_JAR "valkey-jvm-runtime-" VJVM_VERSION ".jar"

struct vjvm_module_state vjvm_state;

struct load_args {
    struct vjvm_jvm_request jvm;
    const char *options[MAX_JVM_OPTIONS];
    int first_module_arg;
};

static void log_line(void *ctx, const char *level, const char *line) {
    if (vjvm_api.Log != NULL) vjvm_api.Log(ctx, level, "%s", line);
}

static const char *arg_text(void **argv, int i) {
    size_t length;
    return vjvm_api.StringPtrLen(argv[i], &length);
}

/* The loader's own arguments come first: 'java-home <dir>' and 'jvm-option <option>' (repeatable). */
static int parse_load_args(void **argv, int argc, struct load_args *out, char *err, size_t errlen) {
    int i = 0;
    out->jvm.options = out->options;
    while (i < argc) {
        const char *key = arg_text(argv, i);
        int is_home = strcmp(key, "java-home") == 0, is_option = strcmp(key, "jvm-option") == 0;
        if (!is_home && !is_option) break;
        if (i + 1 >= argc) {
            snprintf(err, errlen, MSG_BAD_ARGS, vjvm_state.so_path, key, key);
            return ERR;
        }
        if (is_option && out->jvm.option_count == MAX_JVM_OPTIONS) {
            snprintf(err, errlen, MSG_TOO_MANY_JVM_OPTIONS, vjvm_state.so_path, MAX_JVM_OPTIONS);
            return ERR;
        }
        if (is_home) out->jvm.java_home = arg_text(argv, i + 1);
        else out->options[out->jvm.option_count++] = arg_text(argv, i + 1);
        i += 2;
    }
    out->first_module_arg = i;
    return OK;
}

/*
 * Finds this file's path, and keeps the file mapped for the life of the process: its
 * pthread_atfork handlers run at every fork, also after MODULE UNLOAD has closed the server's handle.
 */
static int find_own_path(char *err, size_t errlen) {
    Dl_info info;
    if (dladdr((void *)find_own_path, &info) == 0 || info.dli_fname == NULL ||
        realpath(info.dli_fname, vjvm_state.so_path) == NULL ||
        dlopen(info.dli_fname, RTLD_NOW | RTLD_NOLOAD | RTLD_NODELETE) == NULL) {
        snprintf(err, errlen, "%s", MSG_NO_SELF_PATH);
        return ERR;
    }
    return OK;
}

static void jar_path_for(const char *so_path, char *jar, size_t jarlen) {
    size_t length = strlen(so_path);
    if (length > 3 && strcmp(so_path + length - 3, ".so") == 0) length -= 3;
    snprintf(jar, jarlen, "%.*s.jar", (int)length, so_path);
}

/* The shared runtime's jar: RUNTIME_JAR in the directory of the module's .so. */
static void runtime_path_for(const char *so_path, char *jar, size_t jarlen) {
    const char *slash = strrchr(so_path, '/');
    int dir_length = slash == NULL ? 0 : (int)(slash - so_path);
    snprintf(jar, jarlen, "%.*s/%s", dir_length, so_path, RUNTIME_JAR);
}

/* new URLClassLoader(name, new URL[]{new File(jar).toURI().toURL()}, parent) */
static jobject create_class_loader(JNIEnv *env, const char *name_text, const char *jar_path, jobject parent, char *err,
                                   size_t errlen) {
    char description[1024];
    jobject loader = NULL;
    jclass file_class = (*env)->FindClass(env, "java/io/File");
    jclass uri_class = (*env)->FindClass(env, "java/net/URI");
    jclass url_class = (*env)->FindClass(env, "java/net/URL");
    jclass loader_class = (*env)->FindClass(env, "java/net/URLClassLoader");
    if (file_class == NULL || uri_class == NULL || url_class == NULL || loader_class == NULL) goto error;
    jmethodID file_init = (*env)->GetMethodID(env, file_class, "<init>", "(Ljava/lang/String;)V");
    jmethodID to_uri = (*env)->GetMethodID(env, file_class, "toURI", "()Ljava/net/URI;");
    jmethodID to_url = (*env)->GetMethodID(env, uri_class, "toURL", "()Ljava/net/URL;");
    jmethodID loader_init = (*env)->GetMethodID(env, loader_class, "<init>",
                                                "(Ljava/lang/String;[Ljava/net/URL;Ljava/lang/ClassLoader;)V");
    if (file_init == NULL || to_uri == NULL || to_url == NULL || loader_init == NULL) goto error;

    jstring path = (*env)->NewStringUTF(env, jar_path);
    if (path == NULL) goto error;
    jobject file = (*env)->NewObject(env, file_class, file_init, path);
    if (file == NULL) goto error;
    jobject uri = (*env)->CallObjectMethod(env, file, to_uri);
    if ((*env)->ExceptionCheck(env)) goto error;
    jobject url = (*env)->CallObjectMethod(env, uri, to_url);
    if ((*env)->ExceptionCheck(env)) goto error;
    jobjectArray urls = (*env)->NewObjectArray(env, 1, url_class, url);
    if (urls == NULL) goto error;
    jstring name = (*env)->NewStringUTF(env, name_text);
    if (name == NULL) goto error;
    loader = (*env)->NewObject(env, loader_class, loader_init, name, urls, parent);
    if (loader == NULL) goto error;
    return loader;
error:
    vjvm_take_exception(env, description, sizeof description);
    snprintf(err, errlen, MSG_CLASSLOADER, vjvm_state.so_path, jar_path, description);
    return NULL;
}

/*
 * The parent of the module's class loader: the system class loader, whose class path is the
 * shared runtime, when the JVM's runtime is this module's version (always so for the module that
 * created the JVM); otherwise a runtime loader of the module's own.
 */
static jobject runtime_loader(void *ctx, JNIEnv *env, const char *runtime_path, char *err, size_t errlen) {
    char description[1024], note[2 * PATH_MAX];
    const char *chars = NULL;
    jclass system_class = (*env)->FindClass(env, "java/lang/System");
    jclass class_loader_class = (*env)->FindClass(env, "java/lang/ClassLoader");
    if (system_class == NULL || class_loader_class == NULL) goto error;
    jmethodID get_property = (*env)->GetStaticMethodID(env, system_class, "getProperty", "(Ljava/lang/String;)Ljava/lang/String;");
    jmethodID system_loader = (*env)->GetStaticMethodID(env, class_loader_class, "getSystemClassLoader", "()Ljava/lang/ClassLoader;");
    jmethodID platform_loader = (*env)->GetStaticMethodID(env, class_loader_class, "getPlatformClassLoader", "()Ljava/lang/ClassLoader;");
    if (get_property == NULL || system_loader == NULL || platform_loader == NULL) goto error;
    jstring key = (*env)->NewStringUTF(env, "java.class.path");
    if (key == NULL) goto error;
    jstring class_path = (jstring)(*env)->CallStaticObjectMethod(env, system_class, get_property, key);
    if ((*env)->ExceptionCheck(env)) goto error;
    if (class_path != NULL) chars = (*env)->GetStringUTFChars(env, class_path, NULL);
    const char *slash = chars == NULL ? NULL : strrchr(chars, '/');
    int shared = chars != NULL && strcmp(slash != NULL ? slash + 1 : chars, RUNTIME_JAR) == 0;
    if (!shared) snprintf(note, sizeof note, MSG_PRIVATE_RUNTIME, vjvm_state.so_path, chars == NULL ? "(none)" : chars, RUNTIME_JAR);
    if (chars != NULL) (*env)->ReleaseStringUTFChars(env, class_path, chars);
    if (shared) {
        jobject loader = (*env)->CallStaticObjectMethod(env, class_loader_class, system_loader);
        if ((*env)->ExceptionCheck(env)) goto error;
        return loader;
    }
    log_line(ctx, "notice", note);
    jobject platform = (*env)->CallStaticObjectMethod(env, class_loader_class, platform_loader);
    if ((*env)->ExceptionCheck(env)) goto error;
    return create_class_loader(env, "valkey-jvm-runtime", runtime_path, platform, err, errlen);
error:
    vjvm_take_exception(env, description, sizeof description);
    snprintf(err, errlen, MSG_CLASSLOADER, vjvm_state.so_path, runtime_path, description);
    return NULL;
}

static jclass load_class(JNIEnv *env, jobject loader, const char *binary_name, const char *jar_path, char *err,
                         size_t errlen) {
    char description[1024];
    jclass loader_class = (*env)->FindClass(env, "java/lang/ClassLoader");
    if (loader_class == NULL) goto error;
    jmethodID load = (*env)->GetMethodID(env, loader_class, "loadClass", "(Ljava/lang/String;)Ljava/lang/Class;");
    if (load == NULL) goto error;
    jstring name = (*env)->NewStringUTF(env, binary_name);
    if (name == NULL) goto error;
    jclass found = (jclass)(*env)->CallObjectMethod(env, loader, load, name);
    if ((*env)->ExceptionCheck(env) || found == NULL) goto error;
    return found;
error:
    vjvm_take_exception(env, description, sizeof description);
    snprintf(err, errlen, MSG_NO_RUNTIME, vjvm_state.so_path, jar_path, binary_name, description);
    return NULL;
}

static void release_state(JNIEnv *env) {
    vjvm_datatypes_reset();
    vjvm_configs_reset();
    vjvm_upcalls_reset(env);
    vjvm_state.command_entry = NULL;
    if (env != NULL && vjvm_state.class_loader != NULL) (*env)->DeleteGlobalRef(env, vjvm_state.class_loader);
    vjvm_state.class_loader = NULL;
    vjvm_state.active = 0;
}

/* Binds this module's classes: its LoaderUpcalls and NativeAccess's natives. */
static int bind_module(JNIEnv *env, jobject loader, const char *jar_path, char *err, size_t errlen) {
    char description[1024];
    jclass upcalls = load_class(env, loader, VJVM_CLASS_UPCALLS, jar_path, err, errlen);
    if (upcalls == NULL) return ERR;
    jclass native_access = load_class(env, loader, VJVM_CLASS_NATIVE_ACCESS, jar_path, err, errlen);
    if (native_access == NULL) return ERR;
    if (vjvm_register_natives(env, native_access) != JNI_OK) goto error;
    if (vjvm_upcalls_bind(env, upcalls) != JNI_OK) goto error;
    vjvm_state.class_loader = (*env)->NewGlobalRef(env, loader);
    if (vjvm_state.class_loader == NULL) goto error;
    return OK;
error:
    vjvm_take_exception(env, description, sizeof description);
    snprintf(err, errlen, MSG_RUNTIME_MISMATCH, vjvm_state.so_path, jar_path, description);
    return ERR;
}

/* Copies a Java string into buf (always NUL-terminated); `fallback` if it cannot be read. */
static void copy_string(JNIEnv *env, jstring text, char *buf, size_t buflen, const char *fallback) {
    const char *chars = text == NULL ? NULL : (*env)->GetStringUTFChars(env, text, NULL);
    snprintf(buf, buflen, "%s", chars != NULL ? chars : fallback);
    if (chars != NULL) (*env)->ReleaseStringUTFChars(env, text, chars);
    if ((*env)->ExceptionCheck(env)) (*env)->ExceptionClear(env);
}

/* LoaderUpcalls.onLoad returns null on success or the log line describing the failure. */
static int call_on_load(JNIEnv *env, void *ctx, void **argv, int argc, const struct load_args *args,
                        const char *jar_path, char *err, size_t errlen) {
    char text[1536];
    jstring failure = NULL, name = NULL;
    jstring so = (*env)->NewStringUTF(env, vjvm_state.so_path);
    jstring jar = (*env)->NewStringUTF(env, jar_path);
    if (so == NULL || jar == NULL) {
        vjvm_take_exception(env, text, sizeof text);
        goto threw;
    }
    int outcome = vjvm_up_on_load(&failure, VJVM_JLONG(ctx), VJVM_JLONG(argv), argc, args->first_module_arg, so, jar);
    if (outcome == VJVM_UPCALL_DONE && failure != NULL) {
        copy_string(env, failure, text, sizeof text, "load failed");
        snprintf(err, errlen, MSG_LOAD_FAILED, vjvm_state.so_path, text);
        return ERR;
    }
    if (outcome == VJVM_UPCALL_DONE) outcome = vjvm_up_module_name(&name);
    if (outcome == VJVM_UPCALL_DONE) {
        copy_string(env, name, vjvm_state.name, sizeof vjvm_state.name, "?");
        return OK;
    }
    snprintf(text, sizeof text, "%s", outcome == VJVM_UPCALL_THREW ? vjvm_upcall_failure() : "no JVM on this thread");
threw:
    snprintf(err, errlen, MSG_LOAD_EXCEPTION, vjvm_state.so_path, text);
    return ERR;
}

static int load_module(void *ctx, void **argv, int argc) {
    char err[2048] = "", note[1024] = "", jar_path[PATH_MAX + 8], runtime_path[PATH_MAX + 64];
    char loader_name[PATH_MAX + 32];
    struct load_args args = {0};
    struct stat st;
    JNIEnv *env = NULL;
    int pushed = 0;

    if (find_own_path(err, sizeof err) != OK) goto fail;
    if (parse_load_args(argv, argc, &args, err, sizeof err) != OK) goto fail;
    jar_path_for(vjvm_state.so_path, jar_path, sizeof jar_path);
    if (stat(jar_path, &st) != 0) {
        snprintf(err, sizeof err, MSG_NO_JAR, vjvm_state.so_path, jar_path);
        goto fail;
    }
    runtime_path_for(vjvm_state.so_path, runtime_path, sizeof runtime_path);
    if (stat(runtime_path, &st) != 0) {
        snprintf(err, sizeof err, MSG_NO_RUNTIME_JAR, vjvm_state.so_path, runtime_path);
        goto fail;
    }

    vjvm_install_fork_guard();
    vjvm_install_tape_refresh();
    args.jvm.so_path = vjvm_state.so_path;
    args.jvm.class_path = runtime_path;
    vjvm_state.jvm = vjvm_jvm_acquire(&args.jvm, err, sizeof err, note, sizeof note);
    if (note[0] != '\0') log_line(ctx, "notice", note);
    if (vjvm_state.jvm == NULL) goto fail;
    env = vjvm_env(vjvm_state.jvm);
    if (env == NULL) {
        snprintf(err, sizeof err, MSG_ATTACH, vjvm_state.so_path, -1);
        goto fail;
    }
    if ((*env)->PushLocalFrame(env, 64) != JNI_OK) goto fail;
    pushed = 1;

    jobject runtime = runtime_loader(ctx, env, runtime_path, err, sizeof err);
    if (runtime == NULL) goto fail;
    snprintf(loader_name, sizeof loader_name, "valkey-module:%s", vjvm_state.so_path);
    jobject loader = create_class_loader(env, loader_name, jar_path, runtime, err, sizeof err);
    if (loader == NULL) goto fail;
    if (bind_module(env, loader, jar_path, err, sizeof err) != OK) goto fail;
    vjvm_state.active = 1;
    if (call_on_load(env, ctx, argv, argc, &args, jar_path, err, sizeof err) != OK) goto fail;
    (*env)->PopLocalFrame(env, NULL);
    return OK;
fail:
    if (pushed) (*env)->PopLocalFrame(env, NULL);
    release_state(env);
    log_line(ctx, "warning", err[0] != '\0' ? err : MSG_LOAD_FAILED_UNKNOWN);
    return ERR;
}

VJVM_EXPORT int ValkeyModule_OnLoad(void *ctx, void **argv, int argc) {
    char err[PATH_MAX + 256];
    vjvm_api_resolve(*(vjvm_get_api_fn *)ctx); /* GetApi is the first word of every module context */
    if (!vjvm_state.active) return load_module(ctx, argv, argc);
    /* The server hands back this same, still-mapped file when it is loaded a second time. */
    snprintf(err, sizeof err, MSG_ALREADY_ACTIVE, vjvm_state.so_path, vjvm_state.name);
    log_line(ctx, "warning", err);
    return ERR;
}

VJVM_EXPORT int ValkeyModule_OnUnload(void *ctx) {
    char text[1024];
    jstring refusal = NULL;
    if (!vjvm_state.active) return OK;
    JNIEnv *env = vjvm_env(vjvm_state.jvm);
    int outcome = env == NULL ? VJVM_UPCALL_NOT_ENTERED : vjvm_up_on_unload(&refusal, VJVM_JLONG(ctx));
    if (outcome == VJVM_UPCALL_NOT_ENTERED) {
        log_line(ctx, "warning", MSG_UNLOAD_NO_JVM);
        return ERR;
    }
    if (outcome == VJVM_UPCALL_THREW || refusal != NULL) {
        if (outcome == VJVM_UPCALL_THREW) snprintf(text, sizeof text, "%s", vjvm_upcall_failure());
        else copy_string(env, refusal, text, sizeof text, "refused");
        if (refusal != NULL) (*env)->DeleteLocalRef(env, refusal);
        vjvm_api.Log(ctx, "warning", MSG_UNLOAD_REFUSED, vjvm_state.name, text);
        return ERR;
    }
    release_state(env);
    return OK;
}
