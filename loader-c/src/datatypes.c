#include "datatypes.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "jvm.h"
#include "loglimit.h"
#include "messages.h"
#include "state.h"
#include "tape.h"
#include "upcalls.h"
#include "vjvm_api.h"
#include "vjvm_constants.h"

#define AUX_BEFORE_RDB VALKEYMODULE_AUX_BEFORE_RDB
#define AUX_AFTER_RDB VALKEYMODULE_AUX_AFTER_RDB

/* The server's ValkeyModuleTypeMethods, version 5, as laid out on LP64. */
struct type_methods {
    uint64_t version;
    void *rdb_load, *rdb_save, *aof_rewrite, *mem_usage, *digest, *free;
    void *aux_load, *aux_save;
    int aux_save_triggers;
    void *free_effort, *unlink, *copy, *defrag;
    void *mem_usage2, *free_effort2, *unlink2, *copy2;
    void *aux_save2;
};
_Static_assert(sizeof(struct type_methods) == 152, "ValkeyModuleTypeMethods v5 is 152 bytes");

struct tape {
    char *data; /* ValkeyModule_Alloc */
    size_t length;
};
_Static_assert(sizeof(struct tape) <= VJVM_INLINE_TAPE, "a value's tape area holds a tape's address and length");

struct type_info {
    int features;
    void *server_type;      /* the server's ValkeyModuleType */
    uint64_t module_id;     /* the server's id for the type (name and encoding version), as DUMP writes it */
    struct tape aux[3];     /* indexed by AUX_BEFORE_RDB / AUX_AFTER_RDB */
    int aux_failed[3];      /* the last aux recording threw */
};

/* One module per .so: these are that module's types and values. */
static struct type_info types[VJVM_MAX_DATA_TYPES];
_Static_assert(VJVM_MAX_DATA_TYPES <= 256, "a value keeps its type index in a byte");
_Static_assert(sizeof(struct vjvm_value) == 32, "a value's native record is 32 bytes on LP64");
static pthread_t main_thread;
/* Record AOF forms: an AOF rewrite without the RDB preamble would read them (the Java side says). */
static int aof_forms_wanted = 1;
/* The values' tapes' bytes, for INFO (free may run on the lazy-free thread). */
static size_t tape_bytes;
static pthread_once_t refresh_once = PTHREAD_ONCE_INIT;

/* The dirty list: free may run on the server's lazy-free thread. */
static pthread_mutex_t values_lock = PTHREAD_MUTEX_INITIALIZER;
static struct vjvm_value **dirty;
static size_t dirty_count, dirty_capacity;

static int grow(void **array, size_t *capacity, size_t element) {
    size_t wanted = *capacity == 0 ? 64 : *capacity * 2;
    void *bigger = realloc(*array, wanted * element);
    if (bigger == NULL) return 0;
    *array = bigger;
    *capacity = wanted;
    return 1;
}

/* Caller holds values_lock. */
static void dirty_remove(struct vjvm_value *value) {
    size_t index = value->dirty_slot - 1;
    struct vjvm_value *last = dirty[--dirty_count];
    dirty[index] = last;
    last->dirty_slot = (uint32_t)(index + 1);
    value->dirty_slot = 0;
}

/* A value's tape: in the value itself, or outside it. */
static const char *tape_of(const struct vjvm_value *value, size_t *length) {
    struct tape outside;
    if (value->inline_length != VJVM_TAPE_OUTSIDE) {
        *length = value->inline_length;
        return (const char *)value->tape;
    }
    memcpy(&outside, value->tape, sizeof outside);
    *length = outside.length;
    return outside.data;
}

static size_t tape_length(const struct vjvm_value *value) {
    size_t length;
    tape_of(value, &length);
    return length;
}

/* The server memory a value's tape takes besides the value itself. */
static size_t tape_outside_bytes(const struct vjvm_value *value) {
    return value->inline_length == VJVM_TAPE_OUTSIDE ? tape_length(value) : 0;
}

