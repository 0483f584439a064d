/*
 * cblock: a plain C baseline for bench/blocking.sh.
 *
 * CBLOCK.ECHO <s> blocks the client, starts a detached thread that hands a copy of
 * <s> back with UnblockClient, and the reply callback (on the main thread) replies
 * with it: a block -> other thread -> reply on the main thread round trip, the way
 * the server's own helloblock/blockonbackground examples do it (a thread per request).
 * CBLOCK.PLAIN <s> replies <s> directly, for scale.
 *
 * CBLOCK.BLPOP <key> <timeout ms> is the C counterpart of FIXTURE.BPOP: it always
 * blocks the client on <key> with BlockClientOnKeys and at once signals the key as
 * ready, so the server calls the reply callback when the command returns; that
 * callback pops the list with LPOP and replies the element, or keeps waiting while
 * <key> holds no list. A timeout (0 = none) replies a null array, like BLPOP.
 *
 * As in chello.c, no header from the server is used: the module API entry points
 * are declared here from the documented ABI and resolved through the GetApi
 * pointer found at the start of ctx.
 */
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#define OK 0
#define ERR 1

typedef int (*CommandFunc)(void *ctx, void **argv, int argc);
typedef void (*FreePrivdataFunc)(void *ctx, void *privdata);

/* Values from the module ABI. */
#define KEYTYPE_LIST 2 /* VALKEYMODULE_KEYTYPE_LIST */
#define OPEN_READ 1    /* VALKEYMODULE_READ */
#define REPLY_STRING 0 /* VALKEYMODULE_REPLY_STRING */

static int (*IsModuleNameBusy)(const char *name);
static void (*SetModuleAttribs)(void *ctx, const char *name, int ver, int apiver);
static int (*CreateCommand)(void *ctx, const char *name, CommandFunc cmdfunc, const char *strflags,
                            int firstkey, int lastkey, int keystep);
static void *(*BlockClient)(void *ctx, CommandFunc reply_callback, CommandFunc timeout_callback,
                            FreePrivdataFunc free_privdata, long long timeout_ms);
static int (*UnblockClient)(void *bc, void *privdata);
static int (*AbortBlock)(void *bc);
static void *(*BlockClientOnKeys)(void *ctx, CommandFunc reply_callback, CommandFunc timeout_callback,
                                  FreePrivdataFunc free_privdata, long long timeout_ms, void **keys,
                                  int numkeys, void *privdata);
static void (*SignalKeyAsReady)(void *ctx, void *key);
static void *(*GetBlockedClientReadyKey)(void *ctx);
static void *(*OpenKey)(void *ctx, void *keyname, int mode);
static void (*CloseKey)(void *key);
static int (*KeyType)(void *key);
static void *(*Call)(void *ctx, const char *cmdname, const char *fmt, ...);
static int (*CallReplyType)(void *reply);
static int (*ReplyWithCallReply)(void *ctx, void *reply);
static void (*FreeCallReply)(void *reply);
static int (*StringToLongLong)(const void *str, long long *ll);
static int (*ReplyWithNullArray)(void *ctx);
static void *(*GetBlockedClientPrivateData)(void *ctx);
static const char *(*StringPtrLen)(const void *str, size_t *len);
static int (*ReplyWithStringBuffer)(void *ctx, const char *buf, size_t len);
static int (*ReplyWithError)(void *ctx, const char *err);
static int (*ReplyWithNull)(void *ctx);
static int (*WrongArity)(void *ctx);
static void *(*Alloc)(size_t bytes);
static void (*Free)(void *ptr);

/* What the worker thread hands back: the blocked client and a copy of the argument. */
typedef struct {
    void *bc;
    size_t len;
    char data[];
} EchoJob;

/* Reply callback, main thread: the client was unblocked with an EchoJob. */
static int EchoReply(void *ctx, void **argv, int argc) {
    (void)argv;
    (void)argc;
    EchoJob *job = GetBlockedClientPrivateData(ctx);
    if (job == NULL) return ReplyWithError(ctx, "ERR no echo data");
    ReplyWithStringBuffer(ctx, job->data, job->len);
    return OK;
}

/* Timeout callback: never reached with a timeout of 0, but a CLIENT UNBLOCK lands here. */
static int EchoTimeout(void *ctx, void **argv, int argc) {
    (void)argv;
    (void)argc;
    return ReplyWithNull(ctx);
}

static void EchoFree(void *ctx, void *privdata) {
    (void)ctx;
    Free(privdata);
}

/* The worker: nothing to do but give the copy back. */
static void *EchoThread(void *arg) {
    EchoJob *job = arg;
    UnblockClient(job->bc, job);
    return NULL;
}

/* CBLOCK.ECHO <s>: <s>, replied after a round trip through another thread. */
static int EchoCommand(void *ctx, void **argv, int argc) {
    size_t len;
    const char *str;
    EchoJob *job;
    pthread_t tid;
    pthread_attr_t attr;
    int started;

    if (argc != 2) return WrongArity(ctx);

    str = StringPtrLen(argv[1], &len);
    job = Alloc(sizeof(EchoJob) + len);
    job->len = len;
    memcpy(job->data, str, len);
    job->bc = BlockClient(ctx, EchoReply, EchoTimeout, EchoFree, 0);

    pthread_attr_init(&attr);
    pthread_attr_setdetachstate(&attr, PTHREAD_CREATE_DETACHED);
    started = pthread_create(&tid, &attr, EchoThread, job) == 0;
    pthread_attr_destroy(&attr);
    if (!started) {
        AbortBlock(job->bc);
        Free(job);
        return ReplyWithError(ctx, "ERR cannot start a thread");
    }
    return OK;
}

