package io.valkeyjvm.core;

/** A member of a sorted set with its score, as a {@link SortedSetRange} yields them. */
public record ScoredMember(ValkeyString member, double score) {}
