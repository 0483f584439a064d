package io.valkeyjvm.core;

import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * An immutable description of one command: name, arity, flags, key positions and handler.
 * Registering it happens when the module loads.
 *
 * <pre>{@code
 * CommandDefinition echo = CommandDefinition.builder("javahello.echo")
 *     .arity(2)
 *     .flags("readonly fast")
 *     .handler((ctx, args) -> ctx.reply(args.get(1)))
 *     .build();
 * }</pre>
 */
public final class CommandDefinition {
    /** The flags the server accepts for module commands. */
    public static final Set<String> KNOWN_FLAGS = Set.of(
            "write", "readonly", "admin", "deny-oom", "deny-script", "allow-loading", "pubsub", "random",
            "blocking", "allow-stale", "no-monitor", "no-slowlog", "fast", "no-auth", "may-replicate",
            "getkeys-api", "getchannels-api", "no-cluster", "no-mandatory-keys", "allow-busy");
    private static final String FORBIDDEN_NAME_CHARS = " \r\n|@=,";
    private static final java.util.regex.Pattern ACL_CATEGORY = java.util.regex.Pattern.compile("[A-Za-z0-9_-]+");

    private final String name;
    private final int arity;
    private final Set<String> flags;
    private final Set<String> aclCategories;
    private final int firstKey;
    private final int lastKey;
    private final int keyStep;
    private final @Nullable String summary;
    private final CommandHandler handler;
    private final CommandMetadata metadata;

    private CommandDefinition(Builder b, CommandHandler handler, CommandMetadata metadata) {
        this.name = b.name;
        this.arity = b.arity;
        this.flags = Set.copyOf(b.flags);
        this.aclCategories = java.util.Collections.unmodifiableSet(new LinkedHashSet<>(b.aclCategories));
        this.firstKey = b.firstKey;
        this.lastKey = b.lastKey;
        this.keyStep = b.keyStep;
        this.summary = b.summary;
        this.handler = handler;
        this.metadata = metadata;
    }

    /** Starts describing the command {@code name}. */
    public static Builder builder(String name) {
        return new Builder(name);
    }

    /** The command name as registered. */
    public String name() {
        return name;
    }

    /**
     * The arity as the server defines it: {@code n > 0} means exactly n arguments counting the
     * command name, {@code -n} means at least n.
     */
    public int arity() {
        return arity;
    }

    /** The command flags. */
    public Set<String> flags() {
        return flags;
    }

    /** The flags as the space-separated string the server takes. */
    public String flagString() {
        return String.join(" ", new java.util.TreeSet<>(flags));
    }

    /**
     * The ACL categories the command belongs to ({@code read}, {@code fast}, or a category the
     * module declares), in declaration order; empty for none. The server derives none from the
     * flags: a {@code readonly} command is in {@code @read} only if it says so here.
     */
    public Set<String> aclCategories() {
        return aclCategories;
    }

    /** The ACL categories as the space-separated string the server takes (SetCommandACLCategories). */
    public String aclCategoryString() {
        return String.join(" ", aclCategories);
    }

    /** Position of the first key argument, 0 if the command takes no keys. */
    public int firstKey() {
        return firstKey;
    }

    /** Position of the last key argument; negative counts from the end (-1 is the last argument). */
    public int lastKey() {
        return lastKey;
    }

    /** Distance between key arguments. */
    public int keyStep() {
        return keyStep;
    }

    /** The summary shown by COMMAND DOCS, if any. */
    public @Nullable String summary() {
        return summary;
    }

    /** The code that runs the command; for a container command, code that never runs (the server runs its subcommands). */
    public CommandHandler handler() {
        return handler;
    }

    /** The rest of what the command says about itself: COMMAND INFO and DOCS metadata, key specs, subcommands, getkeys and getchannels code. */
    public CommandMetadata metadata() {
        return metadata;
    }

