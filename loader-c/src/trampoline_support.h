/*
 * What the generated API table and trampolines (generated/vjvm_api.{h,c}) need from the loader.
 */
#ifndef VJVM_TRAMPOLINE_SUPPORT_H
#define VJVM_TRAMPOLINE_SUPPORT_H

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

#endif
