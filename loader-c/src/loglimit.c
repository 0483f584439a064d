#include "loglimit.h"

#include <pthread.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "messages.h"
#include "state.h"
#include "vjvm_api.h"

#define KINDS 32
#define KIND_TEXT 160

struct kind {
    char text[KIND_TEXT]; /* where, a tab, the exception's class; empty for a free slot */
    time_t start;
    int logged;
    unsigned long counted;
};

static struct kind kinds[KINDS];
static pthread_mutex_t kinds_lock = PTHREAD_MUTEX_INITIALIZER;

static time_t now_seconds(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec;
}

/* "java.lang.OutOfMemoryError: Java heap space" is of kind "java.lang.OutOfMemoryError". */
static void kind_of(const char *where, const char *description, char *out) {
    size_t class_length = strcspn(description, ": ");
    snprintf(out, KIND_TEXT, "%s\t%.*s", where, (int)class_length, description);
}

static struct kind *find(const char *text, time_t now) {
    struct kind *oldest = &kinds[0];
    for (int i = 0; i < KINDS; i++) {
        if (strcmp(kinds[i].text, text) == 0) return &kinds[i];
        if (kinds[i].text[0] == '\0' || kinds[i].start < oldest->start) oldest = &kinds[i];
        if (kinds[i].text[0] == '\0') break;
    }
    /* A new kind takes a free slot, or the one whose window began longest ago (its count is dropped). */
    snprintf(oldest->text, KIND_TEXT, "%s", text);
    oldest->start = now;
    oldest->logged = 0;
    oldest->counted = 0;
    return oldest;
}

int vjvm_log_admit(const char *where, const char *description) {
    char text[KIND_TEXT];
    int admitted = 1;
    time_t now = now_seconds();
    kind_of(where, description, text);
    pthread_mutex_lock(&kinds_lock);
    struct kind *kind = find(text, now);
    if (now - kind->start >= VJVM_LOG_WINDOW_SECONDS) {
        if (kind->counted > 0 && vjvm_api.Log != NULL) {
            const char *tab = strchr(kind->text, '\t');
            vjvm_api.Log(NULL, "warning", MSG_ESCAPED_MORE_TIMES,
                         vjvm_state.name, where, kind->counted, tab != NULL ? tab + 1 : "?", (long)(now - kind->start));
        }
        kind->start = now;
        kind->logged = 0;
        kind->counted = 0;
    }
    if (kind->logged < VJVM_LOG_FULL_LINES) {
        kind->logged++;
    } else {
        kind->counted++;
        admitted = 0;
    }
    pthread_mutex_unlock(&kinds_lock);
    return admitted;
}
