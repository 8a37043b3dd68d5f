/* SPDX-License-Identifier: MIT */
/* libFuzzer harness: a Debian binfmt-support format file
 * (table_parse_debian()).  The input is NAME, a NUL byte, then the file;
 * without a NUL the name is "fuzz".  At most one entry comes out, and it
 * formats and parses back the same. */
#include "table.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct binfmt_entry back;
	char name[BINFMT_NAME_MAX + 2] = "fuzz";
	char text[BINFMT_REGISTER_MAX + 1];
	const uint8_t *nul = memchr(data, '\0', size);
	struct table t;

	if (nul) {
		size_t len = (size_t)(nul - data);
		if (len >= sizeof(name))
			return 0;
		memcpy(name, data, len);
		name[len] = '\0';
		size -= len + 1;
		data = nul + 1;
	}
	table_init(&t);
	table_parse_debian(&t, "fuzz", name, (const char *)data, size);
	if (t.count > 1)
		abort();
	if (t.count == 1) {
		if (strcmp(t.items[0].entry.name, name) != 0)
			abort();
		int len = entry_format(&t.items[0].entry, text, sizeof(text));
		if (len >= 0 && (entry_parse(text, (size_t)len, &back, NULL, NULL) != 0 ||
				 !entry_same_rule(&t.items[0].entry, &back)))
			abort();
	}
	table_free(&t);
	return 0;
}
