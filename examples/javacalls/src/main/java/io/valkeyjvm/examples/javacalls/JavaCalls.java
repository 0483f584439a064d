package io.valkeyjvm.examples.javacalls;

import io.valkeyjvm.core.ModuleDefinition;

/**
 * A module in plain Java that shows how commands call the server, replicate, and describe
 * themselves, with {@code io.valkeyjvm.core} only:
 *
 * <ul>
 *   <li>{@link Calling}: {@code JAVACALLS.CALL} and {@code JAVACALLS.TRY}, calls with flags, typed
 *       replies, refusals and their reasons;</li>
 *   <li>{@link Replication}: {@code JAVACALLS.TALLY} (replicated verbatim), {@code JAVACALLS.NEWID}
 *       (replicates its effect) and {@code JAVACALLS.PUSHID} (a call that replicates);</li>
 *   <li>{@link Metadata}: {@code JAVACALLS.PEEK}, {@code PUT}, {@code SUM}, {@code LOOKUP},
 *       {@code NOTIFY} and the {@code COUNTER} container: key specs, docs, getkeys and getchannels
 *       code, subcommands and an ACL category of the module's own.</li>
 * </ul>
 */
public final class JavaCalls {
    /** The module the loader registers: found as this class's public static ModuleDefinition field. */
    public static final ModuleDefinition MODULE = ModuleDefinition.builder("javacalls")
            .version(1)
            // Declared before the commands that name it: ACL rules can then say +@javacalls or -@javacalls.
            .aclCategories("javacalls")
            .command(Calling.call())
            .command(Calling.tryCall())
            .command(Replication.tally())
            .command(Replication.newId())
            .command(Replication.pushId())
            .command(Metadata.peek())
            .command(Metadata.put())
            .command(Metadata.sum())
            .command(Metadata.lookup())
            .command(Metadata.notifyChannel())
            .command(Metadata.counter())
            .build();

    private JavaCalls() {}
}
