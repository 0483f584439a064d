package io.valkeyjvm.core;

import java.util.Arrays;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * One argument of a command as COMMAND DOCS describes it: its name and type, and optionally its
 * token, summary, the version that added it or deprecated it, how it may appear, and, for
 * {@link CommandArgType#ONEOF} and {@link CommandArgType#BLOCK}, its sub-arguments. Immutable:
 * each method returns a new argument.
 *
 * <pre>{@code
 * CommandArg.key("key", 0)                                            // the command's key spec 0 finds it
 * CommandArg.pureToken("nx", "NX").since("1.1.0").optional()
 * CommandArg.oneOf("expiration",
 *         CommandArg.of("seconds", CommandArgType.INTEGER).token("EX"),
 *         CommandArg.pureToken("keepttl", "KEEPTTL")).optional()
 * }</pre>
 */
public final class CommandArg {
    private final String name;
    private final CommandArgType type;
    private final int keySpecIndex;
    private final @Nullable String token;
    private final @Nullable String summary;
    private final @Nullable String since;
    private final Set<CommandArgFlag> flags;
    private final @Nullable String deprecatedSince;
    private final @Nullable String displayText;
    private final List<CommandArg> subargs;

    private CommandArg(String name, CommandArgType type, int keySpecIndex, @Nullable String token, @Nullable String summary,
                       @Nullable String since, Set<CommandArgFlag> flags, @Nullable String deprecatedSince,
                       @Nullable String displayText, List<CommandArg> subargs) {
        this.name = name;
        this.type = type;
        this.keySpecIndex = keySpecIndex;
        this.token = token;
        this.summary = summary;
        this.since = since;
        this.flags = flags;
        this.deprecatedSince = deprecatedSince;
        this.displayText = displayText;
        this.subargs = subargs;
    }

    /** An argument named {@code name} of type {@code type} (for KEY, use {@link #key}; for ONEOF and BLOCK, {@link #oneOf} and {@link #block}). */
    public static CommandArg of(String name, CommandArgType type) {
        return new CommandArg(Objects.requireNonNull(name, "name"), Objects.requireNonNull(type, "type"), -1, null, null, null,
                Set.of(), null, null, List.of());
    }

    /** A string argument. */
    public static CommandArg string(String name) {
        return of(name, CommandArgType.STRING);
    }

    /** An integer argument. */
    public static CommandArg integer(String name) {
        return of(name, CommandArgType.INTEGER);
    }

    /** A key argument, found by the command's key spec number {@code keySpecIndex} (from 0, in declaration order). */
    public static CommandArg key(String name, int keySpecIndex) {
        return new CommandArg(Objects.requireNonNull(name, "name"), CommandArgType.KEY, keySpecIndex, null, null, null, Set.of(), null,
                null, List.of());
    }

    /** A token alone, such as {@code NX}. */
    public static CommandArg pureToken(String name, String token) {
        return of(name, CommandArgType.PURE_TOKEN).token(token);
    }

    /** Exactly one of {@code choices}. */
    public static CommandArg oneOf(String name, CommandArg... choices) {
        return of(name, CommandArgType.ONEOF).subargs(choices);
    }

    /** {@code parts}, together. */
    public static CommandArg block(String name, CommandArg... parts) {
        return of(name, CommandArgType.BLOCK).subargs(parts);
    }

    /** The token that comes before the argument (or is the argument, for PURE_TOKEN). */
    public CommandArg token(String token) {
        return new CommandArg(name, type, keySpecIndex, Objects.requireNonNull(token, "token"), summary, since, flags, deprecatedSince,
                displayText, subargs);
    }

    /** A one-line description. */
    public CommandArg summary(String summary) {
        return new CommandArg(name, type, keySpecIndex, token, Objects.requireNonNull(summary, "summary"), since, flags, deprecatedSince,
                displayText, subargs);
    }

    /** The version that added the argument. */
    public CommandArg since(String since) {
        return new CommandArg(name, type, keySpecIndex, token, summary, Objects.requireNonNull(since, "since"), flags, deprecatedSince,
                displayText, subargs);
    }

    /** The version that deprecated the argument. */
    public CommandArg deprecatedSince(String version) {
        return new CommandArg(name, type, keySpecIndex, token, summary, since, flags, Objects.requireNonNull(version, "version"),
                displayText, subargs);
    }

    /** The text shown for the argument in place of its name. */
    public CommandArg displayText(String text) {
        return new CommandArg(name, type, keySpecIndex, token, summary, since, flags, deprecatedSince, Objects.requireNonNull(text, "text"),
                subargs);
    }

    /** How the argument may appear; replaces earlier flags. */
    public CommandArg flags(CommandArgFlag... flags) {
        Set<CommandArgFlag> set = EnumSet.noneOf(CommandArgFlag.class);
        set.addAll(Arrays.asList(flags));
        return new CommandArg(name, type, keySpecIndex, token, summary, since, Collections.unmodifiableSet(set), deprecatedSince,
                displayText, subargs);
    }

    /** The argument may be left out (adds {@link CommandArgFlag#OPTIONAL}). */
    public CommandArg optional() {
        return withFlag(CommandArgFlag.OPTIONAL);
    }

    /** The argument may repeat (adds {@link CommandArgFlag#MULTIPLE}). */
    public CommandArg multiple() {
        return withFlag(CommandArgFlag.MULTIPLE);
    }

    /** The argument may repeat with its token (adds {@link CommandArgFlag#MULTIPLE_TOKEN}). */
    public CommandArg multipleToken() {
        return withFlag(CommandArgFlag.MULTIPLE_TOKEN);
    }

    /** The sub-arguments of a ONEOF or BLOCK argument; replaces earlier ones. */
    public CommandArg subargs(CommandArg... subargs) {
        return new CommandArg(name, type, keySpecIndex, token, summary, since, flags, deprecatedSince, displayText, List.of(subargs));
    }

    private CommandArg withFlag(CommandArgFlag flag) {
        Set<CommandArgFlag> set = EnumSet.of(flag);
        set.addAll(flags);
        return new CommandArg(name, type, keySpecIndex, token, summary, since, Collections.unmodifiableSet(set), deprecatedSince,
                displayText, subargs);
    }

    /** The name. */
    public String name() {
        return name;
    }

    /** The type. */
    public CommandArgType type() {
        return type;
    }

    /** For a KEY argument, the index of the key spec that finds it; -1 for other types. */
    public int keySpecIndex() {
        return keySpecIndex;
    }

    /** The token, if any. */
    public @Nullable String token() {
        return token;
    }

    /** The summary, if any. */
    public @Nullable String summary() {
        return summary;
    }

    /** The version that added it, if given. */
    public @Nullable String since() {
        return since;
    }

    /** How it may appear. */
    public Set<CommandArgFlag> flags() {
        return flags;
    }

    /** The version that deprecated it, if given. */
    public @Nullable String deprecatedSince() {
        return deprecatedSince;
    }

    /** The display text, if any. */
    public @Nullable String displayText() {
        return displayText;
    }

    /** The sub-arguments (ONEOF, BLOCK); empty for others. */
    public List<CommandArg> subargs() {
        return subargs;
    }

    /** Null if the argument (and its sub-arguments) is valid for a command with {@code keySpecs} key specs, else what is wrong. */
    @Nullable String problem(int keySpecs) {
        if (name.isEmpty()) return "an argument has an empty name";
        String where = "argument '" + name + "': ";
        if (type == CommandArgType.PURE_TOKEN && token == null) return where + "a PURE_TOKEN argument needs its token";
        if (type == CommandArgType.KEY && (keySpecIndex < 0 || keySpecIndex >= keySpecs))
            return where + "key spec index " + keySpecIndex + " does not name one of the command's " + keySpecs + " key specs";
        boolean compound = type == CommandArgType.ONEOF || type == CommandArgType.BLOCK;
        if (compound && subargs.isEmpty()) return where + "a " + type + " argument needs sub-arguments";
        if (!compound && !subargs.isEmpty()) return where + "only ONEOF and BLOCK arguments have sub-arguments";
        for (CommandArg sub : subargs) {
            String problem = sub.problem(keySpecs);
            if (problem != null) return where + problem;
        }
        return null;
    }
}
