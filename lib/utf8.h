/* SPDX-License-Identifier: MIT */
/* UTF-8 as RFC 3629 defines it: what JSON output and terminal text may
 * pass through as it is. */
#ifndef QBINFMT_UTF8_H
#define QBINFMT_UTF8_H

#include <stddef.h>

/* The length (1 to 4) of the valid UTF-8 sequence at p (len bytes
 * available), or 0 when p does not start one: a stray continuation byte,
 * a truncated or overlong sequence, a surrogate, or past U+10FFFF. */
size_t utf8_sequence_length(const unsigned char *p, size_t len);

#endif
