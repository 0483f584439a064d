/*
 * Module data types whose values live on the Java heap but reach the fork child's persistence
 * code from native memory. Each server-side value is a vjvm_value: the Java value's handle and a
 * "tape", the exact sequence of Save* calls the type's save code made the last time it ran (and,
 * while an AOF rewrite would read them, its AOF rewrite code's EmitAOF calls). Write access marks
 * a value dirty; dirty tapes are recorded again on the main thread, in slices soon after the change
 * and at the latest in the pthread_atfork prepare handler, so a fork child only replays tapes, in C.
 */
#ifndef VJVM_DATATYPES_H
#define VJVM_DATATYPES_H

#include <jni.h>
#include <stddef.h>
#include <stdint.h>

#include "vjvm_contract.h" /* VJVM_MAX_DATA_TYPES, the VJVM_TYPE_ feature bits */

/* A tape this long or shorter is kept in the native value itself: no allocation of its own. */
#define VJVM_INLINE_TAPE 20
/* inline_length of a tape kept outside the native value. */
#define VJVM_TAPE_OUTSIDE 0xff

/* 32 bytes: one per key of the module's types, in server memory. */
struct vjvm_value {
    uint32_t handle;       /* the Java value's handle in the module's value table (a slot number + 1) */
    uint32_t dirty_slot;   /* 1 + index in the dirty list, 0 when the tape is current */
    uint8_t type_index;
    uint8_t record_failed; /* the last recording threw: the tape is stale and must not be saved */
    uint8_t aof_recorded;  /* the tape holds the AOF rewrite's commands */
    uint8_t inline_length; /* the tape's length when its bytes are in `tape`, else VJVM_TAPE_OUTSIDE */
    /* The tape (tape.h): its bytes, or the address (ValkeyModule_Alloc) and length of them (read with memcpy). */
    unsigned char tape[VJVM_INLINE_TAPE];
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
