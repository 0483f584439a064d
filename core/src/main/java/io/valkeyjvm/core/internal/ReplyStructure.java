package io.valkeyjvm.core.internal;

import java.util.Arrays;
import org.jspecify.annotations.Nullable;

/**
 * The shape of the reply a command is writing: which aggregates are open and how many elements
 * each still needs. The server crashes on a postponed length that is never set, and a second
 * reply desynchronizes the client, so a command that fails half-way is finished here: the error
 * becomes the next element, open aggregates are completed, and nothing follows a whole reply.
 */
final class ReplyStructure {
    /** Writes what finishing an abandoned reply needs. */
    interface Finisher {
        void error(String line);

        void nullElement();

        /** Sets a postponed aggregate's length, in items (pairs for a map). */
        void setLength(Frame postponed, long items);
    }

    /**
     * An open aggregate: fixed (expected elements) or postponed (length set later). A postponed
     * one is the handle of its length, so it is new each time; a fixed one is never seen outside
     * and is reused for the next aggregate at its depth: no object per aggregate or element.
     */
    static final class Frame {
        String kind;
        boolean postponed;
        boolean attribute;
        int elementsPerItem;
        long expected;
        long count;

        private Frame set(String kind, boolean postponed, boolean attribute, int elementsPerItem, long expected) {
            this.kind = kind;
            this.postponed = postponed;
            this.attribute = attribute;
            this.elementsPerItem = elementsPerItem;
            this.expected = expected;
            this.count = 0;
            return this;
        }
    }

    private static final Frame[] NONE_OPEN = new Frame[0];

    /** Open aggregates, outermost first, in open[0..depth); the array is made with the first aggregate (most replies have none). */
    private Frame[] open = NONE_OPEN;
    private int depth;
    private boolean started;
    /** Something of the reply reached the server (an element, a header, an attribute). */
    private boolean written;
    private boolean complete;
    private boolean awaitingAttributed;

    /**
     * The main thread's structures, one per level of nested command calls (a command's call()
     * can run another module command): a command takes one for its call and gives it back when
     * its context dies, which nothing can use afterwards (every use checks the context first).
     */
    private static ReplyStructure[] mainThreadPool = new ReplyStructure[4];
    private static int mainThreadInUse;
    private final boolean pooled;

    /** A structure of its own, for one reply. */
    ReplyStructure() {
        this(false);
    }

    private ReplyStructure(boolean pooled) {
        this.pooled = pooled;
    }

    /** A structure for one reply, empty: the main thread's next free one, or a new one off it. */
    static ReplyStructure acquire() {
        if (!ModuleRuntime.isMainThread()) return new ReplyStructure();
        if (mainThreadInUse == mainThreadPool.length) mainThreadPool = Arrays.copyOf(mainThreadPool, mainThreadInUse * 2);
        ReplyStructure structure = mainThreadPool[mainThreadInUse];
        if (structure == null) structure = mainThreadPool[mainThreadInUse] = new ReplyStructure(true);
        mainThreadInUse++;
        structure.reset();
        return structure;
    }

    /** Gives back what {@link #acquire} gave, once its reply is over; calls nest, so the last taken is the first given back. */
    void release() {
        if (pooled) mainThreadInUse--;
    }

    private void reset() {
        depth = 0;
        started = false;
        written = false;
        complete = false;
        awaitingAttributed = false;
    }

    private @Nullable Frame top() {
        return depth == 0 ? null : open[depth - 1];
    }

    /** The slot for one more open aggregate, holding the frame last used at that depth, if any. */
    private int nextSlot() {
        if (depth == open.length) open = Arrays.copyOf(open, Math.max(4, depth * 2));
        return depth;
    }

    private void pushFixed(String kind, boolean attribute, int elementsPerItem, long expected) {
        int slot = nextSlot();
        Frame reused = open[slot];
        open[slot] = (reused == null || reused.postponed ? new Frame() : reused).set(kind, false, attribute, elementsPerItem, expected);
        depth++;
    }