static void tape_free(struct vjvm_value *value) {
    struct tape outside;
    if (value->inline_length != VJVM_TAPE_OUTSIDE) return;
    memcpy(&outside, value->tape, sizeof outside);
    vjvm_api.Free(outside.data);
    value->inline_length = 0;
}

/* Gives a value the tape `fresh` (whose memory it takes over), kept inline when short enough. */
static void tape_replace(struct vjvm_value *value, struct tape fresh) {
    tape_free(value);
    if (fresh.length <= VJVM_INLINE_TAPE) {
        if (fresh.length > 0) memcpy(value->tape, fresh.data, fresh.length);
        value->inline_length = (uint8_t)fresh.length;
        vjvm_api.Free(fresh.data);
    } else {
        memcpy(value->tape, &fresh, sizeof fresh);
        value->inline_length = VJVM_TAPE_OUTSIDE;
    }
}

void vjvm_value_mark_dirty(struct vjvm_value *value) {
    pthread_mutex_lock(&values_lock);
    if (value->dirty_slot == 0) {
        if (dirty_count < dirty_capacity || grow((void **)&dirty, &dirty_capacity, sizeof *dirty)) {
            dirty[dirty_count++] = value;
            value->dirty_slot = (uint32_t)dirty_count;
        } else {
            /* No memory to remember the change: saves of this value fail (loudly) until it is recorded again,
               rather than write its old tape. */
            value->record_failed = 1;
        }
    }
    pthread_mutex_unlock(&values_lock);
}

/* A native value for a Java value about to be made (load, copy): no handle yet, not dirty. */
static struct vjvm_value *value_alloc(int type_index) {
    struct vjvm_value *value = vjvm_api.Alloc(sizeof *value);
    *value = (struct vjvm_value){.type_index = (uint8_t)type_index};
    return value;
}

/* The Java value of handle is made: value is dirty from now on (returned), or freed if there is none (NULL). */
static struct vjvm_value *value_made(struct vjvm_value *value, int outcome, jlong handle) {
    if (outcome != VJVM_UPCALL_DONE || handle <= 0 || handle > UINT32_MAX) {
        vjvm_api.Free(value);
        return NULL;
    }
    value->handle = (uint32_t)handle;
    vjvm_value_mark_dirty(value);
    return value;
}

struct vjvm_value *vjvm_value_new(int type_index, int64_t handle) {
    return value_made(value_alloc(type_index), VJVM_UPCALL_DONE, handle);
}

/*
 * A tape being recorded. The Java side streams it here in bounded chunks (tapeWrite) and ends the
 * save records (tapeSaveDone), learning whether AOF records are to follow; so recording a value
 * needs no copy of its saved form on the heap.
 */
struct tape_builder {
    char *data; /* ValkeyModule_Alloc */
    size_t length, capacity;
    int save_done; /* tapeSaveDone came: the recording reached its end */
    int with_aof;  /* AOF records follow the save records */
};

static void builder_reserve(struct tape_builder *builder, size_t more) {
    if (builder->capacity - builder->length >= more) return;
    size_t wanted = builder->capacity + builder->capacity / 2;
    if (wanted < builder->length + more) wanted = builder->length + more;
    if (wanted < 64) wanted = 64;
    builder->data = vjvm_api.Realloc(builder->data, wanted);
    builder->capacity = wanted;
}

/*
 * After a recording upcall (record or auxRecord) into `builder`: its tape replaces *tape. Returns 0,
 * leaving *tape as it was, if the upcall did not run, threw or did not finish the tape.
 */
