/* SPDX-License-Identifier: MIT */
#include "quote.h"

#include "utf8.h"

#include <stdbool.h>
#include <stdio.h>
#include <string.h>

void quote_bytes(char *out, size_t size, const char *text, size_t len)
{
	size_t at = 0;

	if (size < 6) {
		if (size)
			out[0] = '\0';
		return;
	}
	out[at++] = '"';
	for (size_t i = 0; i < len; i++) {
		unsigned char c = (unsigned char)text[i];
		char piece[5];
		size_t n;
		if (c == '"' || c == '\\') {
			piece[0] = '\\';
			piece[1] = (char)c;
			n = 2;
		} else if (c < 0x20 || c >= 0x7f) {
			snprintf(piece, sizeof(piece), "\\x%02x", c);
			n = 4;
		} else {
			piece[0] = (char)c;
			n = 1;
		}
		/* Room for this piece, then "..." and the closing quote. */
		if (at + n + 5 > size) {
			memcpy(out + at, "...", 3);
			at += 3;
			break;
		}
		memcpy(out + at, piece, n);
		at += n;
	}
	out[at++] = '"';
	out[at] = '\0';
}

/* C0 and C1 controls, DEL, and anything that is not UTF-8: what a
 * terminal could take for a command. */
static size_t unsafe_run(const unsigned char *p, size_t len)
{
	size_t n = utf8_sequence_length(p, len);

	if (n == 0 || (n == 1 && (p[0] < 0x20 || p[0] == 0x7f)))
		return 1;
	if (n == 2 && p[0] == 0xc2 && p[1] < 0xa0)
		return 2; /* U+0080..U+009F */
	return 0;
}

void quote_terminal(char *out, size_t size, const char *text)
{
	const unsigned char *p = (const unsigned char *)text;
	size_t len = strlen(text), at = 0;

	if (size == 0)
		return;
	for (size_t i = 0; i < len;) {
		size_t bad = unsafe_run(p + i, len - i);
		size_t n = bad ? bad : utf8_sequence_length(p + i, len - i);
		size_t need = bad ? 4 * bad : n;
		if (at + need + 1 > size)
			break;
		if (bad) {
			for (size_t k = 0; k < bad; k++)
				snprintf(out + at + 4 * k, 5, "\\x%02x", p[i + k]);
		} else {
			memcpy(out + at, p + i, n);
		}
		at += need;
		i += n;
	}
	out[at] = '\0';
}
