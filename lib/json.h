/* SPDX-License-Identifier: MIT */
/* Just enough JSON writing for --json output: strings escaped right,
 * the rest left to the caller's printf. */
#ifndef QBINFMT_JSON_H
#define QBINFMT_JSON_H

#include <stddef.h>
#include <stdio.h>

/* "text" with quotes, escaping control characters and non-UTF-8 safely
 * (bytes >= 0x80 are passed through; callers hand us paths and names). */
void json_string(FILE *out, const char *text);

/* Bytes as a JSON string of lowercase hex. */
void json_hex(FILE *out, const unsigned char *bytes, size_t len);

#endif