static int finish_tape(int outcome, jboolean recorded, struct tape_builder *builder, struct tape *tape) {
    if (outcome != VJVM_UPCALL_DONE || !recorded || !builder->save_done) {
        vjvm_api.Free(builder->data);
        return 0;
    }
    vjvm_api.Free(tape->data);
    if (builder->length == 0) {
        vjvm_api.Free(builder->data);
        builder->data = NULL;
    } else if (builder->length != builder->capacity) {
        builder->data = vjvm_api.Realloc(builder->data, builder->length);
    }
    tape->data = builder->data;
    tape->length = builder->length;
    return 1;
}

/* Re-records a value's tape by running the type's save code (main thread, never in a fork child). */
static int record_value(struct vjvm_value *value) {
    struct tape_builder builder = {.with_aof = aof_forms_wanted};
    struct tape fresh = {0};
    jboolean recorded = JNI_FALSE;
    int outcome = vjvm_up_record(&recorded, (jlong)value->handle, VJVM_JLONG(&builder));
    if (outcome == VJVM_UPCALL_NOT_ENTERED) { /* a fork child: the tape stays as the parent left it */
        vjvm_api.Free(builder.data);
        return 0;
    }
    value->record_failed = !finish_tape(outcome, recorded, &builder, &fresh);
    if (value->record_failed) return 0; /* the old tape stays, marked stale */
    __atomic_add_fetch(&tape_bytes, fresh.length - tape_length(value), __ATOMIC_RELAXED);
    tape_replace(value, fresh);
    value->aof_recorded = (uint8_t)builder.with_aof;
    return 1;
}

static void refresh_if_dirty(struct vjvm_value *value) {
    if (value->dirty_slot == 0) return;
    if (!record_value(value)) return; /* a failed value stays dirty: the next save retries */
    pthread_mutex_lock(&values_lock);
    if (value->dirty_slot != 0) dirty_remove(value);
    pthread_mutex_unlock(&values_lock);
}

/*
 * Brings a dirty value's tape up to date where the JVM can run (SAVE, DEBUG RELOAD, DUMP record on
 * the spot); 1 if the tape may be saved: its last recording succeeded and nothing changed since.
 */
static int tape_saveable(struct vjvm_value *value) {
    refresh_if_dirty(value);
    return !value->record_failed && value->dirty_slot == 0;
}

int vjvm_value_saves(const void *server_type, void *value) {
    int own = 0;
    for (int i = 0; i < VJVM_MAX_DATA_TYPES && !own; i++) own = server_type != NULL && types[i].server_type == server_type;
    return !own || tape_saveable(value);
}

static void refresh_aux(int type_index, int when) {
    struct tape_builder builder = {0};
    jboolean recorded = JNI_FALSE;
    int outcome = vjvm_up_aux_record(&recorded, type_index, when, VJVM_JLONG(&builder));
    if (outcome == VJVM_UPCALL_NOT_ENTERED) { /* a fork child: the tape stays as the parent left it */
        vjvm_api.Free(builder.data);
        return;
    }
    types[type_index].aux_failed[when] = !finish_tape(outcome, recorded, &builder, &types[type_index].aux[when]);
}

/*
 * pthread_atfork prepare: runs in the parent, on the forking thread, before the fork. On the
 * server's main thread, where the JVM is healthy, bring every dirty tape up to date.
 */
static void before_fork(void) {
    if (!pthread_equal(pthread_self(), main_thread) || vjvm_state.upcalls == NULL || vjvm_in_fork_child()) return;
    pthread_mutex_lock(&values_lock);
    for (size_t i = dirty_count; i > 0; i--) {
        /* A value whose save code fails stays dirty (and marked failed): the child fails the save. */
        if (record_value(dirty[i - 1])) dirty_remove(dirty[i - 1]);
    }
    pthread_mutex_unlock(&values_lock);
    for (int i = 0; i < VJVM_MAX_DATA_TYPES; i++) {
        if (!(types[i].features & VJVM_TYPE_AUX)) continue;
        refresh_aux(i, AUX_BEFORE_RDB);
        refresh_aux(i, AUX_AFTER_RDB);
    }
}

