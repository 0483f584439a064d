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
#include <unistd.h>

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

/*
 * Defaults for a JVM inside a database server, tuned for a module that holds little (the figures
 * are in the README and bench/footprint.sh): the serial collector (no GC threads; a young
 * collection of a small heap takes milliseconds), a heap that starts at 8 MB and grows on demand
 * instead of 1/64 of the RAM, a young generation of at most 16 MB (every page of it is touched
 * between two collections, so it is resident), at most two JIT compiler threads (each keeps its
 * working memory). Each goes in front of the user's options, and only if neither they nor the
 * JAVA_TOOL_OPTIONS/_JAVA_OPTIONS variables (read by the JVM too) name its subject: a second
 * collector fails the start ("multiple garbage collectors selected"), and a start size above the
 * user's -Xmx too. A max heap of the user's keeps the JVM's own collector (G1): the user sizes it
 * for data, and the serial collector's fixed young generation is a third of a small heap, full of
 * live data before the heap guard's threshold. An options file (-XX:VMOptionsFile, -XX:Flags) may
 * say anything, so it turns them all off.
 */
struct jvm_default {
    const char *option;
    const char *subjects[16]; /* names in user options that turn this default off; NULL-terminated */
};

static const struct jvm_default JVM_DEFAULTS[] = {
    {"-XX:+UseSerialGC", {"UseSerialGC", "UseParallelGC", "UseParallelOldGC", "UseG1GC", "UseZGC", "UseShenandoahGC",
                          "UseEpsilonGC", "UseConcMarkSweepGC", "-Xmx", "MaxHeapSize", "MaxRAM", "VMOptionsFile",
                          "-XX:Flags", NULL}},
    {"-XX:MaxNewSize=16m", {"-XX:-UseSerialGC", "UseParallelGC", "UseG1GC", "UseZGC", "UseShenandoahGC", "UseEpsilonGC",
                            "NewSize", "-Xmn", "NewRatio", "-Xmx", "MaxHeapSize", "MaxRAM", "VMOptionsFile", "-XX:Flags",
                            NULL}},
    {"-Xms8m", {"-Xms", "-Xmx", "HeapSize", "RAMPercentage", "MaxRAM", "RAMFraction", "VMOptionsFile", "-XX:Flags", NULL}},
    {"-XX:CICompilerCount=2", {"CICompilerCount", "VMOptionsFile", "-XX:Flags", NULL}},
};

#define JVM_DEFAULT_COUNT (sizeof JVM_DEFAULTS / sizeof JVM_DEFAULTS[0])

static int names_subject(const char *text, const char *const *subjects) {
    if (text == NULL) return 0;
    for (int i = 0; subjects[i] != NULL; i++)
        if (strstr(text, subjects[i]) != NULL) return 1;
    return 0;
}

static int user_names_subject(const struct vjvm_jvm_request *request, const char *const *subjects) {
    if (names_subject(getenv("JAVA_TOOL_OPTIONS"), subjects) || names_subject(getenv("_JAVA_OPTIONS"), subjects)) return 1;
    for (int i = 0; i < request->option_count; i++)
        if (names_subject(request->options[i], subjects)) return 1;
    return 0;
}

/* Appends the defaults that apply to options (from count on) and their text to applied; returns the new count. */
static int add_defaults(const struct vjvm_jvm_request *request, JavaVMOption *options, int count, char *applied,
                        size_t appliedlen) {
    for (size_t i = 0; i < JVM_DEFAULT_COUNT; i++) {
        if (user_names_subject(request, JVM_DEFAULTS[i].subjects)) continue;
        options[count++].optionString = (char *)JVM_DEFAULTS[i].option;
        size_t used = strlen(applied);
        snprintf(applied + used, appliedlen - used, "%s%s", used > 0 ? " " : "", JVM_DEFAULTS[i].option);
    }
    if (applied[0] == '\0') snprintf(applied, appliedlen, "none");
    return count;
}

/*
 * The JVM logs its reservations while it starts (gc+heap+coops at debug level: "Heap address:
 * 0x..., size: N MB" with compressed oops; pagesize: each code heap's and GC table's base and
 * size; cds: the class data archive's and class space's ranges) to this file; once it has
 * started, the loader hands the file's text to core's ForkExclusion as the system property
 * valkeyjvm.reservationLog and deletes the file: the ranges to keep out of fork children, without
 * JMX, whose platform MBean server and DiagnosticCommand MBean cost megabytes of RSS. None of
 * these tags logs after the start. The file is made here first, since a log file the JVM cannot
 * open stops its start; filecount=0 keeps the JVM from renaming the existing file. Returns 0 (no
 * option: ForkExclusion asks JMX for the heap) when no file is made, or its name holds a character
 * -Xlog reads as syntax.
 */
