package io.valkeyjvm.raw;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import kotlin.RequiresOptIn;

/**
 * Marks the raw layer: the module API as the server defines it, pointers as {@code long}s, no
 * checks. The SDK's core is built on it; a module reaches for it only to call a function the SDK
 * does not wrap yet, and then owns what the core otherwise guarantees (freeing what it creates,
 * calling only on the right thread, never holding a pointer past its context).
 * <p>
 * Kotlin code must opt in, so that nobody uses it by accident:
 * {@code @OptIn(RawValkeyApi::class)} on the declaration, or {@code -opt-in=io.valkeyjvm.raw.RawValkeyApi}
 * for a whole module. Java code sees this annotation in the documentation only.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target({ElementType.TYPE, ElementType.METHOD, ElementType.FIELD, ElementType.CONSTRUCTOR})
@RequiresOptIn(
        level = RequiresOptIn.Level.ERROR,
        message = "The raw Valkey module API: pointers as longs, no checks. Prefer the SDK's API; opt in with @OptIn(RawValkeyApi::class) for a function it does not wrap yet.")
public @interface RawValkeyApi {}