static void register_refresh(void) { pthread_atfork(before_fork, NULL, NULL); }

static int64_t nanos_since(const struct timespec *start) {
    struct timespec now;
    clock_gettime(CLOCK_MONOTONIC, &now);
    return (int64_t)(now.tv_sec - start->tv_sec) * 1000000000 + (now.tv_nsec - start->tv_nsec);
}

/*
 * A slice of before_fork's work, done ahead of the fork on the main thread (a timer soon after
 * values change): the fork finds only what changed since. Values whose last recording failed
 * are left to the next save, which retries and reports them.
 */
jint JNICALL vjvm_native_dirty_count(JNIEnv *env, jclass cls) {
    pthread_mutex_lock(&values_lock);
    size_t count = dirty_count;
    pthread_mutex_unlock(&values_lock);
    return (jint)count;
}

jlong JNICALL vjvm_native_tape_bytes(JNIEnv *env, jclass cls) { return (jlong)__atomic_load_n(&tape_bytes, __ATOMIC_RELAXED); }

jint JNICALL vjvm_native_record_dirty(JNIEnv *env, jclass cls, jlong budget_nanos) {
    struct timespec start;
    jint left = 0;
    if (!pthread_equal(pthread_self(), main_thread) || vjvm_state.upcalls == NULL || vjvm_in_fork_child()) return 0;
    clock_gettime(CLOCK_MONOTONIC, &start);
    pthread_mutex_lock(&values_lock);
    size_t unvisited = dirty_count; /* dirty[0, unvisited) not tried yet; removal swaps in from the tried end */
    while (unvisited > 0 && nanos_since(&start) < budget_nanos) {
        struct vjvm_value *value = dirty[--unvisited];
        if (!value->record_failed && record_value(value)) dirty_remove(value);
    }
    for (size_t i = 0; i < unvisited; i++) left += !dirty[i]->record_failed;
    pthread_mutex_unlock(&values_lock);
    return left;
}

void vjvm_install_tape_refresh(void) {
    main_thread = pthread_self();
    pthread_once(&refresh_once, register_refresh);
}

/*
 * The server fails an RDB save (BGSAVE, SAVE, DEBUG RELOAD, full sync) when the IO's error flag is
 * set after rdb_save. The module API has no setter, so set the flag in the server's
 * ValkeyModuleIO {size_t bytes; rio *rio; moduleType *type; int error; ...} (unchanged since the
 * first module API), and check through IsIOError that it took.
 */
static int set_io_error(void *io) {
    int *error = (int *)((char *)io + 3 * sizeof(void *));
    int before = *error;
    if (vjvm_api.IsIOError == NULL || vjvm_api.IsIOError(io) != (before != 0)) return 0;
    *error = 1;
    if (vjvm_api.IsIOError(io)) return 1;
    *error = before;
    return 0;
}

/*
 * True if the IO writes nowhere and only counts bytes: DEBUG OBJECT's serializedlength saves the
 * value with no rio (the IO's second field, see set_io_error), and asserts that the save did not fail.
 */
static int io_only_measures(void *io) {
    void *rio;
    memcpy(&rio, (char *)io + sizeof(size_t), sizeof rio);
    return rio == NULL;
}

/*
 * A value that cannot be saved correctly fails the whole save rather than write a damaged file.
 * Where nothing is written (a measure), the value is left out of the count instead: an error
 * there would stop the server.
 */
static void fail_save(void *io, const char *why) {
    if (io_only_measures(io)) {
        if (vjvm_api.LogIOError != NULL) vjvm_api.LogIOError(io, "warning", MSG_SAVE_NOT_MEASURED, vjvm_state.name, why);
        return;
    }
    if (vjvm_api.LogIOError != NULL)
        vjvm_api.LogIOError(io, "warning", MSG_SAVE_FAILS, vjvm_state.name, why);
    if (!set_io_error(io) && vjvm_in_fork_child()) _exit(1);
}

