/*
 * The save records of a tape (see datatypes.h): what a type's save code wrote, one record per
 * Save* call, as the Java TapeRecorder writes them: a tag byte, then the value in native byte
 * order ('U' unsigned, 'S' signed, 'D' double, 'L' long double as a double: 8 bytes; 'F' float:
 * 4 bytes; 'B' bytes: u64 length and the bytes).
 */
#ifndef VJVM_TAPE_H
#define VJVM_TAPE_H

#include <stddef.h>
#include <stdint.h>

/* What to do with each record; `target` is passed through. */
struct vjvm_record_visitor {
    void (*unsigned_value)(void *target, uint64_t value);
    void (*signed_value)(void *target, int64_t value);
    void (*double_value)(void *target, double value);
    void (*float_value)(void *target, float value);
    void (*long_double_value)(void *target, long double value);
    void (*bytes)(void *target, const char *data, size_t length);
};

/* Copies `size` bytes at *p into `out` and moves *p past them; 0 if fewer than `size` are left before `end`. */
int vjvm_take(const char **p, const char *end, void *out, size_t size);

/* Calls the visitor for each record in [records, end); 0 if the records are damaged. */
int vjvm_visit_records(const char *records, const char *end, const struct vjvm_record_visitor *visitor, void *target);

/*
 * The DUMP payload (RESTORE's argument) of a module value whose save wrote these records, for a
 * type with server id `module_id`. Returns a malloc'ed buffer (length in *length), or NULL if
 * the records are damaged or memory ran out. Works in a fork child: it never enters the JVM.
 */
char *vjvm_restore_payload(uint64_t module_id, const char *records, const char *end, size_t *length);

/* The server's id of a module type: 6 bits per name character, then 10 bits of encoding version; 0 if invalid. */
uint64_t vjvm_module_type_id(const char *name, int encoding_version);

#endif
