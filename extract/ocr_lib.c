/*
 * ocr_lib.c — libtesseract loaded on first use (ocr_lib.h).
 */
#include "ocr_lib.h"

#ifdef PDFROWS_OCR
#include <dlfcn.h>
#include <stdio.h>
#include <stdlib.h>

#ifndef PDFROWS_TESSERACT_SO
#define PDFROWS_TESSERACT_SO "libtesseract.so.5"
#endif

const ocr_lib *extract_ocr_lib(char *why, size_t whysz)
{
    static ocr_lib lib;
    static int state;                   /* 0 not tried, 1 loaded, -1 failed */
    static char failure[256];
    if (state == 0) {
        setenv("OMP_THREAD_LIMIT", "1", 0);     /* (1) */
        void *h = dlopen(PDFROWS_TESSERACT_SO, RTLD_NOW | RTLD_LOCAL);
        state = h ? 1 : -1;
        if (!h)
            snprintf(failure, sizeof failure, "%s", dlerror());
#define OCR_LIB_LOAD(f) \
        if (state == 1 && !(*(void **)(void *)&lib.f = dlsym(h, #f))) { \
            state = -1; \
            snprintf(failure, sizeof failure, "%s: no %s", PDFROWS_TESSERACT_SO, #f); \
        }
        OCR_LIB_FUNCTIONS(OCR_LIB_LOAD)
#undef OCR_LIB_LOAD
    }
    if (state < 0) {
        snprintf(why, whysz, "%s", failure);
        return NULL;
    }
    return &lib;
}
#endif