static void save_unsigned(void *io, uint64_t value) { vjvm_api.SaveUnsigned(io, value); }
static void save_double(void *io, double value) { vjvm_api.SaveDouble(io, value); }
static void save_float(void *io, float value) { vjvm_api.SaveFloat(io, value); }
static void save_long_double(void *io, long double value) { vjvm_api.SaveLongDouble(io, value); }
static void save_bytes(void *io, const char *data, size_t length) { vjvm_api.SaveStringBuffer(io, data, length); }

/* Replays recorded Save* calls into the server's IO. */
static const struct vjvm_record_visitor io_writer = {
    save_unsigned, save_double, save_float, save_long_double, save_bytes,
};

/* Replays the save records of [tape, end) into io; 0 if they are damaged. */
static int replay_rdb(void *io, const char *tape, const char *end) { return vjvm_visit_records(tape, end, &io_writer, io, NULL); }

static void skip_unsigned(void *target, uint64_t value) {}
static void skip_double(void *target, double value) {}
static void skip_float(void *target, float value) {}
static void skip_long_double(void *target, long double value) {}
static void skip_bytes(void *target, const char *data, size_t length) {}

static const struct vjvm_record_visitor skipper = {skip_unsigned, skip_double, skip_float, skip_long_double, skip_bytes};

/* Replays one recorded EmitAOF (after its VJVM_TAPE_AOF_COMMAND byte): u64 argc (command included),
 * then per argument a kind byte, VJVM_TAPE_AOF_KEY or VJVM_TAPE_AOF_BYTES (u64 length and bytes). */
static int replay_emit(void *io, void *key, const char **p, const char *end) {
    uint64_t argc = 0, length = 0;
    char kind = 0;
    int ok = 0;
    char *command = NULL;
    void **args = NULL;
    if (!vjvm_take(p, end, &argc, 8) || argc == 0 || argc > (uint64_t)(end - *p)) return 0;
    args = calloc(argc, sizeof *args);
    if (args == NULL) return 0;
    for (uint64_t i = 0; i < argc; i++) {
        if (!vjvm_take(p, end, &kind, 1)) goto done;
        if (kind == VJVM_TAPE_AOF_KEY && i > 0) {
            /* The server's key here is a stack object, which "v" would try to retain: pass a copy. */
            args[i] = vjvm_api.CreateStringFromString(NULL, key);
            continue;
        }
        if (kind != VJVM_TAPE_AOF_BYTES || !vjvm_take(p, end, &length, 8) || (uint64_t)(end - *p) < length) goto done;
        if (i == 0) {
            command = strndup(*p, (size_t)length);
            if (command == NULL) goto done;
        } else {
            args[i] = vjvm_api.CreateString(NULL, *p, (size_t)length);
        }
        *p += length;
    }
    vjvm_api.EmitAOF(io, command, "v", args + 1, (size_t)(argc - 1));
    ok = 1;
done:
    for (uint64_t i = 1; i < argc; i++)
        if (args[i] != NULL) vjvm_api.FreeString(NULL, args[i]);
    free(command);
    free(args);
    return ok;
}

static void rdb_save(void *io, void *v) {
    struct vjvm_value *value = v;
    size_t length;
    const char *tape;
    if (!tape_saveable(value)) { /* records a dirty value first, which replaces its tape */
        fail_save(io, "a value's save code failed (see the earlier log line)");
        return;
    }
    tape = tape_of(value, &length);
    if (!replay_rdb(io, tape, tape + length)) fail_save(io, "a recorded save is damaged");
}

/*
 * A type without aofRewrite: the key comes back as RESTORE with the value's saved form, the
 * DUMP payload built from the recorded save, so the type's load code reads it as from an RDB.
 */