static int reservation_log_option(char *path, size_t pathlen, char *xlog, size_t xloglen) {
    const char *dir = getenv("TMPDIR");
    if (dir == NULL || dir[0] == '\0') dir = "/tmp";
    if (snprintf(path, pathlen, "%s/valkey-jvm-reservations-XXXXXX", dir) >= (int)pathlen) return 0;
    if (strpbrk(path, ":,=\"' \t\n") != NULL) return 0;
    int fd = mkstemp(path);
    if (fd < 0) return 0;
    close(fd);
    if (snprintf(xlog, xloglen, "-Xlog:gc+heap+coops=debug,pagesize=info,cds=info:file=%s::filecount=0", path) >= (int)xloglen) {
        unlink(path);
        return 0;
    }
    return 1;
}

/*
 * System.setProperty("valkeyjvm.reservationLog", the file's text), then the file goes. Set (empty)
 * without a file too, so that only the JVM's own lines are ever read there, never a -D of the same name.
 */
static void publish_reservation_log(JNIEnv *env, const char *path) {
    char text[32768];
    size_t length = 0;
    if (path != NULL) {
        FILE *file = fopen(path, "r");
        if (file != NULL) {
            length = fread(text, 1, sizeof text - 1, file);
            fclose(file);
        }
        unlink(path);
    }
    text[length] = '\0';
    for (size_t i = 0; i < length; i++)
        if ((unsigned char)text[i] >= 0x80 || text[i] == '\0') text[i] = '?'; /* the log is ASCII; keep NewStringUTF's input valid */
    jclass system = (*env)->FindClass(env, "java/lang/System");
    jmethodID set = system == NULL ? NULL
        : (*env)->GetStaticMethodID(env, system, "setProperty", "(Ljava/lang/String;Ljava/lang/String;)Ljava/lang/String;");
    jstring key = set == NULL ? NULL : (*env)->NewStringUTF(env, "valkeyjvm.reservationLog");
    jstring value = key == NULL ? NULL : (*env)->NewStringUTF(env, text);
    if (value != NULL) {
        jobject previous = (*env)->CallStaticObjectMethod(env, system, set, key, value);
        if (previous != NULL) (*env)->DeleteLocalRef(env, previous);
    }
    if ((*env)->ExceptionCheck(env)) (*env)->ExceptionClear(env);
    if (value != NULL) (*env)->DeleteLocalRef(env, value);
    if (key != NULL) (*env)->DeleteLocalRef(env, key);
    if (system != NULL) (*env)->DeleteLocalRef(env, system);
}

static long elapsed_ms(const struct timespec *start) {
    struct timespec now;
    clock_gettime(CLOCK_MONOTONIC, &now);
    return (now.tv_sec - start->tv_sec) * 1000L + (now.tv_nsec - start->tv_nsec) / 1000000L;
}

static JavaVM *create_jvm(create_vm_fn create, const struct vjvm_jvm_request *request, const char *libjvm,
                          char *err, size_t errlen, char *note, size_t notelen) {
    JavaVMOption options[MAX_OPTIONS];
    char xss[64], class_path[PATH_MAX + 32], joined[1024] = "", defaults[256] = "";
    char reservation_log[PATH_MAX], reservation_log_xlog[PATH_MAX + 96];
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
    count = add_defaults(request, options, count, defaults, sizeof defaults);
    /* Before the user's options, so that their -Xlog:disable turns it off (ForkExclusion then asks JMX for the heap). */
    int log_made = reservation_log_option(reservation_log, sizeof reservation_log, reservation_log_xlog, sizeof reservation_log_xlog);
    if (log_made) options[count++].optionString = reservation_log_xlog;
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
        if (log_made) unlink(reservation_log);
        snprintf(err, errlen, MSG_CREATE_JVM, request->so_path, (int)rc, joined);
        return NULL;
    }
    snprintf(note, notelen, MSG_CREATED_JVM, libjvm, elapsed_ms(&start), defaults);
    publish_reservation_log(env, log_made ? reservation_log : NULL);
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
