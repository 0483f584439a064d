/*
 * Module data types whose values live on the Java heap but reach the fork child's persistence
 * code from native memory. Each server-side value is a vjvm_value: the Java value's handle and a
 * "tape", the exact sequence of Save* / EmitAOF calls the type's save (and AOF rewrite) code made
 * the last time it ran. Write access marks a value dirty; dirty tapes are re-recorded on the main
 * thread in the pthread_atfork prepare handler, so a fork child only replays tapes, in C.
 */
#ifndef VJVM_DATATYPES_H
#define VJVM_DATATYPES_H

#include <jni.h>
#include <stddef.h>
#include <stdint.h>

#define VJVM_MAX_DATA_TYPES 16

/* Which optional callbacks a type has, as passed by Java to createDataType. */
#define VJVM_TYPE_AOF (1 << 0)
#define VJVM_TYPE_MEM_USAGE (1 << 1)
#define VJVM_TYPE_DIGEST (1 << 2)
#define VJVM_TYPE_COPY (1 << 3)
#define VJVM_TYPE_UNLINK (1 << 4)
#define VJVM_TYPE_FREE_EFFORT (1 << 5)
#define VJVM_TYPE_AUX (1 << 6)

struct vjvm_value {
    int64_t handle;      /* the Java value's handle in the module's value table */
    uint32_t type_index;
    uint32_t dirty_slot; /* 1 + index in the dirty list, 0 when the tape is current */
    uint32_t record_failed; /* the last recording threw: the tape is stale and must not be saved */
    char *tape;          /* u64 rdb length, rdb records, u64 aof length, aof records (ValkeyModule_Alloc) */
    size_t tape_length;
};

/* Registers a type during OnLoad; returns the server's ValkeyModuleType pointer or NULL. */
void *vjvm_create_data_type(void *ctx, int type_index, const char *name, int encver, int features, int aux_triggers);

/* A new native value for a Java handle, dirty. */
struct vjvm_value *vjvm_value_new(int type_index, int64_t handle);

/* Marks the value's tape stale (main thread). */
void vjvm_value_mark_dirty(struct vjvm_value *value);

/*
 * For a value of `server_type`: 1 if it saves (a dirty one is recorded now, on the main thread),
 * 0 if its save code fails. Values of other modules' types: 1.
 */
int vjvm_value_saves(const void *server_type, void *value);

/* Installs the pthread_atfork prepare handler that refreshes dirty tapes; `main_thread` is the server's. */
void vjvm_install_tape_refresh(void);

/* Caches the upcalls of io.valkeyjvm.core.internal.DataTypeHost; JNI_OK or an error. */
jint vjvm_datatypes_bind(JNIEnv *env, jclass type_host);

/* Forgets the types and the upcalls after a failed load or an unload. */
void vjvm_datatypes_reset(JNIEnv *env);

/* The NativeAccess natives this file implements, for natives.c to register. */
extern const JNINativeMethod vjvm_datatype_natives[];
extern const int vjvm_datatype_native_count;

#endif