static void emit_restore(void *io, void *key, uint64_t module_id, const char *tape, const char *end) {
    size_t length = 0;
    const char *records_end = NULL;
    int intact = vjvm_visit_records(tape, end, &skipper, NULL, &records_end);
    char *payload = intact ? vjvm_restore_payload(module_id, tape, records_end, &length) : NULL;
    if (payload == NULL) {
        fail_save(io, "a recorded save is damaged or too large to become a RESTORE command");
        return;
    }
    void *key_copy = vjvm_api.CreateStringFromString(NULL, key); /* the server's key here is a stack object */
    vjvm_api.EmitAOF(io, "RESTORE", "slb", key_copy, (long long)0, payload, length);
    vjvm_api.FreeString(NULL, key_copy);
    free(payload);
}

/*
 * Without the RDB preamble. A value whose AOF form was not recorded (recorded while no rewrite
 * would read it, and unchanged since) is rewritten as RESTORE too, which loads the same value.
 */
static void aof_rewrite(void *io, void *key, void *v) {
    struct vjvm_value *value = v;
    const char *tape, *end, *aof = NULL;
    size_t length;
    if (!tape_saveable(value)) { /* records a dirty value first, which replaces its tape */
        fail_save(io, "a value's save or AOF rewrite code failed (see the earlier log line)");
        return;
    }
    tape = tape_of(value, &length);
    end = tape + length;
    if (!(types[value->type_index].features & VJVM_TYPE_AOF) || !value->aof_recorded) {
        emit_restore(io, key, types[value->type_index].module_id, tape, end);
        return;
    }
    if (!vjvm_visit_records(tape, end, &skipper, NULL, &aof)) aof = NULL;
    while (aof != NULL && aof < end) {
        if (*aof++ != VJVM_TAPE_AOF_COMMAND || !replay_emit(io, key, &aof, end)) aof = NULL;
    }
    if (aof == NULL) fail_save(io, "a recorded AOF rewrite is damaged");
}

/*
 * The Java value goes at once, on the thread the server frees it on: the main thread (DEL, a
 * synchronous flush) or its lazy-free thread (FLUSHALL ASYNC, and in Valkey 8 the flush before a
 * replica's full resync), which is then attached to the JVM. So a flush followed by a load never
 * holds both datasets on the heap. The Java side drops the value from its table before anything
 * that can fail. Never in a fork child, where the JVM must not run.
 */
static void free_value(void *v) {
    struct vjvm_value *value = v;
    /* Java first: once its table forgets the value, nothing there can reach this native value (markDirty). */
    if (vjvm_up_free_value((jlong)value->handle) == VJVM_UPCALL_NOT_ENTERED && !vjvm_in_fork_child() && vjvm_api.Log != NULL &&
        vjvm_log_admit("freeing a value", "no JVM on this thread"))
        vjvm_api.Log(NULL, "warning", MSG_FREED_VALUE_STRANDED, vjvm_state.name);
    pthread_mutex_lock(&values_lock);
    if (value->dirty_slot != 0) dirty_remove(value);
    pthread_mutex_unlock(&values_lock);
    __atomic_sub_fetch(&tape_bytes, tape_length(value), __ATOMIC_RELAXED);
    tape_free(value);
    vjvm_api.Free(value);
}

static size_t mem_usage(const void *v) {
    struct vjvm_value *value = (struct vjvm_value *)v;
    size_t own = sizeof *value;
    jlong reported = 0;
    if (types[value->type_index].features & VJVM_TYPE_MEM_USAGE) {
        if (vjvm_up_memory_usage(&reported, (jlong)value->handle) == VJVM_UPCALL_DONE && reported > 0) own += (size_t)reported;
    } else {
        refresh_if_dirty(value); /* without a memoryUsage, the recorded save's size stands in */
    }
    return own + tape_outside_bytes(value);
}

static void digest(void *md, void *v) {
    struct vjvm_value *value = v;
    vjvm_up_digest((jlong)value->handle, VJVM_JLONG(md));
}

