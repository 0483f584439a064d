/*
 * SetCommandInfo for a Java command: the loader builds the server's ValkeyModuleCommandInfo and its
 * nested arrays from the encoding loader-contract.decl describes (setCommandInfo), calls the server,
 * and frees everything; the server copies what it keeps.
 */
#include <jni.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "vjvm_api.h"
#include "vjvm_constants.h"
#include "vjvm_contract.h"

/* The server's structs of SetCommandInfo, version 1, as laid out on LP64 (valkeymodule.h). */
struct command_info_version {
    int version;
    size_t sizeof_historyentry;
    size_t sizeof_keyspec;
    size_t sizeof_arg;
};

struct history_entry {
    const char *since;
    const char *changes;
};

struct key_spec {
    const char *notes;
    uint64_t flags;
    int begin_search_type;
    union {
        struct {
            int pos;
        } index;
        struct {
            const char *keyword;
            int startfrom;
        } keyword;
    } bs;
    int find_keys_type;
    union {
        struct {
            int lastkey, keystep, limit;
        } range;
        struct {
            int keynumidx, firstkey, keystep;
        } keynum;
    } fk;
};

struct command_arg {
    const char *name;
    int type;
    int key_spec_index;
    const char *token;
    const char *summary;
    const char *since;
    int flags;
    const char *deprecated_since;
    struct command_arg *subargs;
    const char *display_text;
};

struct command_info {
    const struct command_info_version *version;
    const char *summary;
    const char *complexity;
    const char *since;
    struct history_entry *history;
    const char *tips;
    int arity;
    struct key_spec *key_specs;
    struct command_arg *args;
};

static const struct command_info_version command_info_v1 = {1, sizeof(struct history_entry), sizeof(struct key_spec),
                                                             sizeof(struct command_arg)};

/* Arguments nest; a deeper declaration than this is refused as malformed. */
#define MAX_ARG_DEPTH 16

/* Reads the encoding in place: texts point into the buffer (each is NUL-terminated there). */
struct reader {
    char *at;
    char *end;
    int failed;
};

static int32_t read_int(struct reader *r) {
    int32_t value = 0;
    if (r->failed || r->end - r->at < (ptrdiff_t)sizeof value) {
        r->failed = 1;
        return 0;
    }
    memcpy(&value, r->at, sizeof value);
    r->at += sizeof value;
    return value;
}

static int64_t read_long(struct reader *r) {
    int64_t value = 0;
    if (r->failed || r->end - r->at < (ptrdiff_t)sizeof value) {
        r->failed = 1;
        return 0;
    }
    memcpy(&value, r->at, sizeof value);
    r->at += sizeof value;
    return value;
}

static const char *read_text(struct reader *r) {
    int32_t length = read_int(r);
    if (r->failed || length == -1) return NULL;
    if (length < 0 || r->end - r->at < (ptrdiff_t)length + 1 || r->at[length] != '\0') {
        r->failed = 1;
        return NULL;
    }
    const char *text = r->at;
    r->at += length + 1;
    return text;
}

/* A count for an array of elements of at least min_size encoded bytes each. */
static int32_t read_count(struct reader *r, size_t min_size) {
    int32_t count = read_int(r);
    if (!r->failed && (count < 0 || (size_t)count > (size_t)(r->end - r->at) / min_size)) r->failed = 1;
    return r->failed ? 0 : count;
}

static void free_args(struct command_arg *args) {
    if (args == NULL) return;
    for (struct command_arg *arg = args; arg->name != NULL; arg++) free_args(arg->subargs);
    free(args);
}

