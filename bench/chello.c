/*
 * chello: a plain C baseline for the benchmark in bench/run.sh.
 *
 * It implements the same three commands as the JVM "hello" example module
 * (CHELLO.SIMPLE, CHELLO.RAND.ARRAY, CHELLO.LEFTPAD), so the two can be timed
 * side by side inside one server. No header from the server is used: the few
 * module API entry points needed are declared here from the documented ABI and
 * resolved at load time through the GetApi pointer found at the start of ctx.
 */
#include <stdlib.h>
#include <string.h>

#define OK 0
#define ERR 1

/* Same limit as the JVM port: the server's default proto-max-bulk-len. */
#define MAX_STRING_LENGTH (512LL * 1024 * 1024)

typedef int (*CommandFunc)(void *ctx, void **argv, int argc);

static int (*IsModuleNameBusy)(const char *name);
static void (*SetModuleAttribs)(void *ctx, const char *name, int ver, int apiver);
static int (*CreateCommand)(void *ctx, const char *name, CommandFunc cmdfunc, const char *strflags,
                            int firstkey, int lastkey, int keystep);
static int (*ReplyWithLongLong)(void *ctx, long long ll);
static int (*ReplyWithError)(void *ctx, const char *err);
static int (*WrongArity)(void *ctx);
static int (*ReplyWithArray)(void *ctx, long len);
static int (*ReplyWithString)(void *ctx, void *str);
static int (*ReplyWithStringBuffer)(void *ctx, const char *buf, size_t len);
static int (*StringToLongLong)(const void *str, long long *ll);
static const char *(*StringPtrLen)(const void *str, size_t *len);
static int (*GetSelectedDb)(void *ctx);
static void *(*PoolAlloc)(void *ctx, size_t bytes);

/* CHELLO.SIMPLE: the selected database's number; arguments are ignored. */
static int SimpleCommand(void *ctx, void **argv, int argc) {
    (void)argv;
    (void)argc;
    ReplyWithLongLong(ctx, GetSelectedDb(ctx));
    return OK;
}

/* CHELLO.RAND.ARRAY <count>: <count> random non-negative integers. */
static int RandArrayCommand(void *ctx, void **argv, int argc) {
    long long count;

    if (argc != 2) {
        WrongArity(ctx);
        return OK;
    }
    if (StringToLongLong(argv[1], &count) != OK || count < 0) {
        ReplyWithError(ctx, "ERR invalid count");
        return OK;
    }

    ReplyWithArray(ctx, (long)count);
    for (long long i = 0; i < count; i++) ReplyWithLongLong(ctx, rand());
    return OK;
}

/* CHELLO.LEFTPAD <str> <len> <ch>: <str> left-padded to <len> bytes with the single byte <ch>. */
static int LeftPadCommand(void *ctx, void **argv, int argc) {
    long long padlen;
    size_t len, chlen;
    const char *str, *ch;
    const char *error = NULL;
    char *buf;

    if (argc != 4) {
        WrongArity(ctx);
        return OK;
    }

    str = StringPtrLen(argv[1], &len);
    ch = StringPtrLen(argv[3], &chlen);
    if (StringToLongLong(argv[2], &padlen) != OK || padlen < 0) {
        error = "ERR invalid padding length";
    } else if ((long long)len >= padlen) {
        ReplyWithString(ctx, argv[1]);
        return OK;
    } else if (chlen != 1) {
        error = "ERR padding must be a single char";
    } else if (padlen > MAX_STRING_LENGTH) {
        error = "ERR invalid padding length";
    }
    if (error != NULL) {
        ReplyWithError(ctx, error);
        return OK;
    }

    buf = PoolAlloc(ctx, (size_t)padlen);
    memset(buf, *ch, (size_t)padlen - len);
    memcpy(buf + ((size_t)padlen - len), str, len);
    ReplyWithStringBuffer(ctx, buf, (size_t)padlen);
    return OK;
}

#define RESOLVE(getapi, name) ((getapi)("ValkeyModule_" #name, (void *)&name) == OK)

int ValkeyModule_OnLoad(void *ctx, void **argv, int argc) {
    int (*getapi)(const char *name, void *out_fnptr_addr) =
        (int (*)(const char *, void *))(*(void **)ctx);
    (void)argv;
    (void)argc;

    int resolved = RESOLVE(getapi, IsModuleNameBusy) && RESOLVE(getapi, SetModuleAttribs) &&
                   RESOLVE(getapi, CreateCommand) && RESOLVE(getapi, ReplyWithLongLong) &&
                   RESOLVE(getapi, ReplyWithError) && RESOLVE(getapi, WrongArity) &&
                   RESOLVE(getapi, ReplyWithArray) && RESOLVE(getapi, ReplyWithString) &&
                   RESOLVE(getapi, ReplyWithStringBuffer) && RESOLVE(getapi, StringToLongLong) &&
                   RESOLVE(getapi, StringPtrLen) && RESOLVE(getapi, GetSelectedDb) &&
                   RESOLVE(getapi, PoolAlloc);
    if (!resolved || IsModuleNameBusy("chello")) return ERR;

    SetModuleAttribs(ctx, "chello", 1, 1);
    if (CreateCommand(ctx, "chello.simple", SimpleCommand, "readonly", 0, 0, 0) != OK ||
        CreateCommand(ctx, "chello.rand.array", RandArrayCommand, "readonly", 0, 0, 0) != OK ||
        CreateCommand(ctx, "chello.leftpad", LeftPadCommand, "", 1, 1, 1) != OK)
        return ERR;
    return OK;
}