static void *copy_value(void *fromkey, void *tokey, const void *v) {
    const struct vjvm_value *value = v;
    struct vjvm_value *copy = value_alloc(value->type_index);
    jlong handle = 0;
    int outcome = vjvm_up_copy(&handle, (jlong)value->handle, VJVM_JLONG(copy));
    return value_made(copy, outcome, handle);
}

static void unlink_value(void *key, const void *v) {
    const struct vjvm_value *value = v;
    vjvm_up_unlink((jlong)value->handle);
}

static size_t free_effort(void *key, const void *v) {
    const struct vjvm_value *value = v;
    jlong effort = 1;
    if (vjvm_up_free_effort(&effort, (jlong)value->handle) != VJVM_UPCALL_DONE || effort < 0) return 1;
    return (size_t)effort;
}

static void *rdb_load(int type_index, void *io, int encver) {
    struct vjvm_value *value = value_alloc(type_index);
    jlong handle = 0;
    int outcome = vjvm_up_load(&handle, type_index, VJVM_JLONG(io), encver, VJVM_JLONG(value));
    return value_made(value, outcome, handle);
}

static int aux_load(int type_index, void *io, int encver, int when) {
    jint rc = VALKEYMODULE_ERR;
    if (vjvm_up_aux_load(&rc, type_index, VJVM_JLONG(io), encver, when) != VJVM_UPCALL_DONE) return VALKEYMODULE_ERR;
    return (int)rc;
}

static void aux_save(int type_index, void *io, int when) {
    int slot = when == AUX_AFTER_RDB ? AUX_AFTER_RDB : AUX_BEFORE_RDB;
    struct tape *tape = &types[type_index].aux[slot];
    refresh_aux(type_index, slot);
    if (types[type_index].aux_failed[slot])
        fail_save(io, "the module's auxSave code failed (see the earlier log line)");
    else if (!replay_rdb(io, tape->data, tape->data + tape->length))
        fail_save(io, "recorded aux data is damaged");
}

/* The server passes no type to rdb_load/aux_load/aux_save, so each type gets its own entry points. */
#define TYPE_ENTRIES(i)                                                                                   \
    static void *rdb_load_##i(void *io, int encver) { return rdb_load(i, io, encver); }                  \
    static int aux_load_##i(void *io, int encver, int when) { return aux_load(i, io, encver, when); }    \
    static void aux_save_##i(void *io, int when) { aux_save(i, io, when); }
#define ENTRY_TABLE(i) {(void *)rdb_load_##i, (void *)aux_load_##i, (void *)aux_save_##i},
#define EACH_TYPE(M) M(0) M(1) M(2) M(3) M(4) M(5) M(6) M(7) M(8) M(9) M(10) M(11) M(12) M(13) M(14) M(15)

EACH_TYPE(TYPE_ENTRIES)
static void *const type_entries[VJVM_MAX_DATA_TYPES][3] = {EACH_TYPE(ENTRY_TABLE)};

void *vjvm_create_data_type(void *ctx, int type_index, const char *name, int encver, int features, int aux_triggers) {
    if (type_index < 0 || type_index >= VJVM_MAX_DATA_TYPES) return NULL;
    struct type_methods methods = {
        .version = VALKEYMODULE_TYPE_METHOD_VERSION,
        .rdb_load = type_entries[type_index][0],
        .rdb_save = (void *)rdb_save,
        .aof_rewrite = (void *)aof_rewrite, /* always: the server calls it unchecked on AOF rewrite */
        .mem_usage = (void *)mem_usage,
        .digest = (features & VJVM_TYPE_DIGEST) ? (void *)digest : NULL,
        .free = (void *)free_value,
        .aux_load = (features & VJVM_TYPE_AUX) ? type_entries[type_index][1] : NULL,
        .aux_save = (features & VJVM_TYPE_AUX) ? type_entries[type_index][2] : NULL,
        .aux_save_triggers = (features & VJVM_TYPE_AUX) ? aux_triggers : 0,
        .free_effort = (features & VJVM_TYPE_FREE_EFFORT) ? (void *)free_effort : NULL,
        .unlink = (features & VJVM_TYPE_UNLINK) ? (void *)unlink_value : NULL,
        .copy = (features & VJVM_TYPE_COPY) ? (void *)copy_value : NULL,
    };
    void *server_type = vjvm_api.CreateDataType(ctx, name, encver, &methods);
    if (server_type != NULL) {
        types[type_index].features = features;
        types[type_index].server_type = server_type;
        types[type_index].module_id = vjvm_module_type_id(name, encver);
    }
    return server_type;
}

