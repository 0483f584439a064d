package io.valkeyjvm.examples.javakeys;

import io.valkeyjvm.core.CommandDefinition;
import io.valkeyjvm.core.ModuleDefinition;
import java.util.List;

/**
 * Keys and scanning in plain Java, through the core API ({@code io.valkeyjvm.core}): module
 * {@code javakeys}, whose JAVAKEYS.* commands each show one thing a module does with the server's
 * keys.
 *
 * <ul>
 *   <li>{@link KeyCommands}: open a key (with open flags), its type, length and time to live,
 *       delete and unlink, expire, another database, signal a change, emit a keyspace event;
 *   <li>{@link StringCommands}, {@link ListCommands}, {@link HashCommands},
 *       {@link SortedSetCommands}, {@link StreamCommands}: the typed views of a key's value;
 *   <li>{@link ScanCommands}: the keyspace with a cursor, the elements of one key.
 * </ul>
 *
 * <p>A key opened in a command is closed when the command returns; {@code try (Key key = ...)}
 * closes it earlier, where that matters. A command throws {@link io.valkeyjvm.core.ValkeyException}
 * for an error reply; the server's WRONGTYPE error comes from the typed views themselves.
 */
public final class JavaKeys {
    /** The module the loader registers: found as this class's public static ModuleDefinition field. */
    public static final ModuleDefinition MODULE = define();

    private JavaKeys() {}

    private static ModuleDefinition define() {
        ModuleDefinition.Builder module = ModuleDefinition.builder("javakeys").version(1);
        List<List<CommandDefinition>> areas = List.of(
                KeyCommands.all(),
                StringCommands.all(),
                ListCommands.all(),
                HashCommands.all(),
                SortedSetCommands.all(),
                StreamCommands.all(),
                ScanCommands.all());
        for (List<CommandDefinition> commands : areas) commands.forEach(module::command);
        return module.build();
    }
}
