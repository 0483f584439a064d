#include "tape.h"

#include <math.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int vjvm_take(const char **p, const char *end, void *out, size_t size) {
    if ((size_t)(end - *p) < size) return 0;
    memcpy(out, *p, size);
    *p += size;
    return 1;
}

int vjvm_take_rdb_length(const char **p, const char *end, uint64_t *length) {
    unsigned char first, bytes[8];
    int wide;
    if (!vjvm_take(p, end, &first, 1)) return 0;
    switch (first >> 6) {
    case 0: *length = first & 0x3f; return 1;
    case 1:
        if (!vjvm_take(p, end, bytes, 1)) return 0;
        *length = ((uint64_t)(first & 0x3f) << 8) | bytes[0];
        return 1;
    default:
        if (first != 0x80 && first != 0x81) return 0;
        wide = first == 0x80 ? 4 : 8;
        if (!vjvm_take(p, end, bytes, (size_t)wide)) return 0;
        *length = 0;
        for (int i = 0; i < wide; i++) *length = (*length << 8) | bytes[i];
        return 1;
    }
}

int vjvm_visit_records(const char *p, const char *end, const struct vjvm_record_visitor *visitor, void *target, const char **stop) {
    while (p < end && *p != VJVM_TAPE_AOF_COMMAND) {
        char opcode = *p++;
        uint64_t u;
        double d;
        float f;
        switch (opcode) {
        case VJVM_TAPE_UNSIGNED: if (!vjvm_take_rdb_length(&p, end, &u)) return 0; visitor->unsigned_value(target, u); break;
        case VJVM_TAPE_FLOAT: if (!vjvm_take(&p, end, &f, 4)) return 0; visitor->float_value(target, f); break;
        case VJVM_TAPE_DOUBLE: if (!vjvm_take(&p, end, &d, 8)) return 0; visitor->double_value(target, d); break;
        case VJVM_TAPE_LONG_DOUBLE:
            if (!vjvm_take(&p, end, &d, 8)) return 0;
            visitor->long_double_value(target, (long double)d);
            break;
        case VJVM_TAPE_STRING:
            if (!vjvm_take_rdb_length(&p, end, &u) || (uint64_t)(end - p) < u) return 0;
            visitor->bytes(target, p, (size_t)u);
            p += u;
            break;
        default: return 0;
        }
    }
    if (stop != NULL) *stop = p;
    return 1;
}

