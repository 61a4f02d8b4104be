/*
 * extracted.c: freeing a kh_extracted (see extracted.h).
 */
#include <stdlib.h>
#include <string.h>

#include "extract/extracted.h"

void kh_extracted_free(kh_extracted *e)
{
    if (!e)
        return;
    free(e->title);
    free(e->outlet);
    free(e->author);
    free(e->published_raw);
    free(e->modified_raw);
    free(e->item_id);
    free(e->canonical_url);
    free(e->lang);
    free(e->body);
    free(e->body_spans);
    free(e->dropped);
    memset(e, 0, sizeof *e);
}
