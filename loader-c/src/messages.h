/*
 * Every line the loader writes to the server log: what went wrong, then the fix. One table, so
 * the wording stays consistent and reviewable in one place. Each message is a printf format; in
 * the load messages the first %s is the module's .so path, in the others the module's name.
 */
#ifndef VJVM_MESSAGES_H
#define VJVM_MESSAGES_H

#define MSG_PREFIX "valkey-jvm: "

#define MSG_NO_SELF_PATH \
    MSG_PREFIX "cannot find the path of the loaded module file (dladdr failed); load the module by its absolute path"
#define MSG_BAD_ARGS \
    MSG_PREFIX "%s: module argument '%s' needs a value; write it as '%s <value>'"
#define MSG_NO_JAR \
    MSG_PREFIX "%s: module jar %s not found; a JVM module is two files side by side, <name>.so and <name>.jar: " \
    "copy the jar that 'mvn package' built next to the .so"
#define MSG_NO_LIBJVM \
    MSG_PREFIX "%s: no JVM at %s (java home taken from %s); pass 'java-home /path/to/jdk' as the first module " \
    "arguments or set JAVA_HOME for valkey-server (JDK 17 or later)"
#define MSG_DLOPEN_LIBJVM \
    MSG_PREFIX "%s: cannot load %s: %s; point 'java-home' or JAVA_HOME at a JDK 17+ for this machine"
#define MSG_NO_JNI_SYMBOLS \
    MSG_PREFIX "%s: %s is not a usable libjvm (missing JNI_CreateJavaVM); point 'java-home' at a JDK 17+"
#define MSG_CREATE_JVM \
    MSG_PREFIX "%s: JNI_CreateJavaVM failed with code %d (options:%s); check the 'jvm-option' module arguments " \
    "(the JVM printed its reason on the server's stderr)"
#define MSG_ATTACH \
    MSG_PREFIX "%s: cannot attach this thread to the running JVM (code %d)"
#define MSG_OTHER_LIBJVM \
    MSG_PREFIX "%s: note: this server already runs a JVM from %s; this module joins it, and its java-home/jvm-option " \
    "arguments are ignored (the first JVM module's settings apply to all)"
#define MSG_CLASSLOADER \
    MSG_PREFIX "%s: cannot open %s as a class path: %s; rebuild the module jar with 'mvn package'"
#define MSG_NO_RUNTIME \
    MSG_PREFIX "%s: %s does not contain the valkey-jvm core (%s: %s); build the jar with the valkey-jvm " \
    "module-parent, which bundles the core and the module's libraries into it"
#define MSG_NO_RUNTIME_JAR \
    MSG_PREFIX "%s: the valkey-jvm runtime %s is missing; a JVM module is three files side by side, <name>.so, " \
    "<name>.jar and that runtime jar: copy the one 'mvn package' left in target/ next to the .so"
#define MSG_PRIVATE_RUNTIME \
    MSG_PREFIX "%s: note: the server's JVM shares the runtime %s; this module needs %s and gets a copy of its " \
    "own (more memory per module): build every JVM module of a server with the same valkey-jvm version"
#define MSG_RUNTIME_MISMATCH \
    MSG_PREFIX "%s: the valkey-jvm runtime in %s does not match this loader (%s); the .so and the .jar must come " \
    "from the same build: rebuild the module with 'mvn package' and copy both files"
#define MSG_LOAD_FAILED \
    MSG_PREFIX "%s: %s"
#define MSG_LOAD_EXCEPTION \
    MSG_PREFIX "%s: the module's load code threw %s; the module was not loaded"
#define MSG_ALREADY_ACTIVE \
    MSG_PREFIX "%s: this file is already loaded as module '%s'; a module file can be loaded once (MODULE UNLOAD it first)"
#define MSG_CREATED_JVM \
    MSG_PREFIX "started the JVM from %s in %ld ms; default options: %s (a jvm-option on the same subject replaces " \
    "its default)"
#define MSG_UNLOAD_REFUSED \
    MSG_PREFIX "module '%s' refused to unload: %s"
#define MSG_TOO_MANY_JVM_OPTIONS \
    MSG_PREFIX "%s: more than %d jvm-option arguments; put the rest in a file and pass " \
    "'jvm-option -XX:VMOptionsFile=/path/to/file' (one option per line)"
#define MSG_LOAD_FAILED_UNKNOWN \
    MSG_PREFIX "the module failed to load"
#define MSG_UNLOAD_NO_JVM \
    MSG_PREFIX "cannot attach to the JVM to unload the module; unload refused"
#define MSG_SAVE_FAILS \
    MSG_PREFIX "module '%s': %s; the save fails"
#define MSG_SAVE_NOT_MEASURED \
    MSG_PREFIX "module '%s': %s; DEBUG OBJECT's serializedlength leaves the value out"
#define MSG_FREED_VALUE_STRANDED \
    MSG_PREFIX "module '%s': a freed value stays on the heap: this thread cannot enter the JVM"
#define MSG_ESCAPED_MORE_TIMES \
    MSG_PREFIX "module '%s': %s escaped to the loader %lu more times (%s) in the last %ld s"
#define MSG_UPCALL_EXCEPTION \
    MSG_PREFIX "module '%s': %s escaped to the loader: %s"

#endif