static struct command_arg *read_args(struct reader *r, int depth) {
    int32_t count = read_count(r, 4 * 9);
    if (count == 0 || r->failed) return NULL;
    if (depth > MAX_ARG_DEPTH) {
        r->failed = 1;
        return NULL;
    }
    struct command_arg *args = calloc((size_t)count + 1, sizeof *args);
    if (args == NULL) {
        r->failed = 1;
        return NULL;
    }
    for (int32_t i = 0; i < count && !r->failed; i++) {
        struct command_arg *arg = &args[i];
        arg->name = read_text(r);
        arg->type = read_int(r);
        arg->key_spec_index = read_int(r);
        arg->token = read_text(r);
        arg->summary = read_text(r);
        arg->since = read_text(r);
        arg->flags = read_int(r);
        arg->deprecated_since = read_text(r);
        arg->display_text = read_text(r);
        arg->subargs = read_args(r, depth + 1);
        /* A NULL name ends the array for the server: an argument without one is malformed. */
        if (arg->name == NULL) r->failed = 1;
    }
    return args;
}

jint JNICALL vjvm_native_set_command_info(JNIEnv *env, jclass cls, jlong command, jbyteArray encoded) {
    if (vjvm_api.SetCommandInfo == NULL) return 1;
    jsize length = encoded == NULL ? 0 : (*env)->GetArrayLength(env, encoded);
    char *buffer = malloc(length > 0 ? (size_t)length : 1);
    if (buffer == NULL) return -1;
    if (length > 0) (*env)->GetByteArrayRegion(env, encoded, 0, length, (jbyte *)buffer);

    struct reader r = {.at = buffer, .end = buffer + length};
    struct command_info info = {.version = &command_info_v1};
    info.arity = read_int(&r);
    info.summary = read_text(&r);
    info.complexity = read_text(&r);
    info.since = read_text(&r);
    info.tips = read_text(&r);

    int32_t history_count = read_count(&r, 8);
    if (history_count > 0) {
        info.history = calloc((size_t)history_count + 1, sizeof *info.history);
        if (info.history == NULL) r.failed = 1;
        for (int32_t i = 0; i < history_count && !r.failed; i++) {
            info.history[i].since = read_text(&r);
            info.history[i].changes = read_text(&r);
            if (info.history[i].since == NULL) r.failed = 1; /* it ends the array for the server */
        }
    }

    int32_t spec_count = read_count(&r, 4 * 9);
    if (spec_count > 0) {
        info.key_specs = calloc((size_t)spec_count + 1, sizeof *info.key_specs);
        if (info.key_specs == NULL) r.failed = 1;
        for (int32_t i = 0; i < spec_count && !r.failed; i++) {
            struct key_spec *spec = &info.key_specs[i];
            spec->notes = read_text(&r);
            spec->flags = (uint64_t)read_long(&r);
            spec->begin_search_type = read_int(&r);
            int32_t position = read_int(&r);
            const char *keyword = read_text(&r);
            if (spec->begin_search_type == VALKEYMODULE_KSPEC_BS_KEYWORD) {
                spec->bs.keyword.keyword = keyword;
                spec->bs.keyword.startfrom = position;
            } else {
                spec->bs.index.pos = position;
            }
            spec->find_keys_type = read_int(&r);
            int32_t a = read_int(&r), b = read_int(&r), c = read_int(&r);
            if (spec->find_keys_type == VALKEYMODULE_KSPEC_FK_KEYNUM) {
                spec->fk.keynum.keynumidx = a;
                spec->fk.keynum.firstkey = b;
                spec->fk.keynum.keystep = c;
            } else {
                spec->fk.range.lastkey = a;
                spec->fk.range.keystep = b;
                spec->fk.range.limit = c;
            }
            /* Begin search type 0 ends the array for the server. */
            if (spec->begin_search_type == 0) r.failed = 1;
        }
    }

    info.args = read_args(&r, 0);
    if (!r.failed && r.at != r.end) r.failed = 1;

    jint rc = r.failed ? -1 : vjvm_api.SetCommandInfo((void *)(intptr_t)command, (void *)&info) == VALKEYMODULE_OK ? 0 : 1;
    free_args(info.args);
    free(info.key_specs);
    free(info.history);
    free(buffer);
    return rc;
}
