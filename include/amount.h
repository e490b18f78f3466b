/*
 * amount.h — printed amounts as exact decimals: a scaled integer and the
 * number of decimals printed ("13,297.11" -> 1329711 with 2 decimals).
 * Amounts are never held in floating point, so sums and comparisons are
 * exact and output prints exactly the decimals the document printed.
 *
 * Ownership: plain values; functions write into caller-owned buffers.
 */
#ifndef PDFROWS_AMOUNT_H
#define PDFROWS_AMOUNT_H

#include <stddef.h>
#include <stdint.h>

typedef struct pr_amount {
    int64_t scaled;             /* value * 10^decimals */
    int decimals;               /* 0..6, as printed */
} pr_amount;

/* Parses a whole cell: optional minus (ASCII or full-width), digits with
 * optional thousands separators (groups of three: 13,297.11, not 1,2),
 * optional decimals (at least one digit after the point). Returns 1 on
 * success; 0 for anything else (text, placeholders, overflow). */
int amount_parse(const char *text, pr_amount *out);

/* Writes the amount as a JSON number with its printed decimals ("-0.50",
 * "13297.11") into buf; returns buf. */
char *amount_format(pr_amount a, char *buf, size_t bufsz);

#endif
