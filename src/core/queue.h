/*
 * queue.h: a bounded blocking queue of pointers between two threads.
 *
 * One thread pushes, another pops, in order. A full queue blocks the
 * pusher, an empty one the popper. Either side can give up: kh_queue_close
 * (the pusher has no more) lets the popper drain what is left and then
 * get NULL; kh_queue_cancel (the popper stops early) makes every push fail
 * at once, so a pusher blocked on a full queue never waits forever.
 */
#ifndef KH_CORE_QUEUE_H
#define KH_CORE_QUEUE_H

#include <pthread.h>
#include <stddef.h>

typedef struct kh_queue {
    void **items;
    size_t cap, head, n;
    int closed, cancelled;
    pthread_mutex_t lock;
    pthread_cond_t not_empty, not_full;
} kh_queue;

int kh_queue_init(kh_queue *q, size_t cap);
void kh_queue_destroy(kh_queue *q);

/* 0 when item was queued; -1 when the queue was cancelled (item not taken). */
int kh_queue_push(kh_queue *q, void *item);

/* The next item, or NULL once the queue is closed and empty (or cancelled). */
void *kh_queue_pop(kh_queue *q);

void kh_queue_close(kh_queue *q);
void kh_queue_cancel(kh_queue *q);

/* Takes an item left in a cancelled or closed queue (no waiting), or NULL. */
void *kh_queue_take_left(kh_queue *q);

#endif
