/**
 * The runtime behind the core API: what the loader calls ({@link io.valkeyjvm.core.internal.ModuleHost})
 * and the context implementations over the raw bindings. Not for module code.
 */
@NullMarked
package io.valkeyjvm.core.internal;

import org.jspecify.annotations.NullMarked;
