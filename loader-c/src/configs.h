/* Module configs: the server's get/set/apply callbacks, each handing over to the module's Java side. */
#ifndef VJVM_CONFIGS_H
#define VJVM_CONFIGS_H

/* The config callback number which (VJVM_CALLBACK_CONFIG_*), or NULL. */
void *vjvm_config_callback(int which);

/* Frees what the callbacks keep between calls (the last string a get returned); unload. */
void vjvm_configs_reset(void);

#endif
