/* SPDX-License-Identifier: MIT */
/* libFuzzer harness: entry_status_parse() on arbitrary bytes.  Whatever it
 * accepts must be a valid entry: it formats and parses back the same. */
#include "entry.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct binfmt_entry e, back;
	char text[BINFMT_REGISTER_MAX + 1];
	int bad_line;

	if (entry_status_parse("fuzz", (const char *)data, size, &e, &bad_line) != 0) {
		if (bad_line < 0)
			abort();
		return 0;
	}
	if (e.type == ENTRY_MAGIC &&
	    (e.size == 0 || (size_t)e.offset + e.size > BINFMT_HEADER_SIZE))
		abort();
	int len = entry_format(&e, text, sizeof(text));
	if (len < 0)
		return 0;
	/* A status file can describe what no register string can (a newline
	 * in the interpreter cannot reach here: lines split on it). */
	if (entry_parse(text, (size_t)len, &back, NULL, NULL) != 0)
		return 0;
	back.enabled = e.enabled; /* a register string always registers enabled */
	if (!entry_same_rule(&e, &back))
		abort();
	return 0;
}