/* Reply callback of CBLOCK.BLPOP, main thread, each time the key is signalled as ready:
 * pops the list and replies the element (OK: served), or keeps the client waiting (ERR).
 * The LPOP goes to replicas and the AOF ("!"), as native BLPOP propagates its pop as an LPOP. */
static int PopReply(void *ctx, void **argv, int argc) {
    void *name = GetBlockedClientReadyKey(ctx);
    void *key, *popped;
    int is_list, served;

    (void)argv;
    (void)argc;
    /* KeyType and CloseKey accept NULL: the key is absent, or no key was ready. */
    key = name != NULL ? OpenKey(ctx, name, OPEN_READ) : NULL;
    is_list = KeyType(key) == KEYTYPE_LIST;
    CloseKey(key);

    popped = is_list ? Call(ctx, "LPOP", "!s", name) : NULL;
    served = popped != NULL && CallReplyType(popped) == REPLY_STRING &&
             ReplyWithCallReply(ctx, popped) == OK;
    if (popped != NULL) FreeCallReply(popped);
    return served ? OK : ERR;
}

/* Timeout callback of CBLOCK.BLPOP (also reached by CLIENT UNBLOCK): a null array, as BLPOP. */
static int PopTimeout(void *ctx, void **argv, int argc) {
    (void)argv;
    (void)argc;
    return ReplyWithNullArray(ctx);
}

/* CBLOCK.BLPOP <key> <timeout ms>: the head of list <key>, always served from the reply
 * callback after blocking on the key, never directly from the command. */
static int BlpopCommand(void *ctx, void **argv, int argc) {
    long long timeout_ms;

    if (argc != 3) return WrongArity(ctx);
    if (StringToLongLong(argv[2], &timeout_ms) != OK || timeout_ms < 0)
        return ReplyWithError(ctx, "ERR timeout is not a non-negative integer");

    if (BlockClientOnKeys(ctx, PopReply, PopTimeout, NULL, timeout_ms, &argv[1], 1, NULL) == NULL)
        return ReplyWithError(ctx, "ERR cannot block the client");
    SignalKeyAsReady(ctx, argv[1]);
    return OK;
}

/* CBLOCK.PLAIN <s>: <s>, straight away. */
static int PlainCommand(void *ctx, void **argv, int argc) {
    size_t len;
    const char *str;

    if (argc != 2) return WrongArity(ctx);
    str = StringPtrLen(argv[1], &len);
    ReplyWithStringBuffer(ctx, str, len);
    return OK;
}

#define RESOLVE(getapi, name) ((getapi)("ValkeyModule_" #name, (void *)&name) == OK)

int ValkeyModule_OnLoad(void *ctx, void **argv, int argc) {
    int (*getapi)(const char *name, void *out_fnptr_addr) =
        (int (*)(const char *, void *))(*(void **)ctx);
    (void)argv;
    (void)argc;

    int resolved = RESOLVE(getapi, IsModuleNameBusy) && RESOLVE(getapi, SetModuleAttribs) &&
                   RESOLVE(getapi, CreateCommand) && RESOLVE(getapi, BlockClient) &&
                   RESOLVE(getapi, UnblockClient) && RESOLVE(getapi, AbortBlock) &&
                   RESOLVE(getapi, GetBlockedClientPrivateData) && RESOLVE(getapi, StringPtrLen) &&
                   RESOLVE(getapi, ReplyWithStringBuffer) && RESOLVE(getapi, ReplyWithError) &&
                   RESOLVE(getapi, ReplyWithNull) && RESOLVE(getapi, WrongArity) &&
                   RESOLVE(getapi, Alloc) && RESOLVE(getapi, Free) &&
                   RESOLVE(getapi, BlockClientOnKeys) && RESOLVE(getapi, SignalKeyAsReady) &&
                   RESOLVE(getapi, GetBlockedClientReadyKey) && RESOLVE(getapi, OpenKey) &&
                   RESOLVE(getapi, CloseKey) && RESOLVE(getapi, KeyType) && RESOLVE(getapi, Call) &&
                   RESOLVE(getapi, CallReplyType) && RESOLVE(getapi, ReplyWithCallReply) &&
                   RESOLVE(getapi, FreeCallReply) && RESOLVE(getapi, StringToLongLong) &&
                   RESOLVE(getapi, ReplyWithNullArray);
    if (!resolved || IsModuleNameBusy("cblock")) return ERR;

    SetModuleAttribs(ctx, "cblock", 1, 1);
    if (CreateCommand(ctx, "cblock.echo", EchoCommand, "", 0, 0, 0) != OK ||
        CreateCommand(ctx, "cblock.plain", PlainCommand, "", 0, 0, 0) != OK ||
        CreateCommand(ctx, "cblock.blpop", BlpopCommand, "write", 1, 1, 1) != OK)
        return ERR;
    return OK;
}
