/*
 * queue.c: bounded blocking queue (see queue.h): a ring of pointers under
 * one mutex, with a condition for each way of waiting.
 */
#include <stdlib.h>

#include "core/error.h"
#include "core/queue.h"

int kh_queue_init(kh_queue *q, size_t cap)
{
    q->items = malloc((cap ? cap : 1) * sizeof *q->items);
    if (!q->items)
        return kh_set_error(KH_ENOMEM, "out of memory");
    q->cap = cap ? cap : 1;
    q->head = q->n = 0;
    q->closed = q->cancelled = 0;
    pthread_mutex_init(&q->lock, NULL);
    pthread_cond_init(&q->not_empty, NULL);
    pthread_cond_init(&q->not_full, NULL);
    return KH_OK;
}

void kh_queue_destroy(kh_queue *q)
{
    if (!q->items)
        return;
    pthread_mutex_destroy(&q->lock);
    pthread_cond_destroy(&q->not_empty);
    pthread_cond_destroy(&q->not_full);
    free(q->items);
    q->items = NULL;
}

int kh_queue_push(kh_queue *q, void *item)
{
    pthread_mutex_lock(&q->lock);
    while (q->n == q->cap && !q->cancelled)
        pthread_cond_wait(&q->not_full, &q->lock);
    int rc = -1;
    if (!q->cancelled) {
        q->items[(q->head + q->n) % q->cap] = item;
        q->n++;
        rc = 0;
        pthread_cond_signal(&q->not_empty);
    }
    pthread_mutex_unlock(&q->lock);
    return rc;
}

static void *take(kh_queue *q)
{
    void *item = q->items[q->head];
    q->head = (q->head + 1) % q->cap;
    q->n--;
    return item;
}

void *kh_queue_pop(kh_queue *q)
{
    pthread_mutex_lock(&q->lock);
    while (q->n == 0 && !q->closed && !q->cancelled)
        pthread_cond_wait(&q->not_empty, &q->lock);
    void *item = NULL;
    if (q->n > 0 && !q->cancelled) {
        item = take(q);
        pthread_cond_signal(&q->not_full);
    }
    pthread_mutex_unlock(&q->lock);
    return item;
}

void kh_queue_close(kh_queue *q)
{
    pthread_mutex_lock(&q->lock);
    q->closed = 1;
    pthread_cond_broadcast(&q->not_empty);
    pthread_mutex_unlock(&q->lock);
}

void kh_queue_cancel(kh_queue *q)
{
    pthread_mutex_lock(&q->lock);
    q->cancelled = 1;
    pthread_cond_broadcast(&q->not_full);
    pthread_cond_broadcast(&q->not_empty);
    pthread_mutex_unlock(&q->lock);
}

void *kh_queue_take_left(kh_queue *q)
{
    pthread_mutex_lock(&q->lock);
    void *item = q->n > 0 ? take(q) : NULL;
    pthread_mutex_unlock(&q->lock);
    return item;
}
