#include "dump_guard.h"

#include <stdint.h>
#include <string.h>
#include <strings.h>

#include "datatypes.h"
#include "upcalls.h"
#include "vjvm_api.h"
#include "vjvm_constants.h"

/* ValkeyModuleClientInfoV1, as laid out by the server. */
struct client_info {
    uint64_t version;
    uint64_t flags;
    uint64_t id;
    char addr[46];
    uint16_t port;
    uint16_t db;
};

/*
 * What a refused DUMP runs instead: no such command exists, so the client gets the server's
 * "unknown command" error with this name in it, and nothing else runs (ACLs are not bypassed).
 */
#define REFUSED_DUMP "DUMP refused by valkey-jvm: the value's save code fails (see the server log)"

/* Opens the filtered command's keys in the client's database; used only by the filter, on the main thread. */
static void *guard_ctx;

static int is_dump(void *arg) {
    size_t length = 0;
    const char *name = vjvm_api.StringPtrLen(arg, &length);
    return length == 4 && strncasecmp(name, "dump", 4) == 0;
}

/* 1 if the key in database `db` holds a value of this module whose save code fails now, 0 if not, -1 if there is no such database. */
static int unsaveable_in_db(int db, void *key_name) {
    if (vjvm_api.SelectDb(guard_ctx, db) != VALKEYMODULE_OK) return -1;
    void *key = vjvm_api.OpenKey(guard_ctx, key_name, VALKEYMODULE_READ | VALKEYMODULE_OPEN_KEY_NOTOUCH | VALKEYMODULE_OPEN_KEY_NOEXPIRE);
    if (key == NULL) return 0;
    int unsaveable = vjvm_api.KeyType(key) == VALKEYMODULE_KEYTYPE_MODULE &&
                     !vjvm_value_saves(vjvm_api.ModuleTypeGetType(key), vjvm_api.ModuleTypeGetValue(key));
    vjvm_api.CloseKey(key);
    return unsaveable;
}

/* True if the key holds a value of this module whose save code fails now. */
static int holds_unsaveable_value(uint64_t client_id, void *key_name) {
    struct client_info info = {.version = 1};
    if (vjvm_api.GetClientInfoById(&info, client_id) == VALKEYMODULE_OK) return unsaveable_in_db(info.db, key_name) == 1;
    /*
     * A client the server does not list (a script's, a module's call): its database is unknown here,
     * so the key is looked up in each. A same-named unsaveable key in another database refuses this
     * DUMP too, an error where letting it through could reply a payload that silently lacks the value.
     */
    for (int db = 0;; db++) {
        int unsaveable = unsaveable_in_db(db, key_name);
        if (unsaveable != 0) return unsaveable == 1;
    }
}

static void dump_guard(void *fctx) {
    if (vjvm_api.CommandFilterArgsCount(fctx) != 2 || !is_dump(vjvm_api.CommandFilterArgGet(fctx, 0))) return;
    if (vjvm_upcall_env() == NULL) return;
    if (!holds_unsaveable_value(vjvm_api.CommandFilterGetClientId(fctx), vjvm_api.CommandFilterArgGet(fctx, 1))) return;
    vjvm_api.CommandFilterArgReplace(fctx, 0, vjvm_api.CreateString(NULL, REFUSED_DUMP, strlen(REFUSED_DUMP)));
}

int vjvm_install_dump_guard(void *ctx) {
    /* CommandFilterGetClientId came with 7.2; older servers keep the server's behaviour. */
    if (vjvm_api.CommandFilterGetClientId == NULL || vjvm_api.GetDetachedThreadSafeContext == NULL) return 0;
    if (guard_ctx == NULL) guard_ctx = vjvm_api.GetDetachedThreadSafeContext(ctx);
    return guard_ctx != NULL && vjvm_api.RegisterCommandFilter(ctx, (void *)dump_guard, 0) != NULL;
}
