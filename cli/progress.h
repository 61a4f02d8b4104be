/*
 * progress.h: a progress bar with rate and ETA on stderr.
 *
 * Drawn only when stderr is a terminal (quiet otherwise, so logs and
 * pipes stay clean), redrawn at most ten times a second.
 */
#ifndef KH_CLI_PROGRESS_H
#define KH_CLI_PROGRESS_H

#include <stdint.h>

typedef struct progress {
    int enabled;
    double started, last_draw;
    int drawn;
} progress;

void progress_init(progress *p);
void progress_update(progress *p, uint64_t done, uint64_t total, uint64_t items);
/* Erases the bar (if drawn) so that the next output starts clean. */
void progress_finish(progress *p);

#endif
