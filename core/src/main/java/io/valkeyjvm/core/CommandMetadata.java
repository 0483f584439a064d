package io.valkeyjvm.core;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * What a command says about itself beyond its name, arity, flags and summary: COMMAND DOCS'
 * complexity, since, history and arguments, COMMAND INFO's tips and key specs, its subcommands
 * and the code that finds its keys or channels. Declared through {@link CommandDefinition.Builder}.
 */
public final class CommandMetadata {
    private final @Nullable String complexity;
    private final @Nullable String since;
    private final List<String> tips;
    private final List<CommandHistoryEntry> history;
    private final List<KeySpec> keySpecs;
    private final List<CommandArg> args;
    private final List<CommandDefinition> subcommands;
    private final @Nullable GetKeysHandler getKeys;
    private final @Nullable GetChannelsHandler getChannels;

    private CommandMetadata(Builder b) {
        this.complexity = b.complexity;
        this.since = b.since;
        this.tips = List.copyOf(b.tips);
        this.history = List.copyOf(b.history);
        this.keySpecs = List.copyOf(b.keySpecs);
        this.args = List.copyOf(b.args);
        this.subcommands = List.copyOf(b.subcommands);
        this.getKeys = b.getKeys;
        this.getChannels = b.getChannels;
    }

    /** The complexity, if declared. */
    public @Nullable String complexity() {
        return complexity;
    }

    /** The module version that added the command, if declared. */
    public @Nullable String since() {
        return since;
    }

    /** The tips, in declaration order. */
    public List<String> tips() {
        return tips;
    }

    /** The history, in declaration order. */
    public List<CommandHistoryEntry> history() {
        return history;
    }

    /** The key specs, in declaration order (a {@link CommandArg#key} names one by its index here). */
    public List<KeySpec> keySpecs() {
        return keySpecs;
    }

    /** The arguments, for COMMAND DOCS. */
    public List<CommandArg> args() {
        return args;
    }

    /** The subcommands; not empty for a container command. */
    public List<CommandDefinition> subcommands() {
        return subcommands;
    }

    /** The code that finds a call's keys (getkeys-api), if any. */
    public @Nullable GetKeysHandler getKeys() {
        return getKeys;
    }

    /** The code that finds a call's channels (getchannels-api), if any. */
    public @Nullable GetChannelsHandler getChannels() {
        return getChannels;
    }

    /** True if the command declares anything that SetCommandInfo carries besides arity and summary. */
    public boolean hasInfo() {
        return complexity != null || since != null || !tips.isEmpty() || !history.isEmpty() || !keySpecs.isEmpty() || !args.isEmpty();
    }

    /** Collects the metadata while a {@link CommandDefinition.Builder} runs. */
    static final class Builder {
        @Nullable String complexity;
        @Nullable String since;
        final List<String> tips = new ArrayList<>();
        final List<CommandHistoryEntry> history = new ArrayList<>();
        final List<KeySpec> keySpecs = new ArrayList<>();
        final List<CommandArg> args = new ArrayList<>();
        final List<CommandDefinition> subcommands = new ArrayList<>();
        @Nullable GetKeysHandler getKeys;
        @Nullable GetChannelsHandler getChannels;

        CommandMetadata build() {
            return new CommandMetadata(this);
        }

        /** Null if valid, else what is wrong (the server's own rules, said before it refuses). */
        @Nullable String problem() {
            for (String tip : tips) {
                if (tip.isEmpty() || tip.chars().anyMatch(Character::isWhitespace))
                    return "tip '" + tip + "' is not valid: a tip is one word, such as nondeterministic_output";
            }
            for (int i = 0; i < keySpecs.size(); i++) {
                String problem = keySpecs.get(i).problem();
                if (problem != null) return "key spec " + i + " (" + keySpecs.get(i) + "): " + problem;
            }
            for (CommandArg arg : args) {
                String problem = arg.problem(keySpecs.size());
                if (problem != null) return problem;
            }
            Set<String> names = new HashSet<>();
            for (CommandDefinition sub : subcommands) {
                if (!sub.metadata().subcommands().isEmpty())
                    return "subcommand '" + sub.name() + "' has subcommands of its own; the server allows one level only";
                if (!names.add(sub.name().toLowerCase(Locale.ROOT))) return "it declares subcommand '" + sub.name() + "' twice";
            }
            return null;
        }
    }
}
