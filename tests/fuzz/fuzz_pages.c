/*
 * fuzz_pages.c — the --pages parser (cli/options.c) on any bytes: a
 * usage error or ranges, never a crash; an accepted range starts at a page
 * >= 1 and ends at or after it, or is open (to 0).
 */
#include "fuzz.h"
#include "options.h"

#include <getopt.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *spec = fuzz_string(data, size);
    if (!spec)
        return 0;
    char *argv[] = {"pdfrows", "--pages", spec, "x.pdf", NULL};
    cli_options opts;
    pr_error err = {0};
    optind = 0;
    if (cli_parse(4, argv, &opts, &err) == PR_OK) {
        for (size_t i = 0; i < opts.n_page_ranges; i++)
            if (opts.page_ranges[2 * i] < 1 ||
                (opts.page_ranges[2 * i + 1] != 0 &&
                 opts.page_ranges[2 * i] > opts.page_ranges[2 * i + 1]))
                abort();
    }
    cli_options_free(&opts);
    free(spec);
    return 0;
}