void vjvm_datatypes_reset(void) {
    for (int i = 0; i < VJVM_MAX_DATA_TYPES; i++) {
        vjvm_api.Free(types[i].aux[AUX_BEFORE_RDB].data);
        vjvm_api.Free(types[i].aux[AUX_AFTER_RDB].data);
        types[i] = (struct type_info){0};
    }
}

/* NativeAccess natives. */

jlong JNICALL vjvm_native_create_data_type(JNIEnv *env, jclass cls, jlong ctx, jint type_index, jstring name, jint encver,
                                      jint features, jint aux_triggers) {
    const char *chars = (*env)->GetStringUTFChars(env, name, NULL);
    if (chars == NULL) return 0;
    void *server_type = vjvm_create_data_type((void *)(intptr_t)ctx, type_index, chars, encver, features, aux_triggers);
    (*env)->ReleaseStringUTFChars(env, name, chars);
    return (jlong)(intptr_t)server_type;
}

jlong JNICALL vjvm_native_new_value(JNIEnv *env, jclass cls, jint type_index, jlong handle) {
    return (jlong)(intptr_t)vjvm_value_new(type_index, handle);
}

jlong JNICALL vjvm_native_value_handle(JNIEnv *env, jclass cls, jlong value) {
    return ((struct vjvm_value *)(intptr_t)value)->handle;
}

void JNICALL vjvm_native_mark_dirty(JNIEnv *env, jclass cls, jlong value) {
    vjvm_value_mark_dirty((struct vjvm_value *)(intptr_t)value);
}

jbyteArray JNICALL vjvm_native_load_string_buffer(JNIEnv *env, jclass cls, jlong io) {
    size_t length = 0;
    char *data = vjvm_api.LoadStringBuffer((void *)(intptr_t)io, &length);
    if (data == NULL) return NULL;
    jbyteArray bytes = length > INT32_MAX ? NULL : (*env)->NewByteArray(env, (jsize)length);
    if (bytes != NULL) (*env)->SetByteArrayRegion(env, bytes, 0, (jsize)length, (const jbyte *)data);
    vjvm_api.Free(data);
    return bytes;
}

void JNICALL vjvm_native_tape_write(JNIEnv *env, jclass cls, jlong sink, jbyteArray bytes, jint offset, jint length) {
    struct tape_builder *builder = (struct tape_builder *)(intptr_t)sink;
    if (length <= 0) return;
    builder_reserve(builder, (size_t)length);
    (*env)->GetByteArrayRegion(env, bytes, offset, length, (jbyte *)(builder->data + builder->length));
    if (!(*env)->ExceptionCheck(env)) builder->length += (size_t)length;
}

jboolean JNICALL vjvm_native_tape_save_done(JNIEnv *env, jclass cls, jlong sink) {
    struct tape_builder *builder = (struct tape_builder *)(intptr_t)sink;
    builder->save_done = 1;
    return builder->with_aof ? JNI_TRUE : JNI_FALSE;
}

void JNICALL vjvm_native_set_aof_forms_wanted(JNIEnv *env, jclass cls, jboolean wanted) { aof_forms_wanted = wanted == JNI_TRUE; }
