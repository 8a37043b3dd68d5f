/* SPDX-License-Identifier: MIT */
/* libFuzzer harness: entry_parse() on arbitrary bytes.  Beyond not
 * crashing, every accepted entry must format to a canonical string that
 * parses back to the same rule, and the strict parser may refuse only
 * what the kernel-faithful one refuses, plus raw NULs and newlines. */
#include "entry.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct binfmt_entry e, kernel, back;
	struct entry_error error, kernel_error;
	char text[BINFMT_REGISTER_MAX + 1];
	unsigned warnings;

	int strict = entry_parse((const char *)data, size, &e, &error, &warnings);
	int as_kernel =
	    entry_parse_as_kernel((const char *)data, size, &kernel, &kernel_error, NULL);

	if (strict == 0 && as_kernel != 0)
		abort();
	if (strict != 0 && as_kernel == 0 && error.problem != PROBLEM_NUL &&
	    error.problem != PROBLEM_NEWLINE)
		abort();
	if (strict != 0) {
		if (error.position > size || !entry_problem_text(error.problem))
			abort();
		return 0;
	}
	if (!entry_same_rule(&e, &kernel) || strcmp(e.name, kernel.name))
		abort();
	int len = entry_format(&e, text, sizeof(text));
	if (len < 0) {
		/* Only when no delimiter is free or the escaped form is too long. */
		return 0;
	}
	if (entry_parse(text, (size_t)len, &back, NULL, NULL) != 0)
		abort();
	if (!entry_same_rule(&e, &back) || strcmp(e.name, back.name))
		abort();
	return 0;
}
