/*
 * progress.c: the stderr progress bar (see progress.h).
 */
#include <stdio.h>
#include <time.h>
#include <unistd.h>

#include "progress.h"

static double now_seconds(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

void progress_init(progress *p)
{
    p->enabled = isatty(STDERR_FILENO);
    p->started = now_seconds();
    p->last_draw = 0;
    p->drawn = 0;
}

void progress_update(progress *p, uint64_t done, uint64_t total, uint64_t items)
{
    if (!p->enabled)
        return;
    double t = now_seconds();
    if (t - p->last_draw < 0.1)
        return;
    p->last_draw = t;
    double elapsed = t - p->started;
    double rate = elapsed > 0 ? items / elapsed : 0;
    double mbs = elapsed > 0 ? done / elapsed / 1e6 : 0;
    char bar[31] = {0};
    double frac = total ? (double)done / total : 0;
    if (frac > 1)
        frac = 1;
    for (int i = 0; i < 30; i++)
        bar[i] = i < (int)(frac * 30) ? '#' : (total ? '.' : ' ');
    if (total && done > 0 && done < total) {
        double eta = elapsed * (double)(total - done) / done;
        fprintf(stderr, "\r[%s] %3.0f%%  %llu articles  %.0f/s  %.1f MB/s  ETA %.0fs   ", bar,
                frac * 100, (unsigned long long)items, rate, mbs, eta);
    } else {
        fprintf(stderr, "\r%llu articles  %.0f/s  %.1f MB/s   ", (unsigned long long)items, rate,
                mbs);
    }
    p->drawn = 1;
}

void progress_finish(progress *p)
{
    if (p->drawn)
        fprintf(stderr, "\r%80s\r", "");
    p->drawn = 0;
}
