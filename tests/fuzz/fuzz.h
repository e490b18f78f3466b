/*
 * fuzz.h — what the fuzz targets share: the libFuzzer entry points, and a
 * temporary file for the targets whose code under test reads a path.
 *
 * Each tests/fuzz/fuzz_NAME.c defines LLVMFuzzerTestOneInput (and may
 * define LLVMFuzzerInitialize). It is linked two ways: with clang's
 * libFuzzer (`make fuzz`: build/fuzz/fuzz_NAME, run by scripts/fuzz) and
 * with replay.c (`make test`: every file under tests/fuzz/corpus/NAME and
 * tests/fuzz/regressions/NAME is fed to it once, on the normal and the
 * ASan build).
 */
#ifndef PDFROWS_FUZZ_H
#define PDFROWS_FUZZ_H

#include <stddef.h>
#include <stdint.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerInitialize(int *argc, char ***argv);

/* data as a NUL-terminated string (a NUL inside ends it early); owned,
 * free(); NULL when out of memory. */
char *fuzz_string(const uint8_t *data, size_t size);

/* Writes data to a file of this process's own (the same path every call)
 * and returns its path (static storage); NULL if it cannot be written. */
const char *fuzz_write_temp(const uint8_t *data, size_t size, const char *suffix);

#endif
