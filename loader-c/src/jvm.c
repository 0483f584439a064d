#define _GNU_SOURCE
#include "jvm.h"

#include <dlfcn.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <time.h>

#include "messages.h"

typedef jint (JNICALL *create_vm_fn)(JavaVM **, void **, void *);
typedef jint (JNICALL *created_vms_fn)(JavaVM **, jsize, jsize *);

#define MAX_OPTIONS 64
#define ONE_GIB (1024UL * 1024UL * 1024UL)

/*
 * HotSpot caps the stack of the thread it starts on (the server's main thread) at -Xss, 1 MB by
 * default, and puts guard pages there; keep it at the process limit so deep C recursion in the
 * server still fits.
 */
static void stack_size_option(char *buf, size_t buflen) {
    struct rlimit limit;
    unsigned long bytes = 8UL * 1024UL * 1024UL;
    if (getrlimit(RLIMIT_STACK, &limit) == 0 && limit.rlim_cur != RLIM_INFINITY) bytes = limit.rlim_cur;
    if (bytes > ONE_GIB) bytes = ONE_GIB;
    snprintf(buf, buflen, "-Xss%luk", bytes / 1024UL);
}

static long elapsed_ms(const struct timespec *start) {
    struct timespec now;
    clock_gettime(CLOCK_MONOTONIC, &now);
    return (now.tv_sec - start->tv_sec) * 1000L + (now.tv_nsec - start->tv_nsec) / 1000000L;
}

static JavaVM *create_jvm(create_vm_fn create, const struct vjvm_jvm_request *request, const char *libjvm,
                          char *err, size_t errlen, char *note, size_t notelen) {
    JavaVMOption options[MAX_OPTIONS];
    char xss[64], class_path[PATH_MAX + 32], joined[1024] = "";
    int count = 0;
    JavaVM *jvm = NULL;
    JNIEnv *env = NULL;
    struct timespec start;

    stack_size_option(xss, sizeof xss);
    /* -Xrs: SIGTERM/SIGINT stay the server's, so shutdown still saves; SIGUSR2 stays the server's too. */
    options[count++].optionString = "-Xrs";
    options[count++].optionString = xss;
    /* The shared runtime (JNA, Kotlin, coroutines) is the system class loader's: loaded once for every JVM module. */
    snprintf(class_path, sizeof class_path, "-Djava.class.path=%s", request->class_path);
    options[count++].optionString = class_path;
    /* JNA loads native code: allowed up front, so JDK 24+ prints no restricted-method warning (JDK 17 accepts it too). */
    options[count++].optionString = "--enable-native-access=ALL-UNNAMED";
    setenv("_JAVA_SR_SIGNUM", "40", 0);
    for (int i = 0; i < request->option_count && count < MAX_OPTIONS; i++)
        options[count++].optionString = (char *)request->options[i];
    /* The options for the error line; a list too long for it ends in "..." rather than silently. */
    for (int i = 0; i < count; i++) {
        size_t used = strlen(joined);
        if (snprintf(joined + used, sizeof joined - used, " %s", options[i].optionString) >= (int)(sizeof joined - used)) {
            memcpy(joined + sizeof joined - 5, " ...", 5);
            break;
        }
    }

    JavaVMInitArgs args = {.version = JNI_VERSION_10, .nOptions = count, .options = options,
                           .ignoreUnrecognized = JNI_FALSE};
    clock_gettime(CLOCK_MONOTONIC, &start);
    jint rc = create(&jvm, (void **)&env, &args);
    if (rc != JNI_OK) {
        snprintf(err, errlen, MSG_CREATE_JVM, request->so_path, (int)rc, joined);
        return NULL;
    }
    snprintf(note, notelen, MSG_CREATED_JVM, libjvm, elapsed_ms(&start));
    return jvm;
}

static void describe_loaded_libjvm(void *lib, char *buf, size_t buflen) {
    Dl_info info;
    void *symbol = dlsym(lib, "JNI_CreateJavaVM");
    if (symbol != NULL && dladdr(symbol, &info) != 0 && info.dli_fname != NULL)
        snprintf(buf, buflen, "%s", info.dli_fname);
    else
        snprintf(buf, buflen, "an already loaded libjvm.so");
}

