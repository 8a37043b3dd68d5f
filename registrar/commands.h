/* SPDX-License-Identifier: MIT */
#ifndef QBINFMT_COMMANDS_H
#define QBINFMT_COMMANDS_H

#include <stdbool.h>

/* Options shared by every command, parsed once in qbinfmt.c. */
struct options {
	bool json;
	int verbose;
	const char *qemu_dirs; /* colon-separated */
};

/* Each command parses its own arguments (argv[0] is its name). */
int do_list(const struct options *opts, int argc, char **argv);

#endif
