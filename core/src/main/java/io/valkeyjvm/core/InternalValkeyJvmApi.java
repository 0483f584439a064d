package io.valkeyjvm.core;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import kotlin.RequiresOptIn;

/**
 * Marks the SDK's internal API: public only so that the SDK's own modules (the core's packages,
 * the DSL, the test kit) can share it. It changes without notice; module code must not use it.
 * Kotlin code cannot use it without {@code @OptIn(InternalValkeyJvmApi::class)}.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target({ElementType.TYPE, ElementType.METHOD, ElementType.FIELD, ElementType.CONSTRUCTOR})
@RequiresOptIn(level = RequiresOptIn.Level.ERROR, message = "Internal to valkey-jvm: it changes without notice. Use the public API.")
public @interface InternalValkeyJvmApi {}
