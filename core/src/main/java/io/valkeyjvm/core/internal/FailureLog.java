package io.valkeyjvm.core.internal;

import io.valkeyjvm.core.LogLevel;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * The gate every SDK log line about a failure goes through (a command or a blocked client's
 * callback that threw or did not reply, a timer, a main-thread task, a failed coroutine), so
 * that a failure repeated thousands of times (a full heap) cannot flood the server log.
 *
 * <p>A kind of failure is who failed and how: {@code "command 'x'"} and {@code "threw
 * java.lang.OutOfMemoryError"}. Each kind gets {@value #FULL_LINES} full lines in a window of
 * {@value #WINDOW_SECONDS} seconds; the rest of the window's failures of that kind are only
 * counted, and one line says how many when the window ends. Building the full line (a stack
 * trace) is skipped for those, which also spares a struggling main thread.
 */
final class FailureLog {
    /** The system properties (jvm-option -D...) with the full lines per kind of failure and window, and the window. */
    public static final String LINES_PROPERTY = "valkeyjvm.failureLogLines", SECONDS_PROPERTY = "valkeyjvm.failureLogSeconds";
    static final int FULL_LINES = 10;
    static final long WINDOW_SECONDS = 60;
    /** Kinds kept at most; beyond that, kinds whose window is over are forgotten first. */
    private static final int MAX_KINDS = 1024;

    /** Where a line goes. */
    @FunctionalInterface
    interface Sink {
        void write(String line);
    }

    /** Runs a task later, off the caller's thread. */
    @FunctionalInterface
    interface Scheduler {
        void later(long delayNanos, Runnable task);
    }

    private static volatile FailureLog serverLog = forServerLog(FULL_LINES, WINDOW_SECONDS);

    private final LongSupplier clock;
    private final long windowNanos;
    private final int fullLines;
    private final Scheduler scheduler;
    /** Where the summary of a window goes when no failure comes after it (from the scheduler's thread). */
    private final Sink summaries;
    private final ConcurrentHashMap<String, Window> windows = new ConcurrentHashMap<>();

    FailureLog(LongSupplier clock, long windowNanos, int fullLines, Scheduler scheduler, Sink summaries) {
        this.clock = clock;
        this.windowNanos = windowNanos;
        this.fullLines = fullLines;
        this.scheduler = scheduler;
        this.summaries = summaries;
    }

    /**
     * Writes {@code line} (built only if it is written) to {@code sink} for a failure of {@code
     * who} that {@code what} describes ("threw java.lang.IllegalStateException", "returned without
     * a reply"), unless that kind of failure has had its full lines in this window.
     */
    public static void warn(String who, String what, Supplier<String> line, Sink sink) {
        serverLog.write(who, what, line, sink);
    }

    /**
     * Reads the limits from their system properties (OnLoad).
     *
     * @throws LoadFailure if one is not a positive whole number
     */
    static void configure() throws LoadFailure {
        serverLog = forServerLog((int) positive(LINES_PROPERTY, FULL_LINES, "full log lines per kind of failure and window"),
                positive(SECONDS_PROPERTY, WINDOW_SECONDS, "seconds of the window in which each kind of failure gets its full log lines"));
    }

    private static FailureLog forServerLog(int lines, long seconds) {
        return new FailureLog(System::nanoTime, TimeUnit.SECONDS.toNanos(seconds), lines, Housekeeping::schedule,
                line -> ServerHost.log(LogLevel.WARNING, line));
    }

    private static long positive(String property, long defaultValue, String meaning) throws LoadFailure {
        String value = System.getProperty(property);
        if (value == null || value.isBlank()) return defaultValue;
        try {
            long parsed = Long.parseLong(value.trim());
            if (parsed > 0 && parsed <= Integer.MAX_VALUE) return parsed;
        } catch (NumberFormatException ignored) {
            // Said below.
        }
        throw new LoadFailure("jvm-option -D" + property + "=" + value + " is not a positive whole number: give the " + meaning
                + " (default " + defaultValue + ")");
    }

    /** The {@code what} of a thrown failure: its class, whatever its message. */
    public static String threw(Throwable failure) {
        return "threw " + failure.getClass().getName();
    }

    void write(String who, String what, Supplier<String> line, Sink sink) {
        long now = clock.getAsLong();
        String kind = who + '\u0000' + what;
        Window window = windows.get(kind);
        if (window == null) {
            if (windows.size() >= MAX_KINDS) forgetIdle(now);
            window = windows.computeIfAbsent(kind, k -> new Window(who, what, now));
        }
        String summary = null;
        boolean full, last = false;
        synchronized (window) {
            if (now - window.start >= windowNanos) summary = window.restart(now);
            if (window.logged < fullLines) {
                full = true;
                last = ++window.logged == fullLines;
            } else {
                full = false;
                if (window.suppressed++ == 0) {
                    Window counted = window;
                    long generation = window.generation;
                    scheduler.later(window.start + windowNanos - now, () -> flush(counted, generation));
                }
            }
        }
        if (summary != null) sink.write(summary);
        if (full) {
            String text = line.get();
            sink.write(last ? text + " [valkey-jvm: " + fullLines + " of these within " + seconds(windowNanos)
                    + " s; more are counted, and summarized in one line per " + seconds(windowNanos) + " s]" : text);
        }
    }

    /** The scheduled end of a window with counted failures: its summary, unless a failure wrote it already. */
    private void flush(Window window, long generation) {
        String summary;
        synchronized (window) {
            if (window.generation != generation) return;
            summary = window.restart(clock.getAsLong());
        }
        if (summary != null) summaries.write(summary);
    }

    private void forgetIdle(long now) {
        windows.values().removeIf(window -> {
            synchronized (window) {
                return window.suppressed == 0 && now - window.start >= windowNanos;
            }
        });
    }

    private static long seconds(long nanos) {
        return Math.max(1, Math.round(nanos / 1e9));
    }

    /** One kind of failure's current window. Guarded by itself. */
    private static final class Window {
        final String who, what;
        long start;
        int logged;
        long suppressed;
        /** Bumped by each restart, so that a flush scheduled for an earlier window does nothing. */
        long generation;

        Window(String who, String what, long start) {
            this.who = who;
            this.what = what;
            this.start = start;
        }

        /** Ends the window at {@code now}: its summary line if failures were only counted, else null. */
        String restart(long now) {
            String summary = suppressed == 0 ? null
                    : "valkey-jvm: " + who + " " + what + " " + suppressed + (suppressed == 1 ? " more time" : " more times")
                      + " in the last " + seconds(now - start) + " s";
            start = now;
            logged = 0;
            suppressed = 0;
            generation++;
            return summary;
        }
    }
}
