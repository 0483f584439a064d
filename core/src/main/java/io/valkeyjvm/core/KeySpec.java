package io.valkeyjvm.core;

import java.util.Arrays;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Where a command's keys are and how it uses them, as COMMAND INFO shows it (key specs): the
 * server finds keys with it for COMMAND GETKEYS, cluster routing and ACL checks, which allow a
 * user with {@code %R~pattern} to run a command whose keys are {@link KeySpecFlag#RO} only.
 * Immutable: each method returns a new spec.
 *
 * <p>Finding keys is two steps: where the search begins ({@link #index(int)}, after a keyword
 * with {@link #keyword(String, int)}, or {@link #unknownBegin()}), then which arguments from
 * there are keys ({@link #range(int, int, int)}, the default {@code range(0, 1, 0)}: one key;
 * {@link #keyNum(int, int, int)}; or {@link #unknownKeys()}).
 *
 * <pre>{@code
 * KeySpec.index(1).flags(KeySpecFlag.RO, KeySpecFlag.ACCESS)                  // GET key
 * KeySpec.index(1).range(-1, 2, 0).flags(KeySpecFlag.OW, KeySpecFlag.UPDATE)   // MSET key value [key value ...]
 * KeySpec.keyword("KEYS", 1).range(-1, 1, 0).flags(KeySpecFlag.RO)            // ... KEYS key [key ...]
 * KeySpec.index(2).keyNum(0, 1, 1).flags(KeySpecFlag.RO, KeySpecFlag.ACCESS)  // ... numkeys key [key ...]
 * }</pre>
 */
public final class KeySpec {
    /** Where the search for keys begins. */
    public enum BeginSearch {
        /** At a fixed argument index. */
        INDEX,
        /** After a keyword. */
        KEYWORD,
        /** Unknown: the command finds its keys itself (getkeys-api). */
        UNKNOWN
    }

    /** How keys are found from where the search begins. */
    public enum FindKeys {
        /** A range of arguments. */
        RANGE,
        /** An argument gives the number of keys that follow. */
        KEYNUM,
        /** Unknown: the command finds its keys itself (getkeys-api). */
        UNKNOWN
    }

    private final @Nullable String notes;
    private final Set<KeySpecFlag> flags;
    private final BeginSearch beginSearch;
    private final int position;
    private final @Nullable String keyword;
    private final FindKeys findKeys;
    private final int a;
    private final int b;
    private final int c;

    private KeySpec(@Nullable String notes, Set<KeySpecFlag> flags, BeginSearch beginSearch, int position, @Nullable String keyword,
                    FindKeys findKeys, int a, int b, int c) {
        this.notes = notes;
        this.flags = flags;
        this.beginSearch = beginSearch;
        this.position = position;
        this.keyword = keyword;
        this.findKeys = findKeys;
        this.a = a;
        this.b = b;
        this.c = c;
    }

    /** Keys begin at argument {@code index} (the command name is 0). */
    public static KeySpec index(int index) {
        return new KeySpec(null, Set.of(), BeginSearch.INDEX, index, null, FindKeys.RANGE, 0, 1, 0);
    }

    /**
     * Keys begin after the argument {@code keyword} (compared case-insensitively), searched for
     * from argument {@code startFrom}; a negative {@code startFrom} searches backwards from the
     * end (-1 is the last argument).
     */
    public static KeySpec keyword(String keyword, int startFrom) {
        return new KeySpec(null, Set.of(), BeginSearch.KEYWORD, startFrom, Objects.requireNonNull(keyword, "keyword"), FindKeys.RANGE, 0, 1, 0);
    }

    /** Where keys begin is unknown: only the command knows (declare its keys with getkeys-api). */
    public static KeySpec unknownBegin() {
        return new KeySpec(null, Set.of(), BeginSearch.UNKNOWN, 0, null, FindKeys.RANGE, 0, 1, 0);
    }

    /**
     * Keys are a range from where the search began: up to {@code lastKey} (relative to it; a
     * negative one counts from the end, -1 is the last argument), every {@code keyStep}
     * arguments; with {@code lastKey} -1, {@code limit} above 1 stops at 1/limit of the remaining
     * arguments (0 or 1: no limit).
     */
    public KeySpec range(int lastKey, int keyStep, int limit) {
        return new KeySpec(notes, flags, beginSearch, position, keyword, FindKeys.RANGE, lastKey, keyStep, limit);
    }

    /**
     * The argument at {@code keyNumIndex} (relative to where the search began) gives the number
     * of keys, the first at {@code firstKey} (relative too, usually keyNumIndex + 1), then one
     * every {@code keyStep} arguments.
     */
    public KeySpec keyNum(int keyNumIndex, int firstKey, int keyStep) {
        return new KeySpec(notes, flags, beginSearch, position, keyword, FindKeys.KEYNUM, keyNumIndex, firstKey, keyStep);
    }

    /** Which arguments are keys is unknown: only the command knows (declare its keys with getkeys-api). */
    public KeySpec unknownKeys() {
        return new KeySpec(notes, flags, beginSearch, position, keyword, FindKeys.UNKNOWN, 0, 0, 0);
    }

    /** How the command uses these keys; replaces earlier flags. */
    public KeySpec flags(KeySpecFlag... flags) {
        Set<KeySpecFlag> set = EnumSet.noneOf(KeySpecFlag.class);
        set.addAll(Arrays.asList(flags));
        return new KeySpec(notes, Collections.unmodifiableSet(set), beginSearch, position, keyword, findKeys, a, b, c);
    }

    /** A note for COMMAND INFO, such as why the flags are what they are. */
    public KeySpec notes(String notes) {
        return new KeySpec(Objects.requireNonNull(notes, "notes"), flags, beginSearch, position, keyword, findKeys, a, b, c);
    }

    /** The note, if any. */
    public @Nullable String notes() {
        return notes;
    }

    /** How the command uses these keys. */
    public Set<KeySpecFlag> flags() {
        return flags;
    }

    /** Where the search for keys begins. */
    public BeginSearch beginSearch() {
        return beginSearch;
    }

    /** The index keys begin at ({@link BeginSearch#INDEX}), or where the keyword search starts ({@link BeginSearch#KEYWORD}). */
    public int position() {
        return position;
    }

    /** The keyword after which keys begin ({@link BeginSearch#KEYWORD}), else null. */
    public @Nullable String keyword() {
        return keyword;
    }

    /** How keys are found from where the search begins. */
    public FindKeys findKeys() {
        return findKeys;
    }

    /** {@link FindKeys#RANGE}: the last key; {@link FindKeys#KEYNUM}: the index of the number of keys. */
    public int lastKeyOrKeyNumIndex() {
        return a;
    }

    /** {@link FindKeys#RANGE}: the step between keys; {@link FindKeys#KEYNUM}: the first key. */
    public int keyStepOrFirstKey() {
        return b;
    }

    /** {@link FindKeys#RANGE}: the limit; {@link FindKeys#KEYNUM}: the step between keys. */
    public int limitOrKeyStep() {
        return c;
    }

    /** Null if the spec is valid, else what is wrong with it (the server's rules for SetCommandInfo). */
    @Nullable String problem() {
        int access = 0;
        for (KeySpecFlag f : new KeySpecFlag[] {KeySpecFlag.RO, KeySpecFlag.RW, KeySpecFlag.OW, KeySpecFlag.RM}) if (flags.contains(f)) access++;
        if (access != 1) return "it needs exactly one of the flags RO, RW, OW, RM (it has " + flags + ")";
        int writes = 0;
        for (KeySpecFlag f : new KeySpecFlag[] {KeySpecFlag.INSERT, KeySpecFlag.DELETE, KeySpecFlag.UPDATE}) if (flags.contains(f)) writes++;
        if (writes > 1) return "INSERT, DELETE and UPDATE exclude each other (it has " + flags + ")";
        if (beginSearch == BeginSearch.KEYWORD && keyword.isEmpty()) return "its keyword is empty";
        if (beginSearch == BeginSearch.INDEX && position < 0) return "its index " + position + " is negative";
        return null;
    }

    @Override
    public String toString() {
        String begin = switch (beginSearch) {
            case INDEX -> "index(" + position + ")";
            case KEYWORD -> "keyword(\"" + keyword + "\", " + position + ")";
            case UNKNOWN -> "unknownBegin()";
        };
        String find = switch (findKeys) {
            case RANGE -> "range(" + a + ", " + b + ", " + c + ")";
            case KEYNUM -> "keyNum(" + a + ", " + b + ", " + c + ")";
            case UNKNOWN -> "unknownKeys()";
        };
        return "KeySpec." + begin + "." + find + ".flags" + flags;
    }
}
