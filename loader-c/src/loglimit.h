/*
 * The loader's own failure lines (an exception that escaped the Java side, which catches
 * everything it can) go through one limit, so that a failure repeated thousands of times (a full
 * JVM heap) cannot flood the server log: each kind of failure (where, and the exception's class)
 * gets VJVM_LOG_FULL_LINES full lines per VJVM_LOG_WINDOW_SECONDS, the rest are counted and one
 * line says how many, written with the first failure of that kind after the window. Any thread
 * (a value may be freed on the server's lazy-free thread).
 */
#ifndef VJVM_LOGLIMIT_H
#define VJVM_LOGLIMIT_H

#define VJVM_LOG_FULL_LINES 10
#define VJVM_LOG_WINDOW_SECONDS 60

/* 1 if the failure `description` at `where` gets its full line now, 0 if it is only counted. */
int vjvm_log_admit(const char *where, const char *description);

#endif
