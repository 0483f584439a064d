/*
 * DUMP of a module value whose save code fails must fail: the server ignores a module's save
 * error when it builds a DUMP payload, and would reply a payload without the value, which RESTORE
 * then refuses. A command filter looks at each DUMP first and refuses it when the value at the
 * key cannot be saved.
 */
#ifndef VJVM_DUMP_GUARD_H
#define VJVM_DUMP_GUARD_H

/* Registers the filter for a module with data types (main thread, once its load succeeded); 0 on failure. */
int vjvm_install_dump_guard(void *ctx);

#endif
