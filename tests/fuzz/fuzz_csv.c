/* Fuzz target: the RFC 4180 CSV parser (io/csv.c). */
#include <stddef.h>
#include <stdint.h>

#include "io/csv.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    kh_csv csv;
    if (kh_csv_parse((const char *)data, size, &csv) == 0) {
        (void)kh_csv_column(&csv, "text1");
        kh_csv_free(&csv);
    }
    return 0;
}
