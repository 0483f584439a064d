package io.valkeyjvm.core;

/**
 * Applies configs once CONFIG SET has stored them all: for a change that needs several configs
 * at once. Configs that share one {@code ConfigApply} (the same object) get it called once per
 * CONFIG SET. Throwing a {@link ValkeyException} fails the CONFIG SET with its message.
 */
@FunctionalInterface
public interface ConfigApply {
    /** Applies the current values; runs on the main thread. */
    void apply(ModuleContext context);
}
