package io.valkeyjvm.core;

/**
 * Where a {@link ServerDictionary} iteration starts, and how {@link DictIterator#currentIs} compares:
 * the server's dictionary operators, in byte order.
 */
public enum DictSeek {
    /** The first key ({@code ^}); the key given is ignored. */
    FIRST("^"),
    /** The last key ({@code $}); the key given is ignored. */
    LAST("$"),
    /** The first key greater than the one given ({@code >}). */
    GREATER(">"),
    /** The first key greater than or equal to the one given ({@code >=}). */
    GREATER_OR_EQUAL(">="),
    /** The last key less than the one given ({@code <}). */
    LESS("<"),
    /** The last key less than or equal to the one given ({@code <=}). */
    LESS_OR_EQUAL("<="),
    /** Exactly the key given ({@code ==}). */
    EQUAL("==");

    private final String operator;

    DictSeek(String operator) {
        this.operator = operator;
    }

    /** The server's operator: {@code ^ $ > >= < <= ==}. */
    public String operator() {
        return operator;
    }

    /**
     * The operator for its text ({@code ">="}).
     *
     * @throws IllegalArgumentException for any other text
     */
    public static DictSeek of(String operator) {
        for (DictSeek seek : values()) if (seek.operator.equals(operator)) return seek;
        throw new IllegalArgumentException("not a dictionary operator: '" + operator + "' (use ^ $ > >= < <= ==)");
    }

    /** True if {@code key} stands in this relation to {@code other}; FIRST and LAST compare nothing. */
    boolean holds(ValkeyString key, ValkeyString other) {
        int c = key.compareTo(other);
        switch (this) {
            case GREATER: return c > 0;
            case GREATER_OR_EQUAL: return c >= 0;
            case LESS: return c < 0;
            case LESS_OR_EQUAL: return c <= 0;
            case EQUAL: return c == 0;
            default: throw new IllegalArgumentException("'" + operator + "' seeks, it does not compare: use > >= < <= ==");
        }
    }
}
