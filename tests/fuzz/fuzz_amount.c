/*
 * fuzz_amount.c — amount_parse() on any bytes, and the property that a
 * parsed amount, formatted, parses back to itself.
 */
#include "fuzz.h"
#include "amount.h"

#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *text = fuzz_string(data, size);
    if (!text)
        return 0;
    pr_amount a;
    if (amount_parse(text, &a)) {
        char buf[128];
        const char *printed = amount_format(a, buf, sizeof buf);
        pr_amount b;
        if (!printed || !amount_parse(printed, &b) || a.scaled != b.scaled ||
            a.decimals != b.decimals)
            abort();                    /* formatting lost the amount */
    }
    free(text);
    return 0;
}
