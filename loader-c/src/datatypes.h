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

#include "vjvm_contract.h" /* VJVM_MAX_DATA_TYPES, the VJVM_TYPE_ feature bits */

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

/* Forgets the types after a failed load or an unload. */
void vjvm_datatypes_reset(void);

#endif
