/**
 * The Java core of valkey-jvm: declare a module ({@link io.valkeyjvm.core.ModuleDefinition}),
 * its commands ({@link io.valkeyjvm.core.CommandDefinition}) and what they reply
 * ({@link io.valkeyjvm.core.CommandContext}). Arguments are binary-safe
 * {@link io.valkeyjvm.core.ValkeyString}s. Usable from plain Java; the Kotlin DSL builds on it.
 */
@NullMarked
package io.valkeyjvm.core;

import org.jspecify.annotations.NullMarked;