    /** True if a call with {@code argc} arguments (command name included) satisfies the arity. */
    public boolean acceptsArgumentCount(int argc) {
        return arity > 0 ? argc == arity : argc >= -arity;
    }

    /** Builds a {@link CommandDefinition}; {@link #build()} checks it the way the server would. */
    public static final class Builder {
        private final String name;
        private int arity = -1;
        private final Set<String> flags = new LinkedHashSet<>();
        private final Set<String> aclCategories = new LinkedHashSet<>();
        private int firstKey;
        private int lastKey;
        private int keyStep;
        private @Nullable String summary;
        private @Nullable CommandHandler handler;
        private final CommandMetadata.Builder metadata = new CommandMetadata.Builder();

        private Builder(String name) {
            this.name = Objects.requireNonNull(name, "name");
        }

        /** The arity (see {@link CommandDefinition#arity()}); default -1, any number of arguments. */
        public Builder arity(int arity) {
            this.arity = arity;
            return this;
        }

        /** Space-separated flags such as {@code "write deny-oom"}; adds to earlier flags. */
        public Builder flags(String flags) {
            Arrays.stream(flags.trim().split("\\s+")).filter(f -> !f.isEmpty()).forEach(this.flags::add);
            return this;
        }

        /**
         * Space-separated ACL categories ({@code "read fast"}, or one the module declares with
         * {@link ModuleDefinition.Builder#aclCategories}), so that rules such as {@code +@read} and
         * {@code -@mycategory} cover the command; adds to earlier categories. The server checks at
         * load that each exists, and gives module commands no category of its own accord (not
         * {@code read} for a {@code readonly} command, for instance).
         */
        public Builder aclCategories(String categories) {
            Arrays.stream(categories.trim().split("\\s+")).filter(c -> !c.isEmpty()).forEach(this.aclCategories::add);
            return this;
        }

        /** Where the key arguments are: first, last (negative from the end) and step. */
        public Builder keys(int firstKey, int lastKey, int keyStep) {
            this.firstKey = firstKey;
            this.lastKey = lastKey;
            this.keyStep = keyStep;
            return this;
        }

        /** A one-line summary for COMMAND DOCS. */
        public Builder summary(String summary) {
            this.summary = summary;
            return this;
        }

        /** The code that runs the command. */
        public Builder handler(CommandHandler handler) {
            this.handler = handler;
            return this;
        }

        /** The complexity for COMMAND DOCS, such as {@code "O(1)"}. */
        public Builder complexity(String complexity) {
            metadata.complexity = Objects.requireNonNull(complexity, "complexity");
            return this;
        }

        /** The module version that added the command, for COMMAND DOCS. */
        public Builder since(String version) {
            metadata.since = Objects.requireNonNull(version, "version");
            return this;
        }

        /** Tips for clients and proxies, such as {@code nondeterministic_output} or {@code request_policy:all_shards}; adds to earlier ones. */
        public Builder tips(String... tips) {
            metadata.tips.addAll(Arrays.asList(tips));
            return this;
        }

        /** A change of the command, for COMMAND DOCS' history; adds to earlier ones. */
        public Builder history(String since, String changes) {
            metadata.history.add(new CommandHistoryEntry(since, changes));
            return this;
        }

        /**
         * Key specs: where the keys are and how the command uses them, for COMMAND INFO, COMMAND
         * GETKEYS, cluster routing and ACL checks; adds to earlier ones. They replace what
         * {@link #keys} says (which stays the legacy first, last and step of COMMAND INFO, unless
         * the specs make their own).
         */
        public Builder keySpecs(KeySpec... specs) {
            metadata.keySpecs.addAll(Arrays.asList(specs));
            return this;
        }

        /** The arguments, for COMMAND DOCS; adds to earlier ones. */
        public Builder args(CommandArg... args) {
            metadata.args.addAll(Arrays.asList(args));
            return this;
        }