JavaVM *vjvm_jvm_acquire(const struct vjvm_jvm_request *request, char *err, size_t errlen, char *note,
                         size_t notelen) {
    char libjvm[4096];
    const char *home = request->java_home, *source = "the java-home module argument";
    struct stat st;
    JavaVM *jvm = NULL;
    jsize created_count = 0;

    /* One JVM per process: a libjvm already in the process is the one to use, whatever java-home says. */
    void *lib = dlopen("libjvm.so", RTLD_NOW | RTLD_GLOBAL | RTLD_NOLOAD | RTLD_NODELETE);
    if (lib != NULL) {
        describe_loaded_libjvm(lib, libjvm, sizeof libjvm);
    } else {
        if (home == NULL) {
            home = getenv("JAVA_HOME");
            source = "JAVA_HOME";
        }
        if (home == NULL || home[0] == '\0') {
            home = VJVM_DEFAULT_JAVA_HOME;
            source = "the JDK that built the module";
        }
        snprintf(libjvm, sizeof libjvm, "%s/lib/server/libjvm.so", home);
        if (stat(libjvm, &st) != 0) {
            snprintf(err, errlen, MSG_NO_LIBJVM, request->so_path, libjvm, source);
            return NULL;
        }
        lib = dlopen(libjvm, RTLD_NOW | RTLD_GLOBAL | RTLD_NODELETE);
        if (lib == NULL) {
            snprintf(err, errlen, MSG_DLOPEN_LIBJVM, request->so_path, libjvm, dlerror());
            return NULL;
        }
    }

    created_vms_fn created = (created_vms_fn)dlsym(lib, "JNI_GetCreatedJavaVMs");
    create_vm_fn create = (create_vm_fn)dlsym(lib, "JNI_CreateJavaVM");
    if (created == NULL || create == NULL) {
        snprintf(err, errlen, MSG_NO_JNI_SYMBOLS, request->so_path, libjvm);
        return NULL;
    }
    if (created(&jvm, 1, &created_count) != JNI_OK || created_count == 0)
        return create_jvm(create, request, libjvm, err, errlen, note, notelen);

    if (request->java_home != NULL || request->option_count > 0)
        snprintf(note, notelen, MSG_OTHER_LIBJVM, request->so_path, libjvm);
    if (vjvm_env(jvm) == NULL) {
        snprintf(err, errlen, MSG_ATTACH, request->so_path, -1);
        return NULL;
    }
    return jvm;
}

JNIEnv *vjvm_env(JavaVM *jvm) {
    JNIEnv *env = NULL;
    jint rc = (*jvm)->GetEnv(jvm, (void **)&env, JNI_VERSION_10);
    if (rc == JNI_OK) return env;
    if (rc != JNI_EDETACHED) return NULL;
    /* Attached once and never detached: attach+detach per call costs tens of microseconds. */
    JavaVMAttachArgs attach = {.version = JNI_VERSION_10, .name = "valkey-native", .group = NULL};
    if ((*jvm)->AttachCurrentThreadAsDaemon(jvm, (void **)&env, &attach) != JNI_OK) return NULL;
    return env;
}

void vjvm_take_exception(JNIEnv *env, char *buf, size_t buflen) {
    jthrowable thrown = (*env)->ExceptionOccurred(env);
    jclass object_class = NULL;
    jstring text = NULL;
    const char *chars = NULL;

    snprintf(buf, buflen, "an exception that could not be described");
    if (thrown == NULL) return;
    (*env)->ExceptionClear(env);
    object_class = (*env)->FindClass(env, "java/lang/Object");
    if (object_class == NULL) goto done;
    jmethodID to_string = (*env)->GetMethodID(env, object_class, "toString", "()Ljava/lang/String;");
    if (to_string == NULL) goto done;
    text = (jstring)(*env)->CallObjectMethod(env, thrown, to_string);
    if ((*env)->ExceptionCheck(env) || text == NULL) goto done;
    chars = (*env)->GetStringUTFChars(env, text, NULL);
    if (chars != NULL) snprintf(buf, buflen, "%s", chars);
done:
    if ((*env)->ExceptionCheck(env)) (*env)->ExceptionClear(env);
    if (chars != NULL) (*env)->ReleaseStringUTFChars(env, text, chars);
    if (text != NULL) (*env)->DeleteLocalRef(env, text);
    if (object_class != NULL) (*env)->DeleteLocalRef(env, object_class);
    (*env)->DeleteLocalRef(env, thrown);
}
