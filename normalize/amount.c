/*
 * amount.c — parsing printed amounts into exact scaled integers and
 * printing them back with the decimals the document printed.
 */
#include "amount.h"

#include <stdio.h>
#include <string.h>

#define MAX_DECIMALS 6

int amount_parse(const char *s, pr_amount *out)
{
    int neg = 0;
    if (*s == '-') {
        neg = 1;
        s++;
    } else if (strncmp(s, "\xEF\xBC\x8D", 3) == 0) {    /* U+FF0D － */
        neg = 1;
        s += 3;
    }
    int64_t v = 0;
    int digits = 0, decimals = -1, group = -1;     /* digits since a comma */
    for (; *s; s++) {
        if (*s >= '0' && *s <= '9') {
            if (v > (INT64_MAX - 9) / 10)
                return 0;
            v = v * 10 + (*s - '0');
            digits++;
            if (group >= 0 && decimals < 0 && ++group > 3)
                return 0;
            if (decimals >= 0 && ++decimals > MAX_DECIMALS)
                return 0;
        } else if (*s == ',' && decimals < 0 && digits > 0 &&
                   (group < 0 ? digits <= 3 : group == 3)) {
            group = 0;                  /* thousands: groups of three */
        } else if (*s == '.' && decimals < 0 && (group < 0 || group == 3)) {
            decimals = 0;
        } else {
            return 0;
        }
    }
    if (digits == 0 || decimals == 0 || (group >= 0 && decimals < 0 && group != 3))
        return 0;
    out->scaled = neg ? -v : v;
    out->decimals = decimals < 0 ? 0 : decimals;
    return 1;
}

char *amount_format(pr_amount a, char *buf, size_t bufsz)
{
    /* |INT64_MIN| without a wrap, even an unsigned one (-fsanitize=integer) */
    uint64_t mag = a.scaled < 0 ? (uint64_t)(-(a.scaled + 1)) + 1 : (uint64_t)a.scaled;
    uint64_t pow10 = 1;
    for (int i = 0; i < a.decimals; i++)
        pow10 *= 10;
    const char *sign = a.scaled < 0 ? "-" : "";
    if (a.decimals == 0)
        snprintf(buf, bufsz, "%s%llu", sign, (unsigned long long)mag);
    else
        snprintf(buf, bufsz, "%s%llu.%0*llu", sign, (unsigned long long)(mag / pow10),
                 a.decimals, (unsigned long long)(mag % pow10));
    return buf;
}
