/*
 * ocr_lib.h — libtesseract (and leptonica through it) loaded with dlopen
 * the first time a scanned page needs it, not linked: most documents have
 * a text layer, and tesseract's dependencies (curl, ICU, Kerberos,
 * OpenMP ...) would otherwise be loaded and relocated by every process,
 * for every document.
 *
 * Ownership: the function table is static, loaded once per process and
 * never freed (the library stays loaded to the end of the process).
 *
 * NOTES
 *   (1) Before the library is loaded, OMP_THREAD_LIMIT is set to 1 unless
 *       the user set it: tesseract's OpenMP loops ask for four threads,
 *       whose waiting spins took three quarters of the CPU of an OCR'd
 *       page on a two-core machine (8.3 s against 2.1 s a page), while
 *       pdfrows already keeps every core busy with one worker per
 *       document. libgomp reads the variable once, when it is loaded:
 *       hence dlopen, not a call.
 *   (2) The soname is the one the build compiled against (the Makefile
 *       reads it from the library's dynamic section): the C API of the
 *       headers and of the library then agree.
 */
#ifndef PDFROWS_OCR_LIB_H
#define PDFROWS_OCR_LIB_H

#ifdef PDFROWS_OCR
#include <leptonica/allheaders.h>
#include <tesseract/capi.h>

#define OCR_LIB_FUNCTIONS(X) \
    X(TessVersion) X(TessBaseAPICreate) X(TessBaseAPIDelete) X(TessBaseAPIEnd) \
    X(TessBaseAPIInit3) X(TessBaseAPIClear) X(TessBaseAPISetVariable) \
    X(TessBaseAPISetPageSegMode) X(TessBaseAPISetImage2) X(TessBaseAPISetRectangle) \
    X(TessBaseAPISetSourceResolution) X(TessBaseAPIRecognize) \
    X(TessBaseAPIGetIterator) X(TessBaseAPIGetUTF8Text) X(TessBaseAPIMeanTextConf) \
    X(TessDeleteText) X(TessPageIteratorBoundingBox) X(TessPageIteratorIsAtBeginningOf) \
    X(TessPageIteratorNext) X(TessResultIteratorConfidence) X(TessResultIteratorDelete) \
    X(TessResultIteratorGetPageIterator) X(TessResultIteratorGetUTF8Text) \
    X(setMsgSeverity) X(pixCreate) X(pixDestroy) X(pixClone) X(pixSetPixel) \
    X(pixConvertTo1) X(pixOpenBrick) X(pixConnComp) X(pixFindSkewAndDeskew) \
    X(pixRotateOrth) X(boxaDestroy) X(boxaGetCount) X(boxaGetBoxGeometry) \
    X(boxCreate) X(boxDestroy) X(pixClipRectangle) X(pixAddBorder) \
    X(pixBlockconv) X(pixThresholdToValue) X(pixGetGrayHistogram) X(numaGetIValue) \
    X(numaDestroy)

typedef struct ocr_lib {
#define OCR_LIB_POINTER(f) __typeof__(&f) f;
    OCR_LIB_FUNCTIONS(OCR_LIB_POINTER)
#undef OCR_LIB_POINTER
} ocr_lib;

/* The loaded functions, or NULL with why in why[0..whysz) (the library
 * or a function missing). Loads once; later calls return the same. */
const ocr_lib *extract_ocr_lib(char *why, size_t whysz);
#endif

#endif
