/*
 * Trampolines for the variadic functions of the module API. JNA cannot call a C variadic function
 * through a direct-mapped method, so each gets a fixed shape here (given after "=>" in
 * jna-bindings/src/generator/module-api.decl, and declared in the generated vjvm_api.h):
 *
 *   Call, Replicate       argv/argc plus the caller's flag characters; fmt is "v" + flags
 *   EmitAOF               argv/argc; fmt is "v"
 *   CreateStringPrintf, Log, LogIOError, ReplyWithErrorFormat
 *                         one finished message; fmt is "%s", so '%' in it is not special
 *   HashSet, HashGet      arrays of up to 8 fields; the NULL that ends the variadic list is added here
 *
 * As in the generated trampolines, a function the server lacks raises UnsupportedOperationException
 * in Java (vjvm_missing_api) and the trampoline returns a zero value. The VJVM_SINCE_<Name> versions
 * come from the declarations, through vjvm_api.h.
 */
#include <errno.h>
#include <string.h>

#include "vjvm_api.h"

/* Longest flags string for Call and Replicate; the server knows about a dozen flag characters. */
#define VJVM_MAX_CALL_FLAGS 32

/*
 * Writes "v" followed by flags (NULL means none) into fmt, which has room for VJVM_MAX_CALL_FLAGS + 2 bytes.
 * Fails if flags is too long or holds an argument specifier (c s b l v): the server would read an
 * argument for it that the trampoline never passed.
 */
static int argv_format(char fmt[VJVM_MAX_CALL_FLAGS + 2], const char *flags) {
    size_t length = flags == NULL ? 0 : strnlen(flags, VJVM_MAX_CALL_FLAGS + 1);
    if (length > VJVM_MAX_CALL_FLAGS || (length > 0 && strpbrk(flags, "csblv") != NULL)) return 0;
    fmt[0] = 'v';
    if (length > 0) memcpy(fmt + 1, flags, length);
    fmt[length + 1] = '\0';
    return 1;
}

VJVM_EXPORT void *vjvm_Call(void *ctx, const char *cmdname, const char *flags, void **argv, size_t argc) {
    char fmt[VJVM_MAX_CALL_FLAGS + 2];
    if (vjvm_api.Call == NULL) {
        vjvm_missing_api("ValkeyModule_Call", VJVM_SINCE_Call);
        return NULL;
    }
    if (!argv_format(fmt, flags)) {
        errno = EBADF; /* what Call itself reports for a bad format */
        return NULL;
    }
    return vjvm_api.Call(ctx, cmdname, fmt, argv, argc);
}

VJVM_EXPORT int vjvm_Replicate(void *ctx, const char *cmdname, const char *flags, void **argv, size_t argc) {
    char fmt[VJVM_MAX_CALL_FLAGS + 2];
    if (vjvm_api.Replicate == NULL) {
        vjvm_missing_api("ValkeyModule_Replicate", VJVM_SINCE_Replicate);
        return 0;
    }
    if (!argv_format(fmt, flags)) {
        errno = EBADF;
        return 1; /* VALKEYMODULE_ERR, as Replicate returns for a bad format */
    }
    return vjvm_api.Replicate(ctx, cmdname, fmt, argv, argc);
}

VJVM_EXPORT void vjvm_EmitAOF(void *io, const char *cmdname, void **argv, size_t argc) {
    if (vjvm_api.EmitAOF == NULL) {
        vjvm_missing_api("ValkeyModule_EmitAOF", VJVM_SINCE_EmitAOF);
        return;
    }
    vjvm_api.EmitAOF(io, cmdname, "v", argv, argc);
}

VJVM_EXPORT void *vjvm_CreateStringPrintf(void *ctx, const char *text) {
    if (vjvm_api.CreateStringPrintf == NULL) {
        vjvm_missing_api("ValkeyModule_CreateStringPrintf", VJVM_SINCE_CreateStringPrintf);
        return NULL;
    }
    return vjvm_api.CreateStringPrintf(ctx, "%s", text);
}

VJVM_EXPORT void vjvm_Log(void *ctx, const char *levelstr, const char *message) {
    if (vjvm_api.Log == NULL) {
        vjvm_missing_api("ValkeyModule_Log", VJVM_SINCE_Log);
        return;
    }
    vjvm_api.Log(ctx, levelstr, "%s", message);
}

VJVM_EXPORT void vjvm_LogIOError(void *io, const char *levelstr, const char *message) {
    if (vjvm_api.LogIOError == NULL) {
        vjvm_missing_api("ValkeyModule_LogIOError", VJVM_SINCE_LogIOError);
        return;
    }
    vjvm_api.LogIOError(io, levelstr, "%s", message);
}

VJVM_EXPORT int vjvm_ReplyWithErrorFormat(void *ctx, const char *message) {
    if (vjvm_api.ReplyWithErrorFormat == NULL) {
        vjvm_missing_api("ValkeyModule_ReplyWithErrorFormat", VJVM_SINCE_ReplyWithErrorFormat);
        return 0;
    }
    return vjvm_api.ReplyWithErrorFormat(ctx, "%s", message);
}

/*
 * HashSet and HashGet take pairs up to a NULL field, so each call passes VJVM_HASH_FIELDS pairs with
 * fields[count] left NULL: the server stops reading there. Java splits longer requests.
 */
#define VJVM_HASH_FIELDS 8
#define VJVM_HASH_PAIRS(f, v)                                                                                  \
    f[0], v[0], f[1], v[1], f[2], v[2], f[3], v[3], f[4], v[4], f[5], v[5], f[6], v[6], f[7], v[7], (void *)NULL

/* fields[i] is a ValkeyModuleString *, or a C string with VALKEYMODULE_HASH_CFIELDS; values[i] may be VALKEYMODULE_HASH_DELETE. */
VJVM_EXPORT int vjvm_HashSet(void *key, int flags, void **fields, void **values, int count) {
    void *f[VJVM_HASH_FIELDS + 1] = {0}, *v[VJVM_HASH_FIELDS + 1] = {0};
    if (vjvm_api.HashSet == NULL) {
        vjvm_missing_api("ValkeyModule_HashSet", VJVM_SINCE_HashSet);
        return 0;
    }
    if (count < 0 || count > VJVM_HASH_FIELDS) {
        errno = EINVAL;
        return 0;
    }
    memcpy(f, fields, (size_t)count * sizeof(void *));
    memcpy(v, values, (size_t)count * sizeof(void *));
    return vjvm_api.HashSet(key, flags, VJVM_HASH_PAIRS(f, v));
}

/* The server writes a ValkeyModuleString * (or, with VALKEYMODULE_HASH_EXISTS, an int) into out[i] for fields[i]. */
VJVM_EXPORT int vjvm_HashGet(void *key, int flags, void **fields, void **out, int count) {
    void *f[VJVM_HASH_FIELDS + 1] = {0}, *o[VJVM_HASH_FIELDS + 1] = {0};
    if (vjvm_api.HashGet == NULL) {
        vjvm_missing_api("ValkeyModule_HashGet", VJVM_SINCE_HashGet);
        return 0;
    }
    if (count < 0 || count > VJVM_HASH_FIELDS) return 1; /* VALKEYMODULE_ERR */
    memcpy(f, fields, (size_t)count * sizeof(void *));
    for (int i = 0; i < count; i++) o[i] = &out[i];
    return vjvm_api.HashGet(key, flags, VJVM_HASH_PAIRS(f, o));
}
