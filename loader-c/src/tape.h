/*
 * The save records of a tape (see datatypes.h): what a type's save code wrote, one record per
 * Save* call, as the Java TapeRecorder writes them, in the RDB's own encoding of a module value:
 * an opcode byte (VJVM_TAPE_*, declared once for both sides in loader-contract.decl), then the
 * value. Only a long double differs from the RDB: a double, 8 bytes, where the RDB holds its
 * text. So a tape is about as long as the value's RDB form (strings uncompressed). AOF records
 * (see datatypes.c) start with VJVM_TAPE_AOF_COMMAND and may follow the save records.
 */
#ifndef VJVM_TAPE_H
#define VJVM_TAPE_H

#include <stddef.h>
#include <stdint.h>

#include "vjvm_contract.h" /* the record opcodes, VJVM_TAPE_* (the RDB's module opcodes, and the tape's own) */

/* What to do with each record; `target` is passed through. */
struct vjvm_record_visitor {
    void (*unsigned_value)(void *target, uint64_t value); /* SaveSigned writes the same bytes */
    void (*double_value)(void *target, double value);
    void (*float_value)(void *target, float value);
    void (*long_double_value)(void *target, long double value);
    void (*bytes)(void *target, const char *data, size_t length);
};

/* Copies `size` bytes at *p into `out` and moves *p past them; 0 if fewer than `size` are left before `end`. */
int vjvm_take(const char **p, const char *end, void *out, size_t size);

/* Reads an RDB length (1, 2, 5 or 9 bytes) at *p into *length and moves *p past it; 0 if damaged. */
int vjvm_take_rdb_length(const char **p, const char *end, uint64_t *length);

/*
 * Calls the visitor for each save record from `records` until `end` or the first AOF record, and
 * sets *stop (if not NULL) to where it stopped. Returns 0 if the records are damaged.
 */
int vjvm_visit_records(const char *records, const char *end, const struct vjvm_record_visitor *visitor, void *target,
                       const char **stop);

/*
 * The DUMP payload (RESTORE's argument) of a module value whose save wrote these records, for a
 * type with server id `module_id`. Returns a malloc'ed buffer (length in *length), or NULL if
 * the records are damaged or memory ran out. Works in a fork child: it never enters the JVM.
 */
char *vjvm_restore_payload(uint64_t module_id, const char *records, const char *end, size_t *length);

/* The server's id of a module type: 6 bits per name character, then 10 bits of encoding version; 0 if invalid. */
uint64_t vjvm_module_type_id(const char *name, int encoding_version);

#endif