    private Frame pop() {
        return open[--depth];
    }

    boolean started() {
        return started;
    }

    boolean complete() {
        return complete;
    }

    void ensureOpen() {
        if (complete) throw new IllegalStateException("the command has already replied; a command sends exactly one reply");
    }

    /**
     * Before writing one element (a scalar or an aggregate's header). It counts only once written
     * ({@link #afterElement}, {@link #openPostponed}): building its arguments can still fail, and
     * then the reply must be finished as if it had never begun.
     */
    void beforeElement() {
        ensureOpen();
        started = true;
        awaitingAttributed = false;
    }

    /** True once anything of the reply has reached the server: a failure must then finish the reply, not start another. */
    boolean written() {
        return written;
    }

    private void elementWritten() {
        written = true;
        Frame top = top();
        if (top != null) top.count++;
    }

    /** After a scalar (items 0), or an aggregate header of [items] items of [elementsPerItem] elements. */
    void afterElement(String kind, long items, int elementsPerItem) {
        elementWritten();
        if (items > 0) pushFixed(kind, false, elementsPerItem, items * elementsPerItem);
        closeCompleted();
    }

    /** After a postponed aggregate header. */
    Frame openPostponed(String kind, int elementsPerItem) {
        elementWritten();
        Frame frame = new Frame().set(kind, true, false, elementsPerItem, -1);
        int slot = nextSlot();
        open[slot] = frame;
        depth++;
        return frame;
    }

    /** After an attribute header of [pairs] pairs; the attribute annotates the element after it. */
    void afterAttribute(long pairs) {
        started = true;
        written = true;
        if (pairs > 0) pushFixed("attribute", true, 2, pairs * 2);
        else awaitingAttributed = true;
    }

    /**
     * Checks that [frame] is the innermost open aggregate (the server sets the latest postponed
     * length) and that [items] matches what was written.
     */
    void beforeSetLength(Frame frame, long items) {
        if (!isOpen(frame)) throw new IllegalStateException("the length of this " + frame.kind + " reply was already set");
        if (top() != frame)
            throw new IllegalStateException("finish the replies nested in this " + frame.kind + " before setting its length"
                    + " (the server sets the innermost postponed length)");
        if (items < 0 || items * frame.elementsPerItem != frame.count)
            throw new IllegalStateException("this " + frame.kind + " reply has " + frame.count / frame.elementsPerItem
                    + (frame.elementsPerItem == 2 ? " pairs" : " elements") + " written, not " + items);
    }

    private boolean isOpen(Frame frame) {
        for (int i = 0; i < depth; i++) if (open[i] == frame) return true;
        return false;
    }

    void afterSetLength() {
        pop();
        closeCompleted();
    }

    private void closeCompleted() {
        while (depth > 0) {
            Frame top = open[depth - 1];
            if (top.postponed || top.count < top.expected) break;
            depth--;
            if (top.attribute) awaitingAttributed = true;
        }
        complete = started && depth == 0 && !awaitingAttributed;
    }

    /**
     * Finishes a reply the command could not finish, with [errorLine] in place of what was
     * missing; returns false if the reply was already whole (then nothing may be written).
     */
    boolean abandon(String errorLine, Finisher finisher) {
        if (complete) return false;
        finisher.error(errorLine);
        // Written: a failure after this point must not send the client a second reply.
        started = true;
        elementWritten();
        while (depth > 0) {
            Frame frame = pop();
            if (frame.postponed) {
                for (; frame.count % frame.elementsPerItem != 0; frame.count++) finisher.nullElement();
                finisher.setLength(frame, frame.count / frame.elementsPerItem);
            } else {
                for (long i = frame.count; i < frame.expected; i++) finisher.nullElement();
            }
            if (frame.attribute) {
                // An attribute annotates the element after it.
                finisher.nullElement();
                if (top() != null) top().count++;
            }
        }
        complete = true;
        return true;
    }
}
