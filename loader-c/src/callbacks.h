/* The loader's callbacks that the server calls for a module's commands, blocked clients, timers and events. */
#ifndef VJVM_CALLBACKS_H
#define VJVM_CALLBACKS_H

typedef int (*vjvm_command_fn)(void *ctx, void **argv, int argc);

/* The command callback for command number index (CreateCommand), or NULL past VJVM_COMMAND_CALLBACKS. */
vjvm_command_fn vjvm_command_callback(int index);

typedef void (*vjvm_filter_fn)(void *fctx);

/* The command filter callback number index (RegisterCommandFilter), or NULL past VJVM_COMMAND_FILTERS. */
vjvm_filter_fn vjvm_command_filter_callback(int index);
typedef int (*vjvm_keyspace_fn)(void *ctx, int type, const char *event, void *key);

/* The keyspace notification callback for subscription number index (SubscribeToKeyspaceEvents), or NULL past VJVM_KEYSPACE_CALLBACKS. */
vjvm_keyspace_fn vjvm_keyspace_callback(int index);
typedef int (*vjvm_auth_fn)(void *ctx, void *username, void *password, void **err);

/* The auth callback number index (RegisterAuthCallback), or NULL past VJVM_AUTH_CALLBACKS. */
vjvm_auth_fn vjvm_auth_callback(int index);

/* The callback number which (a VJVM_CALLBACK_ constant), or NULL. */
void *vjvm_callback(int which);

#endif