uint64_t vjvm_module_type_id(const char *name, int encoding_version) {
    static const char charset[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    uint64_t id = 0;
    if (strlen(name) != 9 || encoding_version < 0 || encoding_version > 1023) return 0;
    for (int i = 0; i < 9; i++) {
        const char *at = strchr(charset, name[i]);
        if (at == NULL) return 0;
        id = (id << 6) | (uint64_t)(at - charset);
    }
    return (id << 10) | (uint64_t)encoding_version;
}

/*
 * The DUMP format (the server's createDumpPayload): the RDB object type, the module type id as an
 * RDB length, the value as RDB_TYPE_MODULE_2 writes it (each Save* call an opcode and its value),
 * the EOF opcode, then the RDB version and a CRC-64 of everything before, both little-endian.
 */
#define RDB_TYPE_MODULE_2 7
#define OPCODE_EOF 0 /* the other opcodes are the tape's own (tape.h) */
/* Valkey 8.0's RDB version: every server from 7.2 on restores it (9.x reads it as a legacy version). */
#define PAYLOAD_RDB_VERSION 11
/* The CRC-64 the server uses (Jones polynomial, reflected), as its reversed polynomial. */
#define CRC64_REVERSED_POLY 0x95ac9329ac4bc9b5ULL

struct payload {
    unsigned char *data;
    size_t length, capacity;
    int failed;
};

static void put(struct payload *out, const void *bytes, size_t count) {
    if (out->failed) return;
    if (out->capacity - out->length < count) {
        size_t wanted = out->capacity * 2 > out->length + count ? out->capacity * 2 : out->length + count + 64;
        unsigned char *bigger = realloc(out->data, wanted);
        if (bigger == NULL) {
            out->failed = 1;
            return;
        }
        out->data = bigger;
        out->capacity = wanted;
    }
    memcpy(out->data + out->length, bytes, count);
    out->length += count;
}

static void put_byte(struct payload *out, unsigned char byte) { put(out, &byte, 1); }

static void put_big_endian(struct payload *out, uint64_t value, int bytes) {
    for (int shift = (bytes - 1) * 8; shift >= 0; shift -= 8) put_byte(out, (unsigned char)(value >> shift));
}

static void put_little_endian(struct payload *out, uint64_t value, int bytes) {
    for (int i = 0; i < bytes; i++) put_byte(out, (unsigned char)(value >> (8 * i)));
}

/* An RDB length: 6 bits, 14 bits, 32 bits or 64 bits, the wider ones big-endian. */
static void put_length(struct payload *out, uint64_t length) {
    if (length < (1u << 6)) {
        put_byte(out, (unsigned char)length);
    } else if (length < (1u << 14)) {
        put_byte(out, (unsigned char)(0x40 | (length >> 8)));
        put_byte(out, (unsigned char)length);
    } else if (length <= UINT32_MAX) {
        put_byte(out, 0x80);
        put_big_endian(out, length, 4);
    } else {
        put_byte(out, 0x81);
        put_big_endian(out, length, 8);
    }
}

static void put_string(struct payload *out, const char *data, size_t length) {
    put_length(out, VJVM_TAPE_STRING);
    put_length(out, length);
    put(out, data, length);
}

static void on_unsigned(void *target, uint64_t value) {
    put_length(target, VJVM_TAPE_UNSIGNED);
    put_length(target, value);
}

static void on_double(void *target, double value) {
    uint64_t bits;
    memcpy(&bits, &value, 8);
    put_length(target, VJVM_TAPE_DOUBLE);
    put_little_endian(target, bits, 8);
}

static void on_float(void *target, float value) {
    uint32_t bits;
    memcpy(&bits, &value, 4);
    put_length(target, VJVM_TAPE_FLOAT);
    put_little_endian(target, bits, 4);
}

/* The server saves a long double as its text: "inf", "-inf", "nan", else C's %La. */
static void on_long_double(void *target, long double value) {
    char text[64];
    int length;
    if (isinf(value)) length = snprintf(text, sizeof text, "%s", value > 0 ? "inf" : "-inf");
    else if (isnan(value)) length = snprintf(text, sizeof text, "nan");
    else length = snprintf(text, sizeof text, "%La", value);
    put_string(target, text, (size_t)length);
}

static void on_bytes(void *target, const char *data, size_t length) { put_string(target, data, length); }

static const struct vjvm_record_visitor payload_writer = {
    on_unsigned, on_double, on_float, on_long_double, on_bytes,
};

static uint64_t crc_table[256];
static pthread_once_t crc_table_once = PTHREAD_ONCE_INIT;

static void fill_crc_table(void) {
    for (int i = 0; i < 256; i++) {
        uint64_t crc = (uint64_t)i;
        for (int bit = 0; bit < 8; bit++) crc = (crc & 1) ? (crc >> 1) ^ CRC64_REVERSED_POLY : crc >> 1;
        crc_table[i] = crc;
    }
}

static uint64_t crc64(const unsigned char *data, size_t length) {
    uint64_t crc = 0;
    pthread_once(&crc_table_once, fill_crc_table);
    for (size_t i = 0; i < length; i++) crc = crc_table[(crc ^ data[i]) & 0xff] ^ (crc >> 8);
    return crc;
}

char *vjvm_restore_payload(uint64_t module_id, const char *records, const char *end, size_t *length) {
    struct payload out = {0};
    put_byte(&out, RDB_TYPE_MODULE_2);
    put_length(&out, module_id);
    if (!vjvm_visit_records(records, end, &payload_writer, &out, NULL)) out.failed = 1;
    put_length(&out, OPCODE_EOF);
    put_little_endian(&out, PAYLOAD_RDB_VERSION, 2);
    if (!out.failed) put_little_endian(&out, crc64(out.data, out.length), 8);
    if (out.failed) {
        free(out.data);
        return NULL;
    }
    *length = out.length;
    return (char *)out.data;
}
