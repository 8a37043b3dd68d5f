/* SPDX-License-Identifier: MIT */
/* Text from users and the kernel, made safe to show: in messages, and in
 * the columns of plain output printed to a terminal. */
#ifndef QBINFMT_QUOTE_H
#define QBINFMT_QUOTE_H

#include <stddef.h>

/* `text` as a C-like quoted string for messages, at most `size` - 1
 * bytes with the quotes; bytes outside printable ASCII as \xHH, and "..."
 * where it had to be cut. */
void quote_bytes(char *out, size_t size, const char *text, size_t len);

/* `text` for a terminal: valid UTF-8 kept, control characters (C0, DEL,
 * C1) and bytes that are not UTF-8 as \xHH, so that no name can move the
 * cursor or change colours.  Cut to fit `size`. */
void quote_terminal(char *out, size_t size, const char *text);

#endif