        /**
         * Makes this a container command whose subcommands the server runs ({@code NAME SUB ...},
         * as in {@code CONFIG GET}); a container has no handler of its own. Adds to earlier ones.
         */
        public Builder subcommands(CommandDefinition... subcommands) {
            metadata.subcommands.addAll(Arrays.asList(subcommands));
            return this;
        }

        /** As {@link #subcommands(CommandDefinition...)}, from the subcommands' builders (each is built here). */
        public Builder subcommands(Builder... subcommands) {
            for (Builder subcommand : subcommands) metadata.subcommands.add(subcommand.build());
            return this;
        }

        /** The code that finds a call's keys (getkeys-api, which this adds to the flags). */
        public Builder getKeys(GetKeysHandler getKeys) {
            metadata.getKeys = Objects.requireNonNull(getKeys, "getKeys");
            flags.add("getkeys-api");
            return this;
        }

        /** The code that finds a call's channels (getchannels-api, which this adds to the flags). */
        public Builder getChannels(GetChannelsHandler getChannels) {
            metadata.getChannels = Objects.requireNonNull(getChannels, "getChannels");
            flags.add("getchannels-api");
            return this;
        }

        /**
         * The immutable definition.
         *
         * @throws IllegalArgumentException naming the command and what is wrong with it
         */
        public CommandDefinition build() {
            if (name.isEmpty()) throw invalid("the name is empty");
            for (char c : name.toCharArray()) {
                if (FORBIDDEN_NAME_CHARS.indexOf(c) >= 0)
                    throw invalid("the name contains '" + printable(c) + "'; command names cannot contain spaces, CR, LF or any of |@=,");
            }
            if (arity == 0) throw invalid("arity 0 is not valid: use n for exactly n arguments (the name counts) or -n for at least n");
            for (String flag : flags) {
                if (!KNOWN_FLAGS.contains(flag))
                    throw invalid("unknown flag '" + flag + "'; valid flags are " + new java.util.TreeSet<>(KNOWN_FLAGS));
            }
            for (String category : aclCategories) {
                if (!ACL_CATEGORY.matcher(category).matches())
                    throw invalid("ACL category '" + category + "' is not a valid name (letters, digits, '_' and '-')");
            }
            if (firstKey < 0 || keyStep < 0) throw invalid("key positions cannot be negative except the last key");
            if (firstKey == 0 && (lastKey != 0 || keyStep != 0))
                throw invalid("a command without keys (first key 0) needs last key 0 and step 0");
            if (firstKey > 0 && (keyStep == 0 || (lastKey >= 0 && lastKey < firstKey)))
                throw invalid("keys(" + firstKey + ", " + lastKey + ", " + keyStep + ") is not a valid key range");
            boolean container = !metadata.subcommands.isEmpty();
            if (container && handler != null)
                throw invalid("a container command (with subcommands) has no handler of its own: the server runs its subcommands");
            if (!container && handler == null) throw invalid("it has no handler");
            if (flags.contains("getkeys-api") && metadata.getKeys == null)
                throw invalid("the flag getkeys-api needs the code that finds the keys: declare getKeys instead of the flag");
            if (flags.contains("getchannels-api") && metadata.getChannels == null)
                throw invalid("the flag getchannels-api needs the code that finds the channels: declare getChannels instead of the flag");
            String problem = metadata.problem();
            if (problem != null) throw invalid(problem);
            CommandHandler runs = handler != null ? handler : (ctx, args) -> {
                throw ValkeyException.error("'" + name + "' is a container command: call one of its subcommands");
            };
            return new CommandDefinition(this, runs, metadata.build());
        }

        private IllegalArgumentException invalid(String problem) {
            return new IllegalArgumentException("command '" + name + "': " + problem);
        }

        private static String printable(char c) {
            return c == '\r' ? "\\r" : c == '\n' ? "\\n" : String.valueOf(c);
        }
    }
}
